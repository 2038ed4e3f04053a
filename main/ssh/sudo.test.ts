import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSudoCommand, newSudoMarkers, SudoStderrFilter } from './sudo';

const run = promisify(execFile);

function feedAll(f: SudoStderrFilter, chunks: string[]) {
  let out = '';
  const events: string[] = [];
  for (const c of chunks) {
    const r = f.feed(c);
    out += r.passthrough;
    events.push(...r.events);
  }
  return { out, events };
}

function splitAt(s: string, cuts: number[]): string[] {
  const sorted = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let prev = 0;
  for (const c of sorted) {
    parts.push(s.slice(prev, c));
    prev = c;
  }
  parts.push(s.slice(prev));
  return parts;
}

describe('sudo markers and command', () => {
  it('markers are random and free of % (sudo expands %-escapes in -p)', () => {
    const a = newSudoMarkers();
    const b = newSudoMarkers();
    expect(a.prompt).not.toBe(b.prompt);
    expect(a.prompt + a.start).not.toContain('%');
  });

  it('never contains a password and keeps the command as one quoted argument', () => {
    const m = newSudoMarkers();
    const cmd = buildSudoCommand(`echo "it's" $HOME`, 'password', m);
    expect(cmd.startsWith(`sudo -S -p '${m.prompt}' -- sh -c `)).toBe(true);
    expect(buildSudoCommand('id', 'nopasswd', m).startsWith('sudo -n -- sh -c ')).toBe(true);
  });

  it('the wrapper announces the start on stderr, then runs the command (checked with a fake sudo in a real sh)', async () => {
    const m = newSudoMarkers();
    const cmd = buildSudoCommand(`printf '%s' "ä'\\"$x"; echo err >&2; exit 3`, 'nopasswd', m);
    // Replace `sudo -n --` by nothing: the rest must be a valid sh command line on its own.
    const direct = cmd.replace(/^sudo -n -- /, '');
    const r = await run('/bin/sh', ['-c', `x=1; ${direct}`]).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(r.stdout).toBe(`ä'"`); // $x is not expanded by the outer shell: the command is passed intact
    expect(r.stderr).toBe(`${m.start}\nerr\n`);
    expect((r as { code?: number }).code).toBe(3);
  });
});

describe('SudoStderrFilter', () => {
  const ctx = { user: 'u', host: 'h' };

  it('password accepted: one sendPassword, preamble hidden, command stderr passed through', () => {
    const m = newSudoMarkers();
    const f = new SudoStderrFilter(m);
    const { out, events } = feedAll(f, [`lecture text\n${m.prompt}`, `${m.start}\ncmd err\n`, 'more\n']);
    expect(events).toEqual(['sendPassword']);
    expect(out).toBe('cmd err\nmore\n');
    expect(f.sudoMessages).toBe('lecture text');
    expect(f.outcome(0, ctx)).toBeUndefined();
  });

  it('wrong password: the second prompt raises wrongPassword exactly once', () => {
    const m = newSudoMarkers();
    const f = new SudoStderrFilter(m);
    const { events } = feedAll(f, [m.prompt, 'Sorry, try again.\n', m.prompt, 'Sorry, try again.\n', m.prompt]);
    expect(events).toEqual(['sendPassword', 'wrongPassword']);
    expect(f.outcome(1, ctx)?.code).toBe('ssh:errors.sudoWrongPassword');
  });

  it('not allowed: password accepted but no start marker -> sudoDenied with sudo message as detail', () => {
    const m = newSudoMarkers();
    const f = new SudoStderrFilter(m);
    feedAll(f, [m.prompt, 'u is not in the sudoers file.\n']);
    const err = f.outcome(1, ctx);
    expect(err?.code).toBe('ssh:errors.sudoDenied');
    expect(err?.detail).toContain('sudoers');
  });

  it('sudo missing -> commandNotFound', () => {
    const f = new SudoStderrFilter(newSudoMarkers());
    feedAll(f, ['sh: 1: sudo: not found\n']);
    expect(f.outcome(127, ctx)?.code).toBe('ssh:errors.commandNotFound');
  });

  it('property: arbitrary chunking gives the same result', () => {
    const m = newSudoMarkers();
    const stream = `We trust you have received the usual lecture\n${m.prompt}${m.start}\nä err ${m.prompt} not a prompt any more\n`;
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        const f = new SudoStderrFilter(m);
        const { out, events } = feedAll(f, splitAt(stream, cuts));
        expect(events).toEqual(['sendPassword']);
        expect(out).toBe(`ä err ${m.prompt} not a prompt any more\n`);
        expect(f.started).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

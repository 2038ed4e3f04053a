import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_GONE, killCommand, newPidMarker, newRunId, PidMarkerFilter, plainCommand, terminateCommand, wrapCommand } from './wrapper';

const run = promisify(execFile);

describe('command wrapper', () => {
  it('reports the PID of the process that then runs the command in sh (checked in a real bash)', async () => {
    const m = newPidMarker();
    const cmd = wrapCommand(plainCommand(`echo "pid=$$"; echo 'ä "x"' >&2; exit 5`), m);
    const r = await run('/bin/bash', ['-c', cmd]).catch((e: { stdout: string; stderr: string; code: number }) => e);
    const f = new PidMarkerFilter(m);
    const rest = f.feed(r.stderr) + f.flush();
    expect(rest).toBe('ä "x"\n');
    expect(r.stdout).toBe(`pid=${f.pid}\n`); // exec keeps the PID
    expect((r as { code?: number }).code).toBe(5);
  });

  it('filter passes through text before the marker and handles any chunking', () => {
    const m = newPidMarker();
    const stream = `bashrc says hi\n${m} 4242\nreal stderr ä\n`;
    fc.assert(
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 8 }), (cuts) => {
        const f = new PidMarkerFilter(m);
        let out = '';
        let prev = 0;
        for (const c of [...cuts].sort((a, b) => a - b).concat(stream.length)) {
          out += f.feed(stream.slice(prev, c));
          prev = c;
        }
        out += f.flush();
        expect(out).toBe('bashrc says hi\nreal stderr ä\n');
        expect(f.pid).toBe(4242);
      }),
    );
  });

  it('kill command refuses nonsense PIDs', () => {
    expect(killCommand(1234, 'TERM')).toBe('kill -s TERM -- -1234 2>/dev/null || kill -s TERM 1234 2>/dev/null; true');
    expect(() => killCommand(1, 'KILL')).toThrow();
    expect(() => killCommand(Number.NaN, 'KILL')).toThrow();
  });

  it('terminate command ends processes that carry the run marker, also detached ones, and says when none is left', async () => {
    const id = newRunId();
    const tag = `1000.${Math.floor(Math.random() * 1e6)}`;
    // A detached (setsid) sleeper started through plainCommand, as the session starts commands.
    await run('/bin/sh', ['-c', `${plainCommand(`setsid sleep ${tag} </dev/null >/dev/null 2>&1 &`, id)}`]);
    const alive = async () => (await run('ps', ['-eo', 'args'])).stdout.split('\n').some((l) => l === `sleep ${tag}`);
    expect(await alive()).toBe(true);
    const r = await run('/bin/sh', ['-c', terminateCommand(id, undefined, 'TERM')]);
    expect(r.stdout.trim()).toBe(ALL_GONE);
    expect(await alive()).toBe(false);
    // Nothing of this run any more: still ALL_GONE, and other processes are untouched.
    expect((await run('/bin/sh', ['-c', terminateCommand(id, undefined, 'KILL')])).stdout.trim()).toBe(ALL_GONE);
    expect(() => terminateCommand('x; rm -rf /', undefined, 'KILL')).toThrow();
    expect(() => terminateCommand(id, 1, 'KILL')).toThrow();
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { killCommand, newPidMarker, PidMarkerFilter, plainCommand, wrapCommand } from './wrapper';

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
});

import { describe, expect, it } from 'vitest';
import { appendOutput, LINE_LIMIT } from './outputBuffer';

const chunk = (text: string, stream: 'stdout' | 'stderr' | 'info' = 'stdout') => ({ stepId: 's1', node: 'primary' as const, stream, text });

describe('appendOutput', () => {
  it('splits into numbered lines and keeps step, node and stream', () => {
    const r = appendOutput([], [chunk('one\ntwo\n'), chunk('err\n', 'stderr')], 1);
    expect(r.lines.map((l) => [l.n, l.text, l.stream])).toEqual([[1, 'one', 'stdout'], [2, 'two', 'stdout'], [3, 'err', 'stderr']]);
    expect(r.lines[0]).toMatchObject({ stepId: 's1', node: 'primary' });
    expect(r.next).toBe(4);
  });

  it('keeps only the newest lines', () => {
    const text = Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n');
    const r = appendOutput([], [chunk(text)], 1, 10);
    expect(r.lines).toHaveLength(10);
    expect(r.lines[0]!.text).toBe('l20');
    expect(r.lines[9]!.n).toBe(30);
  });

  it('a carriage return shows the last state of a progress line, as a terminal would', () => {
    const r = appendOutput([], [chunk('  10%\r  55%\r 100%\r\n')], 1);
    expect(r.lines.map((l) => l.text)).toEqual([' 100%']);
  });

  it('never passes escape sequences on and cuts endless lines', () => {
    const r = appendOutput([], [chunk(`\u001b]0;title\u0007\u001b[2Jok\n${'x'.repeat(LINE_LIMIT + 50)}`)], 1);
    expect(r.lines[0]!.text).toBe('␛]0;title␇␛[2Jok');
    expect(r.lines[1]!.text).toHaveLength(LINE_LIMIT + 1);
  });
});

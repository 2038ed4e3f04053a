import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StepOutput } from './stepOutput';

describe('StepOutput', () => {
  it('never lets a secret through, however the output is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 20 }).filter((s) => !/[\n\r]/.test(s) && !s.includes('[REDACTED]')),
        fc.array(fc.string({ maxLength: 300 }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (secret, parts, cuts) => {
          const text = parts.join(secret) + (parts.length % 2 ? secret : '') + 'x'.repeat(cuts.length * 50);
          const seen: string[] = [];
          const out = new StepOutput([secret], (_s, t) => seen.push(t));
          let i = 0;
          for (const c of cuts) {
            const j = Math.min(text.length, i + (c % 120));
            out.write('stdout', text.slice(i, j));
            i = j;
          }
          out.write('stdout', text.slice(i));
          out.flush();
          const all = seen.join('');
          expect(all.includes(secret)).toBe(false);
          expect(out.tailText().includes(secret)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('passes whole lines at once and keeps a bounded tail starting at a line', () => {
    const seen: string[] = [];
    const out = new StepOutput([], (_s, t) => seen.push(t));
    out.write('stdout', 'line 1\nline');
    expect(seen).toEqual(['line 1\n']);
    out.write('stdout', ' 2\n');
    expect(seen).toEqual(['line 1\n', 'line 2\n']);
    for (let k = 0; k < 500; k++) out.write('stdout', `row ${k} ${'y'.repeat(20)}\n`);
    const tail = out.tailText();
    expect(tail.length).toBeLessThanOrEqual(4000);
    expect(tail.startsWith('row ')).toBe(true);
    expect(tail.endsWith('row 499 yyyyyyyyyyyyyyyyyyyy\n')).toBe(true);
  });

  it('digest is the sha256 of what was shown', () => {
    const out = new StepOutput(['geheim1'], () => {});
    out.write('stdout', 'pw=geheim1\n');
    out.flush();
    const again = new StepOutput([], () => {});
    again.write('stdout', 'pw=[REDACTED]\n');
    again.flush();
    expect(out.digest()).toBe(again.digest());
  });
});

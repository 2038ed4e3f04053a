import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextCollector } from './textStream';

function feed(bytes: Buffer, cuts: number[], max?: number): { streamed: string; kept: string; truncated: boolean } {
  const c = new TextCollector(max);
  let streamed = '';
  let prev = 0;
  for (const cut of [...cuts.filter((x) => x > 0 && x < bytes.length)].sort((a, b) => a - b).concat(bytes.length)) {
    const t = c.decode(bytes.subarray(prev, cut));
    streamed += t;
    c.keep(t);
    prev = cut;
  }
  const rest = c.flush();
  streamed += rest;
  c.keep(rest);
  return { streamed, kept: c.text, truncated: c.truncated };
}

describe('TextCollector', () => {
  it('keeps umlauts intact when a chunk boundary falls inside a character', () => {
    const bytes = Buffer.from('Grüße: äöü ÄÖÜ ß €', 'utf8');
    const idx = bytes.indexOf(0xc3); // first byte of ü
    const r = feed(bytes, [idx + 1]);
    expect(r.streamed).toBe('Grüße: äöü ÄÖÜ ß €');
    expect(r.streamed).not.toContain('\uFFFD');
  });

  it('property: any split of any UTF-8 text decodes to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.array(fc.nat(300), { maxLength: 20 }), (s, cuts) => {
        const r = feed(Buffer.from(s, 'utf8'), cuts);
        expect(r.streamed).toBe(s);
        expect(r.kept).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('single-byte chunks of 4-byte characters', () => {
    const s = '😀ä😀';
    const b = Buffer.from(s);
    expect(feed(b, Array.from({ length: b.length }, (_, i) => i)).streamed).toBe(s);
  });

  it('bounds what it keeps and reports truncation', () => {
    const r = feed(Buffer.from('abcdefghij'), [3, 6], 4);
    expect(r.streamed).toBe('abcdefghij');
    expect(r.kept).toBe('abcd');
    expect(r.truncated).toBe(true);
  });
});

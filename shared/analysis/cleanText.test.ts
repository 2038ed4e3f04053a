import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanForTerminal, cleanServerText, ServerTextCleaner } from './cleanText';

// eslint-disable-next-line no-control-regex
const STEERING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('cleanServerText', () => {
  it.each([
    ['colours', 'a\x1b[31;1mred\x1b[0m b', 'ared b'],
    ['cursor moves and screen clear', '\x1b[2J\x1b[Hok\x1b[10A', 'ok'],
    ['private modes', 'x\x1b[?1049hy\x1b[?25l', 'xy'],
    ['window title (OSC with BEL)', 'pre\x1b]0;owned\x07post', 'prepost'],
    ['hyperlink (OSC 8 with ST)', '\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\', 'click'],
    ['DCS', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['charset and reset', '\x1b(Babc\x1bc', 'abc'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['8-bit OSC', 'a\u009d0;t\u009cb', 'ab'],
    ['bell, backspace, NUL, DEL', 'a\x07b\x08c\x00d\x7fe', 'abcde'],
    ['bidi override', 'abc\u202egpj.exe', 'abcgpj.exe'],
    ['unterminated OSC stops at the line end', 'x\x1b]0;title\nnext line', 'x\nnext line'],
    ['broken CSI keeps the line break', 'x\x1b[31\ny', 'x\ny'],
    ['lone surrogate', 'a\ud800b', 'a\uFFFDb'],
  ])('removes %s', (_n, input, expected) => {
    expect(cleanServerText(input)).toBe(expected);
  });

  it('keeps text, tabs, line breaks, umlauts, emoji and U+FFFD', () => {
    const s = 'Grüße\täöü\r\nZeile 2 € 🙂 \uFFFD\n';
    expect(cleanServerText(s)).toBe(s);
  });

  it('is idempotent and leaves nothing that steers a terminal, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const once = cleanServerText(s);
        expect(once).not.toMatch(STEERING);
        expect(cleanServerText(once)).toBe(once);
        expect((once as string & { isWellFormed(): boolean }).isWellFormed()).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('streaming gives the same as the whole text, however the chunks are cut', () => {
    const pieces = ['a', '\x1b', '[', '3', '1', 'm', 'b', '\x1b]0;t', '\x07', 'c', '\u009b', '2J', '\n', '\ud83d', '\ude42', 'ä', '\x1b\\'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 10 }), (parts, cutsRaw) => {
        const whole = parts.join('');
        const cuts = [...new Set(cutsRaw.map((c) => c % (whole.length + 1)))].sort((x, y) => x - y);
        const c = new ServerTextCleaner();
        let out = '';
        let prev = 0;
        for (const cut of [...cuts, whole.length]) {
          out += c.push(whole.slice(prev, cut));
          prev = cut;
        }
        out += c.end();
        expect(out).toBe(cleanServerText(whole));
      }),
      { numRuns: 1000 },
    );
  });

  it('does not buffer an escape sequence that never ends', () => {
    const c = new ServerTextCleaner();
    expect(c.push('ok\x1b]0;' + 'x'.repeat(10_000))).toBe('ok');
    expect(c.push('more\n')).toBe('more\n');
  });
});

describe('cleanForTerminal', () => {
  it('turns carriage returns into line breaks so nothing can be overprinted', () => {
    expect(cleanForTerminal('safe\rrm -rf /\r\nnext')).toBe('safe\nrm -rf /\nnext');
  });
});

import type { FontName } from '../fonts';
import type { PdfWriter } from '../writer';

interface Token {
  text: string;
  /** A space stands before it (else it continues the previous token after a hyphen or slash). */
  spaced: boolean;
}

/** Words, with break chances after hyphens and slashes ("Dovecot-/Replikation", "SMTP-Loadbalancer"). */
function tokens(line: string): Token[] {
  const out: Token[] = [];
  for (const word of line.split(/ +/)) {
    word.split(/(?<=[-/](?=[^-/]{2}))/).forEach((part, i) => out.push({ text: part, spaced: i === 0 }));
  }
  if (out[0]) out[0].spaced = false;
  return out;
}

/**
 * Word wrap for cells and code, where the renderer must know every line in advance (to split a row across
 * pages and to size boxes). Lines break at spaces, after hyphens and slashes, and words wider than the
 * column are cut at characters instead of overflowing.
 */
export function wrapLines(w: PdfWriter, text: string, width: number, font: FontName, size: number): string[] {
  const measure = (s: string) => w.widthOf(s, font, size);
  const space = measure(' ');
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    // Leading spaces indent the first line (task rows under their phase); kept as no-break spaces.
    const indent = '\u00a0'.repeat(/^[ \t]*/.exec(raw)![0].replace(/\t/g, '    ').length);
    const para = raw.trimStart();
    let line = indent;
    let lineW = indent ? measure(indent) : 0;
    for (const tok of tokens(para)) {
      // Token widths are cached; a line's width is their sum plus the spaces (kerning across a space is nil).
      const tw = measure(tok.text);
      const gap = line.trim() && tok.spaced ? space : 0;
      if (lineW + gap + tw <= width) {
        line += (gap ? ' ' : '') + tok.text;
        lineW += gap + tw;
        continue;
      }
      if (line.trim()) out.push(line);
      line = '';
      lineW = 0;
      let rest = tok.text;
      while (measure(rest) > width && rest.length > 1) {
        let lo = 1;
        let hi = rest.length - 1;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (measure(rest.slice(0, mid)) <= width) lo = mid;
          else hi = mid - 1;
        }
        out.push(rest.slice(0, lo));
        rest = rest.slice(lo);
      }
      line = rest;
      lineW = measure(rest);
    }
    out.push(line);
  }
  return out;
}

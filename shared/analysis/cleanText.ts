/**
 * Text that came from a server is cleaned once, where it enters the app, before it reaches facts, the UI,
 * the audit view or a terminal: terminal escape sequences (CSI, OSC, DCS ... in their 7-bit and 8-bit forms)
 * are removed whole (an unterminated OSC/DCS string up to the end of its line), so no colour code, title change, screen clear or hyperlink survives; remaining control
 * characters and bidi overrides (which can make a terminal or the UI show text in a misleading order) are
 * dropped. Invalid UTF-8 has already become U+FFFD in the decoder; that stays, as the visible sign that the
 * server printed bytes that are no text. Lone UTF-16 surrogates (only possible from decoded JSON) become
 * U+FFFD too. Tab, line feed and carriage return stay (the parsers need lines). Pure.
 */

/** Anything the cleaner might have to touch; text without these passes through unchanged (fast path). */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

const ESC = 0x1b;
const BEL = 0x07;
/** A sequence that never ends is dropped after this many characters instead of buffering forever. */
const MAX_SEQUENCE = 4096;

function isDropped(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * Length of the escape sequence starting at i (ESC or an 8-bit introducer), or -1 if the text ends before
 * the sequence does (the streaming cleaner then waits for more).
 */
function sequenceLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  let kind: 'csi' | 'string' | 'short';
  let p: number;
  if (c === ESC) {
    if (i + 1 >= s.length) return -1;
    const n = s.charCodeAt(i + 1);
    if (n === 0x5b /* [ */) kind = 'csi';
    else if (n === 0x5d /* ] */ || n === 0x50 /* P */ || n === 0x58 /* X */ || n === 0x5e /* ^ */ || n === 0x5f /* _ */) kind = 'string';
    else kind = 'short';
    p = i + 2;
    if (kind === 'short') {
      // ESC, intermediates 0x20-0x2f, one final 0x30-0x7e (e.g. ESC c, ESC ( B, ESC 7).
      p = i + 1;
      while (p < s.length && s.charCodeAt(p) >= 0x20 && s.charCodeAt(p) <= 0x2f) p++;
      if (p >= s.length) return -1;
      const f = s.charCodeAt(p);
      return f >= 0x30 && f <= 0x7e ? p + 1 - i : p - i;
    }
  } else if (c === 0x9b) {
    kind = 'csi';
    p = i + 1;
  } else if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) {
    kind = 'string';
    p = i + 1;
  } else return 1;
  if (kind === 'csi') {
    // Parameters 0x30-0x3f, intermediates 0x20-0x2f, final 0x40-0x7e.
    while (p < s.length) {
      const x = s.charCodeAt(p);
      if (x >= 0x40 && x <= 0x7e) return p + 1 - i;
      if (x < 0x20 || x > 0x3f) return p - i; // broken sequence: drop what we have, keep the rest
      p++;
    }
    return -1;
  }
  // OSC/DCS/SOS/PM/APC: up to BEL, ST (ESC \) or 8-bit ST. A line feed also ends it here (terminals would
  // read on), so a sequence that is never terminated cannot swallow the lines after it.
  while (p < s.length) {
    const x = s.charCodeAt(p);
    if (x === BEL || x === 0x9c) return p + 1 - i;
    if (x === 0x0a) return p - i;
    if (x === ESC) {
      if (p + 1 >= s.length) return -1;
      return (s.charCodeAt(p + 1) === 0x5c ? p + 2 : p) - i;
    }
    p++;
  }
  return -1;
}

function clean(s: string, final: boolean): { text: string; rest: string } {
  if (!SUSPECT.test(s)) return { text: s, rest: '' };
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
        i++;
        continue;
      }
      if (c <= 0xdbff && i + 1 === s.length && !final) {
        out += s.slice(from, i);
        return { text: out, rest: s.slice(i) };
      }
      out += s.slice(from, i) + '\uFFFD';
      from = i + 1;
      continue;
    }
    if (!isDropped(c)) continue;
    out += s.slice(from, i);
    if (c === ESC || c === 0x9b || c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) {
      const n = sequenceLength(s, i);
      if (n < 0) {
        // Unfinished at the end of this chunk: wait for the rest, unless the stream ends or it is absurdly long.
        if (final || s.length - i > MAX_SEQUENCE) return { text: out, rest: '' };
        return { text: out, rest: s.slice(i) };
      }
      i += n - 1;
    }
    from = i + 1;
  }
  return { text: out + s.slice(from), rest: '' };
}

/** Cleans a complete text (see the file comment). Idempotent. */
export function cleanServerText(s: string): string {
  return clean(s, true).text;
}

/**
 * The same for a stream of decoded chunks (one instance per stream): an escape sequence split across
 * chunks is still removed whole.
 */
export class ServerTextCleaner {
  private rest = '';

  push(chunk: string): string {
    const r = clean(this.rest + chunk, false);
    this.rest = r.rest;
    return r.text;
  }

  end(): string {
    const r = clean(this.rest, true);
    this.rest = '';
    return r.text;
  }
}

/**
 * For a terminal or a one-line UI field: like cleanServerText, and carriage returns (which move the cursor
 * back over what was printed) become line breaks.
 */
export function cleanForTerminal(s: string): string {
  return cleanServerText(s).replace(/\r\n?/g, '\n');
}

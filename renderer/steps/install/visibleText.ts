/**
 * Text from a server shown as text: control characters, escape sequences and bidi overrides become visible
 * placeholders instead of acting on the display. React never interprets them, but an invisible ESC or a
 * right-to-left override would still make a command or a diff line look different from what it is.
 * Unlike shared/analysis/cleanText (which drops them where server output enters the app), this keeps them
 * visible: a config file's diff must show that a byte is there.
 */
// eslint-disable-next-line no-control-regex
const C0 = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const C1 = /[\u0080-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visibleText(s: string): string {
  return s
    .replace(C0, (c) => (c === '\u007f' ? '␡' : String.fromCharCode(0x2400 + c.charCodeAt(0))))
    .replace(C1, (c) => `\\x${c.charCodeAt(0).toString(16)}`)
    .replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

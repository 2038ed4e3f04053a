import { StringDecoder } from 'node:string_decoder';

export const REDACTED = '[REDACTED]';

/** Replaces every occurrence of every secret (longest first, so overlapping secrets leave nothing behind). */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const list = [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of list) out = out.split(s).join(REDACTED);
  return out;
}

/** Deep-redacts all string values of a JSON-like value. */
export function redactDeep<T>(value: T, secrets: Iterable<string>): T {
  const list = [...secrets];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * Keeps the first and last `limitBytes` bytes of UTF-8 text, cut on character boundaries, with a marker saying
 * how much was left out. Redact BEFORE bounding, so a secret can never be cut into unrecognisable pieces.
 */
export function boundText(text: string, limitBytes: number): { text: string; truncated: boolean } {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= 2 * limitBytes) return { text, truncated: false };
  const head = new StringDecoder('utf8').write(buf.subarray(0, limitBytes)); // drops a trailing partial char
  let tailStart = buf.length - limitBytes;
  while (tailStart < buf.length && ((buf[tailStart] ?? 0) & 0xc0) === 0x80) tailStart++; // skip continuation bytes
  const tail = buf.subarray(tailStart).toString('utf8');
  const omitted = buf.length - Buffer.byteLength(head) - Buffer.byteLength(tail);
  return { text: `${head}\n…[${omitted} bytes omitted]…\n${tail}`, truncated: true };
}

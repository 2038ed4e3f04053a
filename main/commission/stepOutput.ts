/**
 * A step's output on its way to the live view, the record and the report. Secrets are replaced before any
 * of it leaves: text is passed on per line (a secret never spans a line break), and a partial line is only
 * flushed once it is longer than the longest secret could be, minus what could still be the start of one.
 */
import { createHash } from 'node:crypto';
import { redactSecrets } from '../audit/redact';

export type Stream = 'stdout' | 'stderr' | 'info';

const TAIL_CHARS = 4000;

export class StepOutput {
  private readonly hash = createHash('sha256');
  private tail = '';
  private pending: Partial<Record<Stream, string>> = {};
  private readonly holdBack: number;

  constructor(
    private readonly secrets: readonly string[],
    private readonly emit: (stream: Stream, text: string) => void,
  ) {
    this.holdBack = Math.max(0, ...secrets.map((s) => s.length - 1));
  }

  /** Feeds raw text; emits redacted whole lines (and long partial lines) at once. */
  write(stream: Stream, text: string): void {
    if (!text) return;
    const buf = (this.pending[stream] ?? '') + text;
    const cut = Math.max(buf.lastIndexOf('\n'), buf.lastIndexOf('\r'));
    let ready = cut >= 0 ? buf.slice(0, cut + 1) : '';
    let rest = cut >= 0 ? buf.slice(cut + 1) : buf;
    // A very long line without a break: pass on all but its end. Redacting first means every complete secret is
    // gone; an incomplete one can only sit in the last holdBack characters, which wait for more text.
    if (rest.length > this.holdBack + 200) {
      const clean = redactSecrets(rest, this.secrets);
      ready += clean.slice(0, clean.length - this.holdBack);
      rest = clean.slice(clean.length - this.holdBack);
    }
    this.pending[stream] = rest;
    if (ready) this.pass(stream, ready);
  }

  /** Flushes what is left (end of a command). */
  flush(): void {
    for (const s of Object.keys(this.pending) as Stream[]) {
      const rest = this.pending[s];
      if (rest) this.pass(s, rest);
    }
    this.pending = {};
  }

  /** A line the executor adds itself, e.g. `$ command` or "check: already done". */
  note(text: string): void {
    this.flush();
    this.pass('info', text.endsWith('\n') ? text : text + '\n');
  }

  private pass(stream: Stream, raw: string): void {
    const clean = redactSecrets(raw, this.secrets);
    this.hash.update(clean);
    this.tail = (this.tail + clean).slice(-TAIL_CHARS * 2);
    this.emit(stream, clean);
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }

  /** The last TAIL_CHARS characters, starting at a line boundary where possible. */
  tailText(): string {
    if (this.tail.length <= TAIL_CHARS) return this.tail;
    const t = this.tail.slice(-TAIL_CHARS);
    const nl = t.indexOf('\n');
    return nl >= 0 && nl < 400 ? t.slice(nl + 1) : t;
  }
}

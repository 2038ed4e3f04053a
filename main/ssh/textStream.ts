import { StringDecoder } from 'node:string_decoder';

/**
 * Decodes one byte stream (stdout or stderr of one command) as UTF-8. One StringDecoder per stream keeps
 * multi-byte characters that are split across network chunks intact ("ä" = C3 A4 may arrive as C3 | A4).
 * Collects the text up to maxChars (the rest is only streamed, and `truncated` is set).
 */
export class TextCollector {
  private readonly decoder = new StringDecoder('utf8');
  private parts: string[] = [];
  private length = 0;
  truncated = false;

  constructor(private readonly maxChars = 16 * 1024 * 1024) {}

  /** Decodes a chunk; returns the complete characters it finished (possibly ''). */
  decode(chunk: Uint8Array): string {
    return this.decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  }

  /** Flushes an incomplete trailing sequence (as U+FFFD) at end of stream. */
  flush(): string {
    return this.decoder.end();
  }

  /** Keeps text for the final result (bounded). */
  keep(text: string): void {
    if (!text) return;
    const room = this.maxChars - this.length;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const piece = text.length > room ? text.slice(0, room) : text;
    if (piece.length < text.length) this.truncated = true;
    this.parts.push(piece);
    this.length += piece.length;
  }

  get text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0] ?? '';
  }
}

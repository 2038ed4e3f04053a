/** Streams local (possibly gzipped) mail logs through the parser, like `zcat -f f1 f2 ... | parser`. */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { MaillogParser, type MaillogOptions } from './parser.js';

/**
 * Chunk size: the decoded string stays below V8's large-object size (128 KiB), which is much cheaper to
 * allocate, and far below Node's external-string threshold (~1 MB), whose strings make charCodeAt slow.
 */
const CHUNK = 120_000;

export async function parseLogFiles(files: string[], opts: MaillogOptions): Promise<MaillogParser> {
  const p = new MaillogParser(opts);
  for (const f of files) {
    const raw = createReadStream(f, { highWaterMark: CHUNK });
    const stream = f.endsWith('.gz') ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
    for await (const chunk of stream as AsyncIterable<Buffer>) p.push(chunk.toString('latin1'));
  }
  p.end();
  return p;
}

/** Chunks stay below Node's external-string threshold (~1 MB): external strings make charCodeAt slow. */
/** Streams local (possibly gzipped) mail logs through the parser, like `zcat -f f1 f2 ... | parser`. */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { MaillogParser, type MaillogOptions } from './parser.js';

export async function parseLogFiles(files: string[], opts: MaillogOptions): Promise<MaillogParser> {
  const p = new MaillogParser(opts);
  for (const f of files) {
    const raw = createReadStream(f, { highWaterMark: 1 << 18 });
    const stream = f.endsWith('.gz') ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
    for await (const chunk of stream as AsyncIterable<Buffer>) p.push(chunk.toString('latin1'));
  }
  p.end();
  return p;
}

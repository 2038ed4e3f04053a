/**
 * Writes generated mail logs into a directory the way logrotate leaves them on Debian:
 * mail.log (newest day), mail.log.1, mail.log.2.gz ... (older, gzipped unless disabled).
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateMaillog, type GenerateOptions } from './generate.js';

export interface WriteOptions extends GenerateOptions {
  /** Stop after this many bytes (whole lines). */
  maxBytes: number;
  /** Stop after this many days at the latest. */
  maxDays?: number;
  /** gzip mail.log.2 and older (default true). */
  gzipOld?: boolean;
}

export interface WrittenLogs {
  /** Oldest first: the order in which to read them (and in which `zcat -f` streams them). */
  files: string[];
  /** Uncompressed bytes. */
  bytes: number;
  lines: number;
}

export function writeRotatedLogs(dir: string, o: WriteOptions): WrittenLogs {
  const dayFiles: string[] = [];
  let fd = -1, day = -1, bytes = 0, lines = 0;
  let buf: string[] = [], bufLen = 0;
  const flush = () => {
    if (fd >= 0 && buf.length) writeSync(fd, buf.join(''), null, 'latin1');
    buf = []; bufLen = 0;
  };
  for (const l of generateMaillog(o)) {
    const d = Math.floor(l.ms / 86400000);
    if (d > day) {
      if (o.maxDays !== undefined && dayFiles.length >= o.maxDays) break;
      flush();
      if (fd >= 0) closeSync(fd);
      day = d;
      const f = join(dir, `day-${String(dayFiles.length).padStart(4, '0')}.log`);
      dayFiles.push(f);
      fd = openSync(f, 'w');
    }
    const text = l.text + '\n';
    buf.push(text);
    bufLen += text.length;
    bytes += text.length;
    lines++;
    if (bufLen > 1 << 20) flush();
    if (bytes >= o.maxBytes) break;
  }
  flush();
  if (fd >= 0) closeSync(fd);
  const files: string[] = [];
  dayFiles.forEach((f, i) => {
    const age = dayFiles.length - 1 - i;
    const base = join(dir, age === 0 ? 'mail.log' : `mail.log.${age}`);
    if (age >= 2 && o.gzipOld !== false) {
      writeFileSync(base + '.gz', gzipSync(readFileSync(f)));
      unlinkSync(f);
      files.push(base + '.gz');
    } else {
      renameSync(f, base);
      files.push(base);
    }
  });
  return { files, bytes, lines };
}

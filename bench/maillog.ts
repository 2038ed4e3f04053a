/**
 * Mail-log benchmark: generates `sizeBytes` of realistic rotated Postfix logs (uncompressed, so both sides
 * only parse) into a temp dir, then times our streaming parser and pflogsumm on the same files and checks
 * that the whole report agrees (Grand Totals, per-day and per-hour tables, the top 50 of the four sender and
 * recipient lists, SASL failures). Called by the bench runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareReport, runPflogsumm } from '../test/support/maillog/pflogsumm.js';
import { parseLogFiles } from '../main/analysis/maillog/readLogs.js';
import { writeRotatedLogs } from '../test/support/maillog/writeLogs.js';

export interface MaillogBenchResult {
  bytes: number;
  oursMs: number;
  pflogsummMs: number;
  /** pflogsummMs / oursMs: how many times faster we are. */
  ratio: number;
  totalsMatch: boolean;
  mismatches: ReturnType<typeof compareReport>;
}

export async function benchMaillog(sizeBytes: number): Promise<MaillogBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mhs-bench-maillog-'));
  try {
    const perDay = Math.max(2000, Math.round(sizeBytes / 1300 / 14));
    const logs = writeRotatedLogs(dir, { seed: 20260301, startMs: Date.UTC(2026, 2, 1), messagesPerDay: perDay, maxBytes: sizeBytes, gzipOld: false });
    const now = new Date();
    let t = performance.now();
    const ours = await parseLogFiles(logs.files, { referenceYear: now.getFullYear(), referenceMonth: now.getMonth() });
    const oursMs = performance.now() - t;
    t = performance.now();
    const report = await runPflogsumm(logs.files);
    const pflogsummMs = performance.now() - t;
    const mismatches = compareReport(ours, report, 50);
    return { bytes: logs.bytes, oursMs: Math.round(oursMs), pflogsummMs: Math.round(pflogsummMs), ratio: Math.round((pflogsummMs / oursMs) * 100) / 100, totalsMatch: mismatches.length === 0, mismatches };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

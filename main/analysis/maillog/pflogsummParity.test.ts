import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EDGE_LINES } from './edgeLines.js';
import { compareTotals, parseGrandTotals, PFLOGSUMM, runPflogsumm } from './pflogsumm.js';
import { parseLogFiles } from './readLogs.js';
import { writeRotatedLogs } from './writeLogs.js';

const dir = mkdtempSync(join(tmpdir(), 'mhs-maillog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date();

describe.skipIf(!existsSync(PFLOGSUMM))('mail-log totals equal pflogsumm', () => {
  it('on generated rotated + gzipped logs with hand-written corner cases', async () => {
    const logs = writeRotatedLogs(dir, { seed: 7, startMs: Date.UTC(2026, 2, 3), messagesPerDay: 900, maxBytes: 4_000_000, maxDays: 5 });
    expect(logs.files.some((f) => f.endsWith('.gz'))).toBe(true);
    const newest = logs.files[logs.files.length - 1] as string;
    appendFileSync(newest, EDGE_LINES.join('\n') + '\n', 'latin1');

    const ours = await parseLogFiles(logs.files, { referenceYear: now.getFullYear(), referenceMonth: now.getMonth() });
    const theirs = parseGrandTotals(await runPflogsumm(logs.files));
    expect(theirs.received).toBeDefined();
    expect(compareTotals(ours.totals, theirs)).toEqual([]);
    // Sanity: the log really exercises every counter.
    for (const k of ['received', 'delivered', 'forwarded', 'deferred', 'deferrals', 'bounced', 'rejected', 'bytesReceived'] as const) expect(ours.totals[k]).toBeGreaterThan(0);
  });
});

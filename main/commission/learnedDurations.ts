/**
 * How long each step's apply took the last time on this machine, by step id, so the next plan's ETA starts
 * from real figures (user-data folder, commission/durations.json). Losing it only costs ETA accuracy.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../project/atomicWrite';

export class LearnedDurations {
  private cache?: Record<string, number>;
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = path.join(userDataDir, 'commission', 'durations.json');
  }

  async all(): Promise<Record<string, number>> {
    if (this.cache) return this.cache;
    try {
      const raw = JSON.parse(await fs.readFile(this.file, 'utf8')) as unknown;
      this.cache = raw && typeof raw === 'object' ? Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'number' && v >= 0)) : {};
    } catch {
      this.cache = {};
    }
    return this.cache;
  }

  async remember(stepId: string, ms: number): Promise<void> {
    const all = { ...(await this.all()), [stepId]: Math.round(ms) };
    this.cache = all;
    await writeFileAtomic(this.file, JSON.stringify(all) + '\n').catch(() => undefined);
  }
}

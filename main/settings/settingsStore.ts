import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SettingsSchema, type Settings } from '../../shared/contract/methods/app';
import { writeFileAtomic } from '../project/atomicWrite';

const MAX_RECENT = 10;

/** App settings (language, recent projects) as one small JSON file in the user-data folder. */
export class SettingsStore {
  private cache: Settings | undefined;
  constructor(private readonly file: string) {}

  async get(): Promise<Settings> {
    if (this.cache) return this.cache;
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      // A damaged settings file is not worth an error dialog: start fresh, the file is rewritten on change.
      this.cache = parsed.success ? parsed.data : SettingsSchema.parse({});
    } catch {
      this.cache = SettingsSchema.parse({});
    }
    return this.cache;
  }

  async update(change: (s: Settings) => Settings): Promise<Settings> {
    const next = SettingsSchema.parse(change(structuredClone(await this.get())));
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    this.cache = next;
    return next;
  }

  async addRecent(entry: Settings['recent'][number]): Promise<Settings> {
    return this.update((s) => ({
      ...s,
      recent: [entry, ...s.recent.filter((r) => r.path !== entry.path)].slice(0, MAX_RECENT),
    }));
  }
}

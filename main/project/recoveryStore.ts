import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseProjectText } from '../../shared/project/parse';
import type { Project } from '../../shared/project/schema';
import { writeFileAtomic } from './atomicWrite';
import { projectFileBytes } from './projectFiles';

const ID_RE = /^[0-9a-f-]{36}$/;

/** Autosave copies of projects that have no file yet, so a crash before the first "save as" loses nothing. */
export class RecoveryStore {
  constructor(private readonly dir: string) {}

  private fileFor(id: string): string {
    if (!ID_RE.test(id)) throw new Error(`bad project id ${id}`);
    return path.join(this.dir, `${id}.json`);
  }

  async save(project: Project): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const file = this.fileFor(project.id);
    await writeFileAtomic(file, projectFileBytes(project, file));
  }

  async list(): Promise<{ id: string; title: string; customer: string; savedAt: string }[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const out = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const { project } = parseProjectText(await fs.readFile(path.join(this.dir, name), 'utf8'));
        out.push({ id: project.id, title: project.meta.title, customer: project.meta.customer, savedAt: project.updatedAt });
      } catch {
        // An unreadable recovery copy is skipped, not deleted: the user may still want it by hand.
      }
    }
    return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async read(id: string): Promise<Project> {
    return parseProjectText(await fs.readFile(this.fileFor(id), 'utf8')).project;
  }

  async discard(id: string): Promise<void> {
    await fs.rm(this.fileFor(id), { force: true });
  }
}

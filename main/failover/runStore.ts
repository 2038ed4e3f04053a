/**
 * Where failover runs live while they run, and how main and the renderer share the project file.
 *
 * Main owns the run it is executing. After every case it saves the run
 *  1. into a mirror in the user-data folder (`failover/<projectId>/<runId>.json`, atomic), which also covers
 *     projects without a file and a crash of the app, and
 *  2. into the project file by read-modify-write of only that run in `failover.runs` (atomic), in the same
 *     per-file queue as every other project write (main/commission/recordStore.ts),
 * and pushes it as a `failover.run` event that the renderer merges into its store. Runs carry a revision; on
 * open and save the newest revision of each mirrored run is laid over the project's copy, so an autosave with
 * an older copy never rolls results back. A run's mirror is removed once it is finished and in the file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mergeRun } from '../../shared/failover/runs';
import { FailoverRunSchema, type FailoverRun } from '../../shared/failover/schema';
import type { Project } from '../../shared/project/schema';
import { withFileQueue } from '../commission/recordStore';
import { writeFileAtomic } from '../project/atomicWrite';
import { readProjectFile, writeProjectFile } from '../project/projectFiles';
import type { Services } from '../services';

const ID_RE = /^[0-9a-f-]{36}$/;

export class FailoverRunStore {
  private readonly dir: string;

  constructor(userDataDir: string) {
    this.dir = path.join(userDataDir, 'failover');
  }

  private mirrorDir(projectId: string): string {
    if (!ID_RE.test(projectId)) throw new Error(`bad project id ${projectId}`);
    return path.join(this.dir, projectId);
  }

  async mirrored(projectId: string): Promise<FailoverRun[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.mirrorDir(projectId));
    } catch {
      return [];
    }
    const out: FailoverRun[] = [];
    for (const n of names.filter((x) => /^[0-9a-f-]{36}\.json$/.test(x))) {
      try {
        out.push(FailoverRunSchema.parse(JSON.parse(await fs.readFile(path.join(this.mirrorDir(projectId), n), 'utf8'))));
      } catch {
        // A half-written mirror cannot exist (atomic writes); anything unreadable is not ours to guess at.
      }
    }
    return out;
  }

  /** Saves the run's next revision: mirror first, then the project file. Returns the error if only the mirror has it. */
  async save(projectId: string, filePath: string | undefined, run: FailoverRun): Promise<{ run: FailoverRun; fileError?: unknown }> {
    const saved = FailoverRunSchema.parse({ ...run, revision: (run.revision ?? 0) + 1 });
    const dir = this.mirrorDir(projectId);
    await fs.mkdir(dir, { recursive: true });
    await writeFileAtomic(path.join(dir, `${saved.id}.json`), JSON.stringify(saved) + '\n');
    if (!filePath) return { run: saved };
    try {
      await withFileQueue(filePath, async () => {
        const { project } = await readProjectFile(filePath);
        if (project.id !== projectId) throw new Error(`the file ${filePath} holds another project`);
        const runs = mergeRun(project.failover.runs, saved, project.failover.acceptanceRunId);
        await writeProjectFile(filePath, { ...project, failover: { ...project.failover, runs } });
      });
      if (saved.status !== 'running') await fs.rm(path.join(dir, `${saved.id}.json`), { force: true });
      return { run: saved };
    } catch (e) {
      return { run: saved, fileError: e };
    }
  }

  /** The project with every newer mirrored run laid over its own copy (open, save, recover). */
  async overlay(project: Project): Promise<Project> {
    const mine = await this.mirrored(project.id);
    if (!mine.length) return project;
    let runs = project.failover.runs;
    for (const r of mine) runs = mergeRun(runs, r, project.failover.acceptanceRunId);
    return runs === project.failover.runs ? project : { ...project, failover: { ...project.failover, runs } };
  }
}

const stores = new WeakMap<Services, FailoverRunStore>();

export function runStoreOf(services: Services): FailoverRunStore {
  let s = stores.get(services);
  if (!s) stores.set(services, (s = new FailoverRunStore(services.userDataDir)));
  return s;
}

/** For project.open / project.save / project.autosave / project.recover, beside the commissioning overlay. */
export function overlayFailoverRuns(services: Services, project: Project): Promise<Project> {
  return runStoreOf(services).overlay(project);
}

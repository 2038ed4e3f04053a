/**
 * Where the commissioning record lives, and how two writers share the project file without losing anything.
 *
 * Main owns `project.commission.record`. After every step the executor saves the record
 *  1. into a mirror in the app's user-data folder (`commission/<projectId>.record.json`, atomic), which also
 *     covers projects that have no file yet, and
 *  2. into the project file by read-modify-write of only `commission.record` (atomic), when there is a file,
 * and pushes it as a `commission.record` event so the renderer's store holds it too.
 * The renderer autosaves the whole project, possibly with an older copy of the record. Every write of a
 * project file from main goes through `writeProjectFileWithMainSections` (main/handlers/project/mainSections.ts;
 * one queue per file, so a read-modify-write
 * and an autosave never interleave) and gets the newest record by `revision` laid over it. So neither
 * writer can roll the other back: the record only grows, the rest of the project is the renderer's.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CommissionRecordSchema, type CommissionRecord } from '../../shared/commission/recordSchema';
import type { Project } from '../../shared/project/schema';
import { writeFileAtomic } from '../project/atomicWrite';
import { readProjectFile, writeProjectFile } from '../project/projectFiles';
import type { Services } from '../services';

const ID_RE = /^[0-9a-f-]{36}$/;


export function newerRecord(a: CommissionRecord | undefined, b: CommissionRecord | undefined): CommissionRecord | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.revision > a.revision ? b : a;
}

const fileQueues = new Map<string, Promise<unknown>>();

/** Runs fn after every earlier write to the same file has finished (within this process). */
export function withFileQueue<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const prev = fileQueues.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const settled = next.catch(() => undefined);
  fileQueues.set(key, settled);
  void settled.then(() => {
    if (fileQueues.get(key) === settled) fileQueues.delete(key);
  });
  return next;
}

export class CommissionRecordStore {
  private readonly latest = new Map<string, CommissionRecord>();
  private readonly dir: string;

  constructor(userDataDir: string) {
    this.dir = path.join(userDataDir, 'commission');
  }

  private mirrorPath(projectId: string): string {
    if (!ID_RE.test(projectId)) throw new Error(`bad project id ${projectId}`);
    return path.join(this.dir, `${projectId}.record.json`);
  }

  /** The mirror's record (null when there is none or it cannot be read). */
  async readMirror(projectId: string): Promise<CommissionRecord | undefined> {
    const cached = this.latest.get(projectId);
    if (cached) return cached;
    try {
      const r = CommissionRecordSchema.parse(JSON.parse(await fs.readFile(this.mirrorPath(projectId), 'utf8')));
      this.latest.set(projectId, r);
      return r;
    } catch {
      return undefined;
    }
  }

  /** The newest of: the record the caller has, the mirror's, the project file's. */
  async load(projectId: string, filePath: string | undefined, given: CommissionRecord | undefined): Promise<CommissionRecord | undefined> {
    let best = newerRecord(given, await this.readMirror(projectId));
    if (filePath) {
      const fromFile = await readProjectFile(filePath).then(
        (p) => (p.project.id === projectId ? p.project.commission.record : undefined),
        () => undefined,
      );
      best = newerRecord(best, fromFile);
    }
    return best;
  }

  /**
   * Saves the next revision of the record: mirror first (it must never lag), then the project file. Returns the
   * saved record and, if the file could not be written, the error (the mirror still has it).
   */
  async save(projectId: string, filePath: string | undefined, record: CommissionRecord, now: Date): Promise<{ record: CommissionRecord; fileError?: unknown }> {
    const prev = this.latest.get(projectId);
    const next = CommissionRecordSchema.parse({ ...record, revision: Math.max(record.revision, prev?.revision ?? 0) + 1, updatedAt: now.toISOString() });
    this.latest.set(projectId, next);
    await writeFileAtomic(this.mirrorPath(projectId), JSON.stringify(next, null, 2) + '\n');
    if (!filePath) return { record: next };
    try {
      await withFileQueue(filePath, async () => {
        const { project } = await readProjectFile(filePath);
        if (project.id !== projectId) throw new Error(`the file ${filePath} holds another project`);
        const current = project.commission.record;
        if (current && current.revision >= next.revision) return;
        await writeProjectFile(filePath, { ...project, commission: { ...project.commission, record: this.latest.get(projectId) ?? next } });
      });
      return { record: next };
    } catch (e) {
      return { record: next, fileError: e };
    }
  }

  /** The project with the newest known record laid over its own (used by every project write and open). */
  async overlay(project: Project): Promise<Project> {
    const mine = await this.readMirror(project.id);
    const best = newerRecord(project.commission.record, mine);
    return best === project.commission.record ? project : { ...project, commission: { ...project.commission, record: best } };
  }
}

const stores = new WeakMap<Services, CommissionRecordStore>();

export function recordStoreOf(services: Services): CommissionRecordStore {
  let s = stores.get(services);
  if (!s) stores.set(services, (s = new CommissionRecordStore(services.userDataDir)));
  return s;
}

/** For project.save / project.autosave / project.open: main's newest record wins over an older copy. */
export function overlayCommissionRecord(services: Services, project: Project): Promise<Project> {
  return recordStoreOf(services).overlay(project);
}

import { promises as fs } from 'node:fs';
import { AppError } from '../../shared/errors';
import { parseProjectText, serializeProject, type ParsedProject } from '../../shared/project/parse';
import type { Project } from '../../shared/project/schema';
import { writeFileAtomic, type AtomicWriteHooks } from './atomicWrite';

/** Project files are capped: a 50 MB "project" is not one of ours, and reading it would stall the app. */
const MAX_BYTES = 50 * 1024 * 1024;

/** Reads and validates a project file. Never writes: a bad file stays exactly as it is on disk. */
export async function readProjectFile(file: string): Promise<ParsedProject> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    throw fileError(e, file);
  }
  if (!stat.isFile()) throw new AppError('project:errors.notAFile', { path: file });
  if (stat.size > MAX_BYTES) throw new AppError('project:errors.tooLarge', { path: file, mb: Math.round(stat.size / 1e6) });
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    throw fileError(e, file);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return parseProjectText(text);
}

export async function writeProjectFile(file: string, project: Project, hooks?: AtomicWriteHooks): Promise<void> {
  const text = serializeProject(project);
  try {
    await writeFileAtomic(file, text, hooks);
  } catch (e) {
    throw fileError(e, file);
  }
}

export function fileError(e: unknown, file: string): AppError {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const detail = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ENOENT':
      return new AppError('project:errors.notFound', { path: file }, detail);
    case 'EACCES':
    case 'EPERM':
      return new AppError('project:errors.noPermission', { path: file }, detail);
    case 'ENOSPC':
      return new AppError('project:errors.diskFull', { path: file }, detail);
    case 'EISDIR':
      return new AppError('project:errors.notAFile', { path: file }, detail);
    default:
      return new AppError('project:errors.io', { path: file }, detail);
  }
}

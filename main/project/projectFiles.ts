import { promises as fs } from 'node:fs';
import { AppError } from '../../shared/errors';
import { ZodError } from 'zod';
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
  return parseProjectBytes(buf, file);
}

/** Everything opening a file checks about its bytes; saving runs exactly this on what it is about to write. */
export function parseProjectBytes(buf: Buffer, file: string): ParsedProject {
  if (buf.length > MAX_BYTES) throw new AppError('project:errors.tooLarge', { path: file, mb: Math.round(buf.length / 1e6) });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return parseProjectText(text);
}

/**
 * The bytes a project file gets. Checked with the very function that opens files, so a project that would
 * not open again is refused with a clear error and the last good file on disk stays as it was.
 */
export function projectFileBytes(project: Project, file: string): Buffer {
  let text: string;
  try {
    // U+FFFD is how undecodable bytes a server printed show up in facts; as a JSON escape it cannot be
    // mistaken for a file that is not UTF-8 (which is what a raw U+FFFD means to the loader).
    text = serializeProject(project).replace(/\uFFFD/g, '\\ufffd');
  } catch (e) {
    throw refusal(e, file);
  }
  const buf = Buffer.from(text, 'utf8');
  try {
    parseProjectBytes(buf, file);
  } catch (e) {
    throw refusal(e, file);
  }
  return buf;
}

function refusal(e: unknown, file: string): AppError {
  if (e instanceof AppError && e.code === 'project:errors.tooLarge') return new AppError('errors:projectTooLargeToSave', { path: file, mb: e.params.mb ?? 0 });
  const issues = e instanceof ZodError ? e.issues : [];
  const fields = issues.length ? issues.slice(0, 5).map((i) => i.path.join('.') || '(root)').join(', ') : e instanceof AppError ? (e.params.fields ?? '–') : '–';
  const detail = e instanceof AppError ? `${e.code}${e.detail ? `: ${e.detail}` : ''}` : e instanceof Error ? e.message : String(e);
  return new AppError('errors:projectWouldNotOpen', { path: file, fields: String(fields) }, detail.slice(0, 2000));
}

export async function writeProjectFile(file: string, project: Project, hooks?: AtomicWriteHooks): Promise<void> {
  const bytes = projectFileBytes(project, file);
  try {
    await writeFileAtomic(file, bytes, hooks);
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

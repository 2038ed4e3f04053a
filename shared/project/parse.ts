import { AppError } from '../errors';
import { migrateToCurrent } from './migrations';
import { PROJECT_FORMAT, ProjectSchema, type Project } from './schema';

export interface ParsedProject {
  project: Project;
  migratedFrom?: number;
}

const MAX_ISSUES = 5;

/**
 * Turns the text of a project file into a Project or a translated error that names what is wrong.
 * Pure: the caller reads the file and never writes it back on failure.
 */
export function parseProjectText(text: string): ParsedProject {
  if (text.trim() === '') throw new AppError('project:errors.empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text) || text.includes('\uFFFD')) throw new AppError('project:errors.binary');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (looksTruncated(text)) {
      throw new AppError('project:errors.truncated', {}, msg);
    }
    throw new AppError('project:errors.notJson', {}, msg);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== PROJECT_FORMAT) {
    throw new AppError('project:errors.notAProject');
  }
  const { doc, migratedFrom } = migrateToCurrent(raw as Record<string, unknown>);
  const result = ProjectSchema.safeParse(doc);
  if (!result.success) {
    const issues = result.error.issues.slice(0, MAX_ISSUES);
    const fields = issues.map((i) => i.path.join('.') || '(root)').join(', ');
    const detail = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    throw new AppError('project:errors.invalid', { fields, count: result.error.issues.length }, detail);
  }
  return migratedFrom === undefined ? { project: result.data } : { project: result.data, migratedFrom };
}

/** A file cut off mid-write has unbalanced braces/brackets; garbage usually fails much earlier. */
function looksTruncated(text: string): boolean {
  const t = text.trimStart();
  if (!t.startsWith('{')) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth > 0 || inString;
}

export function serializeProject(project: Project): string {
  return JSON.stringify(ProjectSchema.parse(project), null, 2) + '\n';
}

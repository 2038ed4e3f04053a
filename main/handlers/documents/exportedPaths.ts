import path from 'node:path';
import type { Services } from '../../services';

/**
 * The PDFs this process wrote, per Services instance (one per app window process, CLI run or test).
 * documents.open only opens these, so a renderer cannot point the system viewer at any other file.
 */
const exported = new WeakMap<Services, Set<string>>();

export function rememberExport(services: Services, file: string): void {
  let set = exported.get(services);
  if (!set) exported.set(services, (set = new Set()));
  set.add(path.resolve(file));
}

export function wasExported(services: Services, file: string): boolean {
  return exported.get(services)?.has(path.resolve(file)) ?? false;
}

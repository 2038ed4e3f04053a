/**
 * The project sections main owns while it runs them: the commissioning record (main/commission/recordStore.ts)
 * and the failover runs (main/failover/runStore.ts). Every open, save, autosave and recover lays main's newest
 * copy of each over the renderer's, so an autosave made from an older store never rolls results back. A write
 * also keeps the newest revision of each failover run the file already holds: a finished run's mirror is gone
 * once it is in the file, and a drill the CLI ran into the file is not in the renderer's copy at all.
 */
import { overlayCommissionRecord, withFileQueue } from '../../commission/recordStore';
import { overlayFailoverRuns } from '../../failover/runStore';
import { readProjectFile, writeProjectFile } from '../../project/projectFiles';
import { mergeRun } from '../../../shared/failover/runs';
import type { Project } from '../../../shared/project/schema';
import type { Services } from '../../services';

export async function overlayMainSections(services: Services, project: Project): Promise<Project> {
  return overlayFailoverRuns(services, await overlayCommissionRecord(services, project));
}

/** What project.save / project.autosave call instead of writeProjectFile (in the file's write queue). */
export function writeProjectFileWithMainSections(services: Services, file: string, project: Project): Promise<void> {
  return withFileQueue(file, async () => writeProjectFile(file, await withRunsOnDisk(file, await overlayMainSections(services, project))));
}

async function withRunsOnDisk(file: string, project: Project): Promise<Project> {
  let onDisk: Project;
  try {
    onDisk = (await readProjectFile(file)).project;
  } catch {
    return project; // a new file, or one that does not open: nothing in it to keep
  }
  if (onDisk.id !== project.id || !onDisk.failover.runs.length) return project;
  let runs = project.failover.runs;
  for (const r of onDisk.failover.runs) runs = mergeRun(runs, r, project.failover.acceptanceRunId);
  return { ...project, failover: { ...project.failover, runs } };
}

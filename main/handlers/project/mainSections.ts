/**
 * The project sections main owns while it runs them: the commissioning record (main/commission/recordStore.ts)
 * and the failover runs (main/failover/runStore.ts). Every open, save, autosave and recover lays main's newest
 * copy of each over the renderer's, so an autosave made from an older store never rolls results back.
 */
import { overlayCommissionRecord, withFileQueue } from '../../commission/recordStore';
import { overlayFailoverRuns } from '../../failover/runStore';
import { writeProjectFile } from '../../project/projectFiles';
import type { Project } from '../../../shared/project/schema';
import type { Services } from '../../services';

export async function overlayMainSections(services: Services, project: Project): Promise<Project> {
  return overlayFailoverRuns(services, await overlayCommissionRecord(services, project));
}

/** What project.save / project.autosave call instead of writeProjectFile (in the file's write queue). */
export function writeProjectFileWithMainSections(services: Services, file: string, project: Project): Promise<void> {
  return withFileQueue(file, async () => writeProjectFile(file, await overlayMainSections(services, project)));
}

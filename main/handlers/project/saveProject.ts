import { overlayMainSections, writeProjectFileWithMainSections } from './mainSections';
import type { Handler } from '../types';
import { resolveProjectPath } from '../dialog/documentsDir';

export const projectSave: Handler<'project.save'> = async ({ path: typed, project }, { services, emit }) => {
  // A bare file name goes into the documents folder, not into whatever directory the app was started from.
  const path = resolveProjectPath(typed);
  const savedAt = services.now().toISOString();
  // The commissioning record and the failover runs are main's: a renderer's older copy never rolls them back.
  await writeProjectFileWithMainSections(services, path, { ...project, updatedAt: savedAt });
  // Once it has a real file the recovery copy is no longer needed.
  await services.recovery.discard(project.id);
  await services.settings.addRecent({ path, title: project.meta.title, customer: project.meta.customer, openedAt: savedAt });
  emit('project.saved', { path, savedAt, target: 'file' });
  return { path, savedAt };
};

export const projectAutosave: Handler<'project.autosave'> = async ({ path, project }, { services, emit }) => {
  const savedAt = services.now().toISOString();
  const stamped = { ...project, updatedAt: savedAt };
  if (path) {
    await writeProjectFileWithMainSections(services, path, stamped);
  } else {
    await services.recovery.save(await overlayMainSections(services, stamped));
  }
  const target = path ? 'file' : 'recovery';
  emit('project.saved', { path: path ?? null, savedAt, target });
  return { savedAt, target };
};

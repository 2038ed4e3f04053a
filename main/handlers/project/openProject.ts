import { overlayMainSections } from './mainSections';
import { readProjectFile } from '../../project/projectFiles';
import type { Handler } from '../types';

export const projectOpen: Handler<'project.open'> = async ({ path }, { services }) => {
  const read = await readProjectFile(path);
  const { migratedFrom } = read;
  const project = await overlayMainSections(services, read.project);
  await services.settings.addRecent({
    path,
    title: project.meta.title,
    customer: project.meta.customer,
    openedAt: services.now().toISOString(),
  });
  return migratedFrom === undefined ? { path, project } : { path, project, migratedFrom };
};

export const projectValidate: Handler<'project.validate'> = async ({ path }) => {
  const { migratedFrom } = await readProjectFile(path);
  return migratedFrom === undefined ? { ok: true } : { ok: true, migratedFrom };
};

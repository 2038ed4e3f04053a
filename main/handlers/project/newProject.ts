import { newProject } from '../../../shared/project/schema';
import type { Handler } from '../types';

export const projectNew: Handler<'project.new'> = async (_input, { services }) => ({
  project: newProject(services.newId(), services.now()),
});

import { overlayMainSections } from './mainSections';
import type { Handler } from '../types';

export const projectRecoverable: Handler<'project.recoverable'> = async (_input, { services }) => services.recovery.list();

export const projectRecover: Handler<'project.recover'> = async ({ id }, { services }) => ({
  project: await overlayMainSections(services, await services.recovery.read(id)),
});

export const projectDiscardRecovery: Handler<'project.discardRecovery'> = async ({ id }, { services }) => {
  await services.recovery.discard(id);
  return {};
};

import type { z } from 'zod';
import { analysisMethods } from './methods/analysis';
import { appMethods } from './methods/app';
import { failoverMethods } from './methods/failover';
import { clusterMethods } from './methods/cluster';
import { commissionMethods } from './methods/commission';
import { documentsMethods } from './methods/documents';
import { projectMethods } from './methods/project';

export * from './define';
export * from './events';

/** The whole contract between renderer (or CLI) and main. Areas add their methods file here. */
export const methods = {
  ...appMethods,
  ...projectMethods,
  ...analysisMethods,
  ...failoverMethods,
  ...commissionMethods,
  ...clusterMethods,
  ...documentsMethods,
};
export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** The input as a handler sees it: after validation, with defaults filled in. */
export type MethodArgs<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

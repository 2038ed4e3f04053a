/** The plan as it crosses the contract (validated there): what the renderer works with. */
import type { MethodOutput } from '../../../shared/contract';

export type WirePlan = NonNullable<MethodOutput<'commission.plan'>['plan']>;
export type WireStep = WirePlan['steps'][number];
export type WireAction = WireStep['apply'][number];

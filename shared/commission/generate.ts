/**
 * The commissioning plan: a pure function of (project, inventory). Same inputs, same steps, same hash, which
 * is what makes a resume after an interruption safe. The knowledge is in the step files under steps/; this
 * file only puts them in phase order.
 */
import { AppError } from '../errors';
import type { Project } from '../project/schema';
import { canonicalJson, sha256Hex } from './hash';
import { resolveInput } from './inputs/resolve';
import type { PlanError, PlanInput } from './inputs/types';
import type { Inventory } from './inventorySchema';
import { toStep, type StepSpec } from './spec';
import { clusterSteps } from './steps/cluster';
import { configSteps } from './steps/configs';
import { cutoverSteps } from './steps/cutover';
import { dataCopySteps } from './steps/datacopy';
import { hardeningSteps } from './steps/hardening';
import { packageSteps } from './steps/packages';
import { prepareSteps } from './steps/prepare';
import { replicationSteps } from './steps/replication';
import { resourceSteps } from './steps/resources';
import { storageSteps } from './steps/storage';
import { verifySteps } from './steps/verify';
import type { Plan, Step } from './types';

/** Step files in the order they run; each returns its steps for the resolved input. */
const STEP_FILES: ((i: PlanInput) => StepSpec[])[] = [
  prepareSteps,
  packageSteps,
  configSteps,
  storageSteps,
  replicationSteps,
  dataCopySteps,
  clusterSteps,
  resourceSteps,
  cutoverSteps,
  hardeningSteps,
  verifySteps,
];

/** The steps with their model meaning (for the property tests); generatePlan strips that. */
export function planSpecs(input: PlanInput): StepSpec[] {
  return STEP_FILES.flatMap((f) => f(input));
}

export function planHash(steps: readonly Step[]): string {
  return sha256Hex(canonicalJson(steps));
}

/** What is missing before a plan can be made; empty = generatePlan will succeed. */
export function planErrors(project: Project, inventory: Inventory | undefined): PlanError[] {
  return resolveInput(project, inventory).errors;
}

export function planFromInput(input: PlanInput): Plan {
  const steps = planSpecs(input).map(toStep);
  return {
    hash: planHash(steps),
    steps,
    notices: input.notices,
    summary: {
      replication: input.replication,
      quorum: input.quorum,
      fencing: input.fencing,
      nodes: input.allRoles,
      vip: input.vip.cidr,
      vipName: input.vipName,
      clusterName: input.clusterName,
      ...(input.drbd ? { drbdVersion: input.drbd.version } : {}),
    },
  };
}

/** Throws the first planError as an AppError (its code is the i18n key) when a plan cannot be made. */
export function generatePlan(project: Project, inventory: Inventory): Plan {
  const { input, errors } = resolveInput(project, inventory);
  if (!input) {
    const e = errors[0] ?? { key: 'commission:errors.planImpossible' };
    throw new AppError(e.key, e.params ?? {});
  }
  return planFromInput(input);
}

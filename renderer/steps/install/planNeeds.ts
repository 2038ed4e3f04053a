/**
 * What the plan needs from the Installation step, read from the generator's answer where it can say
 * (the plan's summary, its errors), so the forms show exactly the nodes and storage choices the plan uses;
 * and where in the app each missing thing is fixed.
 */
import { planRoles } from '../../../shared/commission/names';
import type { Project } from '../../../shared/project/schema';
import type { NodeRole } from '../../../shared/commission/types';
import type { WirePlan as Plan } from './wire';
import type { InsTab } from './hostsPart';

export interface PlanErrorLike {
  key: string;
  params?: Record<string, string | number>;
}

/** The roles a missing-host or missing-inventory error names. */
function rolesNamedBy(errors: readonly PlanErrorLike[]): NodeRole[] {
  return errors.filter((e) => /\.(noHost|noInventory|hostMissing)$/.test(e.key)).map((e) => String(e.params?.node ?? e.params?.role ?? '') as NodeRole);
}

export interface NodeNeed {
  role: Exclude<NodeRole, 'primary'>;
  /** The plan needs it (or the generator asks for it). */
  needed: boolean;
}

/**
 * The secondary always; the witness and node3 when the plan's roles (or its errors) name them, or when the
 * project has one entered (then marked as not needed, so the user can remove it).
 */
export function nodeNeeds(project: Project, plan: Plan | null | undefined, errors: readonly PlanErrorLike[]): NodeNeed[] {
  const named = new Set<NodeRole>([...rolesNamedBy(errors), ...(plan?.summary.nodes ?? planRoles(project).all)]);
  const out: NodeNeed[] = [{ role: 'secondary', needed: true }];
  for (const role of ['witness', 'node3'] as const) if (named.has(role) || project.hosts[role]) out.push({ role, needed: named.has(role) });
  return out;
}

/** 'drbd' or 'shared' as the plan has it, else as decided in Architektur & Quorum. */
export function replicationOf(project: Project, plan: Plan | null | undefined): 'drbd' | 'shared' | undefined {
  return plan ? plan.summary.replication : planRoles(project).replication;
}

/** The cluster's members and witness: the plan's when there is one, else the planning decisions'. */
export function clusterRoles(project: Project, plan: Plan | null | undefined): { members: NodeRole[]; witness?: NodeRole } {
  if (plan) {
    const members = plan.summary.nodes.filter((r) => r !== 'witness');
    return plan.summary.nodes.includes('witness') ? { members, witness: 'witness' } : { members };
  }
  const r = planRoles(project);
  return r.witness ? { members: r.members, witness: r.witness } : { members: r.members };
}

export type FixPlace = { kind: 'tab'; tab: InsTab; card: string } | { kind: 'step'; step: 'analysis' | 'architecture' };

/** Where an error from the plan generator (or the executor) is fixed: a card of this step or an earlier step. */
export function fixPlace(key: string): FixPlace {
  const k = key.replace(/^[a-z]+:errors\./, '');
  if (/^(noFacts|mailLocationUnknown)$/.test(k)) return { kind: 'step', step: 'analysis' };
  if (/^(tooManyNodes|thirdNodeNeedsThree|twoNodesOnly|fencingUnsupported|replicationUnsupported)$/.test(k) || key.startsWith('planning:')) return { kind: 'step', step: 'architecture' };
  if (/^(noHost|hostMissing)$/.test(k)) return { kind: 'tab', tab: 'hosts', card: 'ins-hosts' };
  if (/^(secretMissing|secretsMissing)$/.test(k)) return { kind: 'tab', tab: 'hosts', card: 'ins-secrets' };
  if (/^(noVip|noVipName|vip[A-Z]\w*)$/.test(k)) return { kind: 'tab', tab: 'network', card: 'ins-vip' };
  if (/^(noCommonNetwork|link[A-Z]\w*|noCorosyncLink|witnessAddressMissing)$/.test(k)) return { kind: 'tab', tab: 'network', card: 'ins-links' };
  if (/^(drbd(?!Module|Version)\w*|shared\w*|sbd\w*|device\w*|volumeTooSmall|dataDir\w*)$/.test(k)) return { kind: 'tab', tab: 'network', card: 'ins-storage' };
  // Everything else is a fact of a node (OS, packages, accounts, DRBD module, watchdog): fix it there, then read the inventory again.
  return { kind: 'tab', tab: 'network', card: 'ins-inventory' };
}

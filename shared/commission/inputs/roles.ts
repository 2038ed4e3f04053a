/**
 * Which nodes a project's cluster has and which replication it uses, from the planning decisions: the one
 * place the generator, the Installation UI and the handbook read it from.
 */
import { rankAlternatives } from '../../planning/matrix';
import type { Project } from '../../project/schema';
import type { NodeRole } from '../types';

/** The replication decision: the one chosen in the matrix, else the matrix's recommendation. */
export function chosenReplication(project: Project): string | undefined {
  const m = project.planning.matrix;
  if (m.chosen.replication) return m.chosen.replication;
  try {
    return rankAlternatives({ weights: m.weights, scores: m.scores, rationales: m.rationales, chosen: m.chosen }).find((d) => d.decision === 'replication')?.chosen;
  } catch {
    return undefined;
  }
}

export interface PlanRoles {
  /** Corosync members. */
  members: NodeRole[];
  /** Every node the plan touches (members and the witness). */
  all: NodeRole[];
  witness?: NodeRole;
  quorum: 'twoNode' | 'qdevice' | 'thirdNode';
  replication?: 'drbd' | 'shared';
}

export function planRoles(project: Project): PlanRoles {
  const qf = project.planning.quorumFencing;
  const quorum: PlanRoles['quorum'] = qf.twoNode ? 'twoNode' : qf.qdevice ? 'qdevice' : 'thirdNode';
  const members: NodeRole[] = quorum === 'thirdNode' ? ['primary', 'secondary', 'node3'] : ['primary', 'secondary'];
  const choice = chosenReplication(project);
  const replication = choice === 'drbd' ? 'drbd' : choice === 'sharedStorage' ? 'shared' : undefined;
  return {
    members,
    all: quorum === 'qdevice' ? [...members, 'witness'] : members,
    ...(quorum === 'qdevice' ? { witness: 'witness' as const } : {}),
    quorum,
    ...(replication ? { replication } : {}),
  };
}

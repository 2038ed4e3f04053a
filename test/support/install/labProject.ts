/**
 * A project as it stands after the planning steps for the lab's ct tier (shared storage, two nodes + qdevice
 * on the witness, no fencing with a recorded risk acceptance), with the lab's real facts and inventory: the
 * Installation step's tests start from here.
 */
import { randomUUID } from 'node:crypto';
import { newProject, ProjectSchema, type Project } from '../../../shared/project/schema';
import type { Target } from '../../../shared/ssh/target';
import { labFacts, labInventory } from './labInventory';

export interface LabProjectOptions {
  title?: string;
  /** SSH targets per role (default: 127.0.0.1 with ports nobody listens on; the plan view never connects). */
  hosts?: Partial<Record<'primary' | 'secondary' | 'witness', Target>>;
  withInventory?: boolean;
  withSettings?: boolean;
}

/** The decisions of the planning steps for the ct lab (as `plan set` writes them): shared LUN, qdevice, no fencing. */
export function labPlanning(planning: Project['planning'], reason: string): Project['planning'] {
  return {
    ...planning,
    matrix: { ...planning.matrix, chosen: { ...planning.matrix.chosen, replication: 'sharedStorage' } },
    quorumFencing: { ...planning.quorumFencing, nodeCount: 2, twoNode: false, qdevice: true, fencing: ['none'], riskAcceptance: { who: 'Ausbilder Labor', when: '2026-12-01', reason } },
  };
}

const target = (port: number): Target => ({ host: '127.0.0.1', port, user: 'root', auth: { method: 'key', keyPath: '/nonexistent/id_ed25519' } });

export function labProject(o: LabProjectOptions = {}): Project {
  const p = newProject(randomUUID(), new Date());
  const raw = {
    ...p,
    meta: { ...p.meta, title: o.title ?? 'Mailcluster Labor (ct)' },
    facts: labFacts(),
    hosts: o.hosts ?? { primary: target(1), secondary: target(2), witness: target(3) },
    planning: labPlanning(p.planning, 'Testlabor in Containern ohne Watchdog; kein Produktivbetrieb.'),
    commission: {
      ...p.commission,
      ...(o.withInventory === false ? {} : { inventory: labInventory() }),
      settings: { ...p.commission.settings, ...(o.withSettings === false ? {} : { vip: '10.77.0.10/24', vipName: 'mail.example-gmbh.test', sharedDevice: '/dev/loop1' }) },
    },
  };
  return ProjectSchema.parse(raw);
}

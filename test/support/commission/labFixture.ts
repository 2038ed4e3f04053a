/**
 * The lab as a project the generator can plan for, made from what the lab really is: the preflight output
 * captured from each lab node and legacy's Ist-Analyse facts (test/lab/commission/captureFixtures.ts
 * refreshes them), with the planning decisions the issue names for each tier (ct: shared LUN, qdevice, no
 * fencing with a recorded risk acceptance; vm: DRBD on a new LV, SBD).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FactsSchema } from '../../../shared/analysis/facts';
import { inventoryProbe } from '../../../shared/commission/inventory';
import type { Inventory } from '../../../shared/commission/inventorySchema';
import type { NodeRole } from '../../../shared/commission/types';
import { newProject, ProjectSchema, type Project } from '../../../shared/project/schema';

export type LabTier = 'ct' | 'vm';
const dir = (tier: LabTier) => path.join(import.meta.dirname, 'fixtures', tier);
const read = (tier: LabTier, f: string) => readFileSync(path.join(dir(tier), f), 'utf8');

export interface LabFacts {
  vip: { address: string; fqdn: string };
  sharedDisk: { nodeDevice: string } | null;
  nodes: { name: 'legacy' | 'secondary' | 'witness'; hostname: string; address: string; disks: Record<string, string> }[];
}
export const labFacts = (tier: LabTier): LabFacts => JSON.parse(read(tier, 'lab.json')) as LabFacts;

const roleOf = { legacy: 'primary', secondary: 'secondary', witness: 'witness' } as const;

export function labInventory(tier: LabTier): Inventory {
  const nodes: Inventory['nodes'] = {};
  for (const n of labFacts(tier).nodes) nodes[roleOf[n.name]] = inventoryProbe.parse(read(tier, `${n.name}.inventory.txt`), roleOf[n.name]);
  return { nodes };
}

/** The lab's project as a newcomer sets it up; `change` adjusts it for one test. */
export function labProject(tier: LabTier, change: (p: Project) => void = () => {}): Project {
  const lab = labFacts(tier);
  const p = newProject('5b0a54a8-3a61-4f5c-9d2e-1f7a4f3c9b10', new Date('2026-12-01T10:00:00Z'));
  p.facts = FactsSchema.parse(JSON.parse(read(tier, 'facts.json')));
  const target = (port: number) => ({ host: '127.0.0.1', port, user: 'labadmin', auth: { method: 'key' as const, keyPath: '/lab/keys/id_ed25519' } });
  const ports: Record<NodeRole, number> = { primary: 42221, secondary: 42222, witness: 42223, node3: 42223 };
  for (const n of lab.nodes) p.hosts[roleOf[n.name]] = target(ports[roleOf[n.name]]);
  const qf = p.planning.quorumFencing;
  const s = p.commission.settings;
  s.vip = `${lab.vip.address}/24`;
  s.vipName = lab.vip.fqdn;
  if (tier === 'ct') {
    p.planning.matrix.chosen.replication = 'sharedStorage';
    qf.nodeCount = 2;
    qf.twoNode = false;
    qf.qdevice = true;
    qf.fencing = ['none'];
    qf.riskAcceptance = { who: 'Lea Auszubildende', when: '2026-12-01', reason: 'Laborcluster in Containern ohne Watchdog' };
    s.sharedDevice = lab.sharedDisk!.nodeDevice;
  } else {
    p.planning.matrix.chosen.replication = 'drbd';
    qf.nodeCount = 2;
    qf.twoNode = true;
    qf.qdevice = false;
    qf.fencing = ['sbdDisk', 'drbdResourceFencing', 'fenceDelay'];
    s.sbdDevice = '/dev/disk/by-id/virtio-lab-sbd';
    s.drbd.secondaryDevice = '/dev/disk/by-id/virtio-lab-drbd';
  }
  change(p);
  return ProjectSchema.parse(p);
}

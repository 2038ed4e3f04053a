import type { HardwareSpec, RaidLevel } from './hardwareSchema';
import { arrayIops, usableCapacity } from './raid';

/** What a secondary (or an offered server) must at least have; derived by sizeSecondaryNode. */
export interface Requirements {
  cores: number;
  threads: number;
  ramGb: number;
  usableGb: number;
  raidLevels: RaidLevel[];
  iops: number;
  replicationGbps: number;
  /** Read share of the I/O the IOPS figures assume; offers are checked under the same assumption. */
  readSharePct: number;
}

export const requirementIds = ['cores', 'threads', 'ramGb', 'usableGb', 'raidLevel', 'iops', 'replicationNic'] as const;
export type RequirementId = (typeof requirementIds)[number];

export interface RequirementCheck {
  id: RequirementId;
  required: number | string;
  offered: number | string | null;
  /** null: the spec does not say (e.g. no NICs listed). */
  meets: boolean | null;
}

/** Compares a hardware spec (a candidate secondary or a vendor offer) with the requirements, one row each. */
export function checkSpec(spec: HardwareSpec, req: Requirements): RequirementCheck[] {
  const usable = usableCapacity(spec.disks).value;
  const iops = arrayIops(spec.disks, req.readSharePct).value;
  const nicSpeed = spec.nics.length ? Math.max(...spec.nics.map((n) => n.speedGbps)) : null;
  return [
    { id: 'cores', required: req.cores, offered: spec.cores, meets: spec.cores >= req.cores },
    { id: 'threads', required: req.threads, offered: spec.threads, meets: spec.threads >= req.threads },
    { id: 'ramGb', required: req.ramGb, offered: spec.ramGb, meets: spec.ramGb >= req.ramGb },
    { id: 'usableGb', required: req.usableGb, offered: usable, meets: usable >= req.usableGb },
    {
      id: 'raidLevel',
      required: req.raidLevels.join('/'),
      offered: spec.disks.raidLevel,
      meets: req.raidLevels.includes(spec.disks.raidLevel),
    },
    { id: 'iops', required: req.iops, offered: iops, meets: iops >= req.iops },
    {
      id: 'replicationNic',
      required: req.replicationGbps,
      offered: nicSpeed,
      meets: nicSpeed === null ? null : nicSpeed >= req.replicationGbps,
    },
  ];
}

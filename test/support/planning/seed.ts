import type { Growth, PrimaryFacts } from '../../../shared/planning/hardwareSchema';
import type { Offer } from '../../../shared/planning/costsSchema';

/**
 * The worked example used across tests, the CLI test and the documentation: the seed project's primary, a
 * Xeon E5-2620 v4 (8 cores / 16 threads), 32 GB RAM, 4 x 2 TB SAS in RAID10 (4 TB usable).
 * Data sizes and mail volume are the seed's assumed workload.
 */
export const seedPrimary: PrimaryFacts = {
  cpuModel: 'Intel Xeon E5-2620 v4',
  cores: 8,
  threads: 16,
  ramGb: 32,
  disks: { count: 4, sizeGb: 2000, type: 'sas', raidLevel: 'raid10' },
  nics: [{ count: 2, speedGbps: 1 }],
  data: { vmailGb: 1500, mariadbGb: 40, spoolGb: 10 },
  mariadbBufferPoolGb: 8,
  mailsPerDay: 20000,
};

export const seedGrowth: Growth = { mailVolumePctPerYear: 10, storagePctPerYear: 20, horizonYears: 5 };

/** Two example offers for the secondary: one that fits the sizing, one that is too small. */
export const seedOffers: Offer[] = [
  {
    id: 'dell-r650xs',
    vendor: 'Dell',
    model: 'PowerEdge R650xs',
    spec: { cpuModel: 'Intel Xeon Silver 4314', cores: 16, threads: 32, ramGb: 64, disks: { count: 6, sizeGb: 2000, type: 'sas', raidLevel: 'raid10' }, nics: [{ count: 2, speedGbps: 1 }, { count: 2, speedGbps: 10 }] },
    priceEur: 7800,
    powerW: 350,
    rackUnits: 1,
  },
  {
    id: 'budget-1u',
    vendor: 'Thomas-Krenn',
    model: 'RI1102D',
    spec: { cpuModel: 'Intel Xeon E-2388G', cores: 8, threads: 16, ramGb: 32, disks: { count: 4, sizeGb: 2000, type: 'sas', raidLevel: 'raid10' }, nics: [{ count: 2, speedGbps: 1 }] },
    priceEur: 4200,
    powerW: 200,
    rackUnits: 1,
  },
];

const GiB = 2 ** 30;
const disk = (n: string) => ({ name: n, type: 'disk', sizeBytes: 2_000_398_934_016, rotational: true, model: 'ST2000NM0045' });
/** The seed server as the Ist-Analyse stores it (bytes, Mbit/s, lsblk/mdadm shapes). */
export const seedFacts = {
  hardware: {
    cpuModel: 'Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz', cpuCores: 8, cpuThreads: 16, memTotalBytes: 31.4 * GiB,
    nics: [{ name: 'eno1', speedMbps: 1000 }, { name: 'eno2', speedMbps: 1000 }, { name: 'lo' }],
  },
  storage: {
    blockDevices: [...['sda', 'sdb', 'sdc', 'sdd'].flatMap((d) => [disk(d), { name: `${d}1`, type: 'part', parent: d, sizeBytes: 2_000_397_885_440 }])],
    raids: [{ name: 'md0', level: 'raid10', raidDevices: 4, devices: ['/dev/sda1', '/dev/sdb1', '/dev/sdc1', '/dev/sdd1'], sizeBytes: 4_000_795_770_880 }],
  },
  data: { vmailBytes: 1.5e12, datadirBytes: 4e10, spoolBytes: 1e10 },
  mariadb: { innodbBufferPoolSizeBytes: 8 * GiB },
  mailVolume: {
    days: [19_000, 21_000].map((received, i) => ({
      date: `2026-11-2${3 + i}`, received, delivered: received, forwarded: 0, deferred: 0, deferrals: 0, bounced: 0, rejected: 0, bytesReceived: 0, bytesDelivered: 0,
    })),
  },
};

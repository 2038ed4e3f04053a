import type { Growth, PrimaryFacts } from './hardwareSchema';

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

import { z } from 'zod';

/**
 * Hardware and growth inputs for sizing. Disk sizes are vendor (decimal) GB, RAM is GiB as the OS reports it
 * (labelled "GB" in the UI like every BIOS does).
 */
export const raidLevels = ['none', 'raid0', 'raid1', 'raid5', 'raid6', 'raid10'] as const;
export type RaidLevel = (typeof raidLevels)[number];

/** hdd = 7.2k SATA/NL-SAS, sas = 10k SAS, ssd = SATA/SAS SSD, nvme = NVMe SSD. */
export const diskTypes = ['hdd', 'sas', 'ssd', 'nvme'] as const;
export type DiskType = (typeof diskTypes)[number];

export const DiskArraySchema = z.object({
  count: z.number().int().min(1).max(128),
  sizeGb: z.number().positive().max(1_000_000),
  type: z.enum(diskTypes),
  raidLevel: z.enum(raidLevels),
});
export type DiskArray = z.infer<typeof DiskArraySchema>;

export const NicSchema = z.object({
  count: z.number().int().min(1).max(16),
  speedGbps: z.number().positive().max(800),
});
export type Nic = z.infer<typeof NicSchema>;

export const HardwareSpecSchema = z.object({
  cpuModel: z.string().max(200).default(''),
  cores: z.number().int().min(1).max(1024),
  threads: z.number().int().min(1).max(2048),
  ramGb: z.number().positive().max(65536),
  disks: DiskArraySchema,
  nics: z.array(NicSchema).max(16).default([]),
});
export type HardwareSpec = z.infer<typeof HardwareSpecSchema>;

export const DataSizesSchema = z.object({
  vmailGb: z.number().min(0),
  mariadbGb: z.number().min(0),
  spoolGb: z.number().min(0),
});

export const PrimaryFactsSchema = HardwareSpecSchema.extend({
  data: DataSizesSchema,
  mariadbBufferPoolGb: z.number().min(0).max(65536),
  mailsPerDay: z.number().min(0),
  /** Peak CPU load of the primary in percent, if measured; without it the secondary simply matches the primary. */
  peakCpuPct: z.number().min(0).max(100).optional(),
});
export type PrimaryFacts = z.infer<typeof PrimaryFactsSchema>;

export const GrowthSchema = z.object({
  mailVolumePctPerYear: z.number().min(-50).max(500).default(10),
  storagePctPerYear: z.number().min(-50).max(500).default(20),
  horizonYears: z.number().int().min(1).max(15).default(5),
});
export type Growth = z.infer<typeof GrowthSchema>;

/** Assumptions behind the sizing; every one is shown in the figures that use it and can be overridden. */
export const SizingAssumptionsSchema = z.object({
  osRamGb: z.number().min(0).default(2),
  /** Postfix, Dovecot, spam/virus filtering, monitoring agents. */
  servicesRamGb: z.number().min(0).default(4),
  clusterStackRamGb: z.number().min(0).default(0.5),
  ramHeadroomPct: z.number().min(0).max(300).default(25),
  peers: z.number().int().min(1).max(31).default(1),
  /** Fill level above which a filesystem counts as full (ext4/xfs slow down, no room for spikes). */
  maxFillPct: z.number().min(10).max(100).default(80),
  osReserveGb: z.number().min(0).default(50),
  /**
   * Backing size of the replicated volume on each node, set by hand; default: what the primary can give today
   * (its volume group's free space, else the array less the OS reserve), capped by the secondary.
   */
  drbdVolumeGb: z.number().positive().optional(),
  /** The replication link available today; default: the primary's fastest network card. */
  replicationLinkGbps: z.number().positive().optional(),
  /** Usable MB/s per Gbit/s of link (GbE ~110 MB/s). */
  linkMBpsPerGbps: z.number().positive().default(110),
  drbdOverheadPct: z.number().min(0).max(50).default(3),
  resyncSharePct: z.number().min(1).max(100).default(30),
  readSharePct: z.number().min(0).max(100).default(70),
  ioPerMail: z.number().min(0).default(20),
  busyHoursPerDay: z.number().min(1).max(24).default(10),
  peakFactor: z.number().min(1).default(3),
  targetCpuPct: z.number().min(10).max(100).default(70),
});
export type SizingAssumptions = z.infer<typeof SizingAssumptionsSchema>;

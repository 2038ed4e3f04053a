/**
 * Facts about the analysed server. Stored in the project file and edited by the hand-entry form, so it is
 * plain data: every field optional (a collector may fail or the engineer may know only part), sizes in
 * bytes (or Mbit/s for links), dates as ISO strings. Collectors return Partial<Facts>; mergeFacts combines.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const bytes = z.number().nonnegative();

/** A note for the engineer: an i18n key (e.g. analysis:notes.toolMissing) with interpolation parameters. */
export const NoteSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Collector that produced it, if any. */
  source: z.string().optional(),
});
export type Note = z.infer<typeof NoteSchema>;

export const CollectorStatusSchema = z.object({
  status: z.enum(['ok', 'partial', 'failed', 'skipped']),
  exitCode: z.number().int().optional(),
  collectedAt: z.string().optional(),
});
export type CollectorStatus = z.infer<typeof CollectorStatusSchema>;

export const NicSchema = z.object({
  name: z.string(),
  mac: z.string().optional(),
  state: z.string().optional(),
  mtu: count.optional(),
  /** Link speed in Mbit/s; absent when unknown (virtual NIC, link down). */
  speedMbps: count.optional(),
  kind: z.string().optional(),
});

export const HardwareSchema = z.object({
  cpuModel: z.string().optional(),
  cpuSockets: count.optional(),
  cpuCores: count.optional(),
  cpuThreads: count.optional(),
  memTotalBytes: bytes.optional(),
  memAvailableBytes: bytes.optional(),
  swapTotalBytes: bytes.optional(),
  nics: z.array(NicSchema).optional(),
  /** systemd-detect-virt output: 'none' for bare metal, else kvm, vmware, lxc ... */
  virtualization: z.string().optional(),
  /** NICs described by hand: how many at which speed, no names (discovery lists `nics` instead). */
  nicGroups: z.array(z.object({ count: count.min(1), speedMbps: count })).optional(),
});

export const BlockDeviceSchema = z.object({
  name: z.string(),
  type: z.string().optional(),
  sizeBytes: bytes.optional(),
  fstype: z.string().optional(),
  mountpoint: z.string().optional(),
  rotational: z.boolean().optional(),
  model: z.string().optional(),
  /** Name of the parent device (lsblk tree flattened). */
  parent: z.string().optional(),
});

export const RaidSchema = z.object({
  /** md0, md127 ... */
  name: z.string(),
  level: z.string().optional(),
  state: z.string().optional(),
  degraded: z.boolean().optional(),
  raidDevices: count.optional(),
  activeDevices: count.optional(),
  failedDevices: count.optional(),
  spareDevices: count.optional(),
  devices: z.array(z.string()).optional(),
  sizeBytes: bytes.optional(),
  /** Resync/recovery in progress, e.g. 'recovery 12.5%'. */
  sync: z.string().optional(),
});

export const PvSchema = z.object({ name: z.string(), vg: z.string().optional(), sizeBytes: bytes.optional(), freeBytes: bytes.optional() });
export const VgSchema = z.object({
  name: z.string(),
  sizeBytes: bytes.optional(),
  freeBytes: bytes.optional(),
  extentSizeBytes: bytes.optional(),
  extentCount: count.optional(),
  freeExtents: count.optional(),
  pvCount: count.optional(),
  lvCount: count.optional(),
});
export const LvSchema = z.object({ name: z.string(), vg: z.string().optional(), sizeBytes: bytes.optional(), attr: z.string().optional(), path: z.string().optional() });

export const FilesystemSchema = z.object({
  source: z.string(),
  fstype: z.string().optional(),
  mountpoint: z.string().optional(),
  sizeBytes: bytes.optional(),
  usedBytes: bytes.optional(),
  availBytes: bytes.optional(),
  usePercent: z.number().min(0).max(100).optional(),
});

export const StorageSchema = z.object({
  blockDevices: z.array(BlockDeviceSchema).optional(),
  raids: z.array(RaidSchema).optional(),
  pvs: z.array(PvSchema).optional(),
  vgs: z.array(VgSchema).optional(),
  lvs: z.array(LvSchema).optional(),
  filesystems: z.array(FilesystemSchema).optional(),
  /** The data disks as the engineer describes them by hand; discovery lists devices instead. */
  dataArray: z
    .object({
      diskCount: count.optional(),
      diskSizeBytes: bytes.optional(),
      /** hdd = 7.2k SATA/NL-SAS, sas = 10k SAS: lsblk cannot tell them apart. */
      diskType: z.enum(['hdd', 'sas', 'ssd', 'nvme']).optional(),
      raidLevel: z.enum(['none', 'raid0', 'raid1', 'raid5', 'raid6', 'raid10']).optional(),
    })
    .optional(),
});

export const PackageSchema = z.object({
  name: z.string(),
  version: z.string().optional(),
  /** dpkg status abbreviation, 'ii' = installed. */
  status: z.string().optional(),
  installed: z.boolean(),
});

export const OsSchema = z.object({
  id: z.string().optional(),
  versionId: z.string().optional(),
  codename: z.string().optional(),
  prettyName: z.string().optional(),
  kernel: z.string().optional(),
  packages: z.array(PackageSchema).optional(),
});

export const UnitSchema = z.object({ name: z.string(), enabled: z.string().optional(), active: z.string().optional() });
export const ListenerSchema = z.object({
  address: z.string(),
  port: count,
  process: z.string().optional(),
  /** Bound to 0.0.0.0 / [::] / * rather than a specific address (matters for a floating service IP). */
  allInterfaces: z.boolean(),
});
export const ServicesSchema = z.object({ units: z.array(UnitSchema).optional(), listeners: z.array(ListenerSchema).optional() });

export const PostfixSchema = z.object({
  version: z.string().optional(),
  myhostname: z.string().optional(),
  inetInterfaces: z.string().optional(),
  relayhost: z.string().optional(),
  /** 'smarthost': outbound mail goes via relayhost; 'direct': MX delivery. */
  role: z.enum(['smarthost', 'direct']).optional(),
  virtualMailboxDomains: z.string().optional(),
  virtualMailboxMaps: z.string().optional(),
  /** Lookup tables of type mysql: (need the database on every node). */
  mysqlMaps: z.array(z.string()).optional(),
  tls: z
    .object({
      smtpdCertFile: z.string().optional(),
      smtpdSecurityLevel: z.string().optional(),
      smtpSecurityLevel: z.string().optional(),
      inboundEnabled: z.boolean().optional(),
      outboundEnabled: z.boolean().optional(),
    })
    .optional(),
  submissionEnabled: z.boolean().optional(),
  smtpsEnabled: z.boolean().optional(),
  /** Messages in the queue by queue name (active, deferred, incoming, hold); total is the sum. */
  queue: z.object({ total: count.optional(), deferred: count.optional(), active: count.optional(), incoming: count.optional(), hold: count.optional() }).optional(),
  /** Where the queue lives (`postconf -h queue_directory`): it must be on the replicated volume. */
  queueDirectory: z.string().optional(),
  /** Full `postconf -n` as parameter -> value. */
  mainCf: z.record(z.string(), z.string()).optional(),
});

export const DovecotSchema = z.object({
  version: z.string().optional(),
  protocols: z.array(z.string()).optional(),
  mailLocation: z.string().optional(),
  /** mail_home, where mail_location starts with ~ (the mailbox paths then follow it). */
  mailHome: z.string().optional(),
  passdbDrivers: z.array(z.string()).optional(),
  userdbDrivers: z.array(z.string()).optional(),
  /** Dovecot's own replicator (dsync) is configured; gone in 2.4. */
  replicatorConfigured: z.boolean().optional(),
  sslEnabled: z.boolean().optional(),
});

export const MariadbSchema = z.object({
  version: z.string().optional(),
  datadir: z.string().optional(),
  innodbBufferPoolSizeBytes: bytes.optional(),
  databases: z.array(z.object({ name: z.string(), sizeBytes: bytes.optional(), tables: count.optional() })).optional(),
  engines: z.array(z.object({ name: z.string(), tables: count.optional(), sizeBytes: bytes.optional() })).optional(),
});

export const DomainDataSchema = z.object({ domain: z.string(), mailboxes: count, messages: count, bytes });
export const DataSchema = z.object({
  vmailBytes: bytes.optional(),
  datadirBytes: bytes.optional(),
  spoolBytes: bytes.optional(),
  domains: z.array(DomainDataSchema).optional(),
  totalMailboxes: count.optional(),
  totalMessages: count.optional(),
});

/** Counters with pflogsumm's semantics (see main/analysis/maillog/parser.ts). */
export const MailCountsSchema = z.object({
  received: count,
  delivered: count,
  forwarded: count,
  /** Messages with at least one deferral. */
  deferred: count,
  /** Deferral log lines (a message may be deferred many times). */
  deferrals: count,
  bounced: count,
  /** reject:/milter-reject: lines (as pflogsumm's Grand Total; its per-day table adds hold/discard/warnings). */
  rejected: count,
  /** reject_warning: lines and cleanup "warning:" header/body checks (pflogsumm's "reject warnings"). */
  rejectWarnings: count.optional(),
  /** hold: lines (pflogsumm's "held"). */
  held: count.optional(),
  /** discard: lines (pflogsumm's "discarded"). */
  discarded: count.optional(),
  bytesReceived: bytes,
  bytesDelivered: bytes,
});
export const MailDaySchema = MailCountsSchema.extend({
  /** ISO date YYYY-MM-DD (year guessed like pflogsumm for traditional syslog timestamps). */
  date: z.string(),
  /** Received messages per hour of day, 24 entries. */
  receivedPerHour: z.array(count).optional(),
});
/** One sender or recipient address with its messages and bytes (pflogsumm's "Senders by message count" ...). */
export const MailPartySchema = z.object({ address: z.string(), messages: count, bytes });
const hours = z.array(count).length(24);
export const MailVolumeSchema = z.object({
  days: z.array(MailDaySchema).optional(),
  /** Mails received per day as the engineer states it in the hand form, when no mail log was read. */
  statedPerDay: count.optional(),
  totals: MailCountsSchema.partial().optional(),
  /** The rest of pflogsumm's Grand Totals: distinct senders, recipients and their domains; SASL failures. */
  summary: z
    .object({ senders: count, sendingDomains: count, recipients: count, recipientDomains: count, saslAuthFailures: count })
    .partial()
    .optional(),
  /** Per hour of day, summed over the whole log (pflogsumm prints these divided by dayCount). */
  perHour: z.object({ received: hours, delivered: hours, deferrals: hours, bounced: hours, rejected: hours }).partial().optional(),
  /** Days as pflogsumm counts them (changes of the day of month). */
  dayCount: count.optional(),
  /** The ten busiest senders and recipients, by messages and by bytes. */
  topSenders: z.object({ byCount: z.array(MailPartySchema), bySize: z.array(MailPartySchema) }).optional(),
  topRecipients: z.object({ byCount: z.array(MailPartySchema), bySize: z.array(MailPartySchema) }).optional(),
  busiestHour: z.object({ start: z.string(), received: count }).optional(),
  linesRead: count.optional(),
  files: z.array(z.string()).optional(),
});
export type MailParty = z.infer<typeof MailPartySchema>;

export const ClusterSchema = z.object({
  corosync: z.object({ installed: z.boolean().optional(), configured: z.boolean().optional(), active: z.boolean().optional(), nodes: z.array(z.string()).optional() }).optional(),
  pacemaker: z.object({ installed: z.boolean().optional(), active: z.boolean().optional(), resources: z.array(z.string()).optional() }).optional(),
  drbd: z
    .object({
      installed: z.boolean().optional(),
      kernelVersion: z.string().optional(),
      resources: z.array(z.object({ name: z.string(), device: z.string().optional(), disk: z.string().optional(), state: z.string().optional() })).optional(),
    })
    .optional(),
});

export const FactsSchema = z.object({
  collectedAt: z.string().optional(),
  source: z.enum(['ssh', 'offline', 'manual']).optional(),
  hostname: z.string().optional(),
  hardware: HardwareSchema.optional(),
  storage: StorageSchema.optional(),
  os: OsSchema.optional(),
  services: ServicesSchema.optional(),
  postfix: PostfixSchema.optional(),
  dovecot: DovecotSchema.optional(),
  mariadb: MariadbSchema.optional(),
  data: DataSchema.optional(),
  mailVolume: MailVolumeSchema.optional(),
  cluster: ClusterSchema.optional(),
  notes: z.array(NoteSchema).optional(),
  /** Per collector id. */
  collectors: z.record(z.string(), CollectorStatusSchema).optional(),
});
export type Facts = z.infer<typeof FactsSchema>;
export type Hardware = z.infer<typeof HardwareSchema>;
export type Storage = z.infer<typeof StorageSchema>;
export type Raid = z.infer<typeof RaidSchema>;
export type Vg = z.infer<typeof VgSchema>;
export type Filesystem = z.infer<typeof FilesystemSchema>;
export type Os = z.infer<typeof OsSchema>;
export type Services = z.infer<typeof ServicesSchema>;
export type Listener = z.infer<typeof ListenerSchema>;
export type Postfix = z.infer<typeof PostfixSchema>;
export type Dovecot = z.infer<typeof DovecotSchema>;
export type Mariadb = z.infer<typeof MariadbSchema>;
export type Data = z.infer<typeof DataSchema>;
export type MailCounts = z.infer<typeof MailCountsSchema>;
export type MailDay = z.infer<typeof MailDaySchema>;
export type MailVolume = z.infer<typeof MailVolumeSchema>;
export type Cluster = z.infer<typeof ClusterSchema>;

/** What a collector's parser returns: the facts it found plus notes; never throws. */
export type CollectorResult = Omit<Partial<Facts>, 'notes'> & { notes: Note[] };

/** Shallow-per-section merge: later results win per field inside a section; notes are concatenated. */
export function mergeFacts(base: Facts, add: Omit<Partial<Facts>, 'notes'> & { notes?: Note[] }): Facts {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(add)) {
    if (v === undefined) continue;
    if (k === 'notes') out.notes = [...(base.notes ?? []), ...(v as Note[])];
    else if (k === 'collectors') out.collectors = { ...(base.collectors ?? {}), ...(v as Record<string, CollectorStatus>) };
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) out[k] = { ...((base as Record<string, unknown>)[k] as object | undefined), ...v };
    else out[k] = v;
  }
  return out as Facts;
}

/**
 * The vocabulary of figure inputs: every name an engine may put into Figure.inputs, with the unit its value
 * is in and how a non-number is shown. The label of `name` is planning:inputs.<name>; per-item inputs are
 * written `name:argument` (weight:cost, segment:promote, item:DAC cable) and their label names the argument.
 */
export type InputKind = 'number' | 'text' | 'bool' | 'raidLevel' | 'diskType' | 'fencingMethod';

export interface InputDef {
  unit?: string;
  kind?: InputKind;
  /** For `name:argument` inputs: the i18n key prefix of the argument's label; 'literal' shows it as written. */
  arg?: string;
}

export const figureInputs = {
  // Disks and arrays
  diskCount: { unit: 'disks' },
  diskSizeGb: { unit: 'GB' },
  raidLevel: { kind: 'raidLevel' },
  diskType: { kind: 'diskType' },
  diskMBps: { unit: 'MB/s' },
  diskIops: { unit: 'IOPS' },
  servingDisks: { unit: 'disks' },
  readSharePct: { unit: '%' },
  writePenalty: { unit: 'factor' },
  primaryUsableGb: { unit: 'GB' },
  secondaryUsableGb: { unit: 'GB' },
  // DRBD
  sectors: { unit: 'sectors' },
  peers: { unit: 'count' },
  metadataSectors: { unit: 'sectors' },
  metadataGb: { unit: 'GB' },
  volumeBytes: { unit: 'B' },
  volumeGb: { unit: 'GB' },
  drbdVolumeGb: { unit: 'GB' },
  primaryBackingGb: { unit: 'GB' },
  secondaryBackingGb: { unit: 'GB' },
  vgName: { kind: 'text' },
  vgFreeGb: { unit: 'GB' },
  arrayMBps: { unit: 'MB/s' },
  linkGbps: { unit: 'Gbit/s' },
  mbpsPerGbps: { unit: 'MB/s per Gbit/s' },
  drbdOverheadPct: { unit: '%' },
  syncMBps: { unit: 'MB/s' },
  resyncSharePct: { unit: '%' },
  // CPU, RAM, data, load
  primaryCores: { unit: 'cores' },
  primaryThreads: { unit: 'threads' },
  cores: { unit: 'cores' },
  peakCpuPct: { unit: '%' },
  targetCpuPct: { unit: '%' },
  mailGrowthPct: { unit: '%/year' },
  storageGrowthPct: { unit: '%/year' },
  years: { unit: 'years' },
  vmailGb: { unit: 'GB' },
  mariadbGb: { unit: 'GB' },
  spoolGb: { unit: 'GB' },
  dataNowGb: { unit: 'GB' },
  dataAtHorizonGb: { unit: 'GB' },
  maxFillPct: { unit: '%' },
  osReserveGb: { unit: 'GB' },
  osRamGb: { unit: 'GB' },
  servicesRamGb: { unit: 'GB' },
  clusterRamGb: { unit: 'GB' },
  bufferPoolGb: { unit: 'GB' },
  bitmapMiB: { unit: 'MiB' },
  bitmapGb: { unit: 'GB' },
  ramHeadroomPct: { unit: '%' },
  requiredRamGb: { unit: 'GB' },
  primaryRamGb: { unit: 'GB' },
  mailsPerDay: { unit: 'mails/day' },
  ioPerMail: { unit: 'io/mail' },
  busyHours: { unit: 'h' },
  peakFactor: { unit: 'factor' },
  // Quorum, fencing, failover
  watchdogTimeoutS: { unit: 's' },
  msgwaitS: { unit: 's' },
  tokenMs: { unit: 'ms' },
  nodes: { unit: 'count' },
  tokenCoefficientMs: { unit: 'ms' },
  consensusMs: { unit: 'ms' },
  fenceDelayMs: { unit: 'ms' },
  fenceActionMs: { unit: 'ms' },
  assumedMs: { unit: 'ms' },
  twoNode: { kind: 'bool' },
  fenceDelayChosen: { kind: 'bool' },
  fencingMethod: { kind: 'fencingMethod' },
  stopServicesMs: { unit: 'ms' },
  promoteMs: { unit: 'ms' },
  mountMs: { unit: 'ms' },
  vipMs: { unit: 'ms' },
  innodbRecoveryMs: { unit: 'ms' },
  mariadbStartMs: { unit: 'ms' },
  postfixStartMs: { unit: 'ms' },
  dovecotStartMs: { unit: 'ms' },
  segment: { unit: 'ms', arg: 'planning:failover.segments' },
  // Costs
  offer: { kind: 'text' },
  priceEur: { unit: 'EUR' },
  plannedHours: { unit: 'h' },
  actualHours: { unit: 'h' },
  hourlyRateEur: { unit: 'EUR/h' },
  overheadPct: { unit: '%' },
  item: { unit: 'EUR', arg: 'literal' },
  hardwareEur: { unit: 'EUR' },
  labourEur: { unit: 'EUR' },
  otherEur: { unit: 'EUR' },
  investmentEur: { unit: 'EUR' },
  powerW: { unit: 'W' },
  pricePerKwhEur: { unit: 'EUR/kWh' },
  rackUnits: { unit: 'RU' },
  pricePerRackUnitYearEur: { unit: 'EUR/RU/year' },
  supportPerYearEur: { unit: 'EUR/year' },
  witnessHostPerYearEur: { unit: 'EUR/year' },
  powerEur: { unit: 'EUR/year' },
  rackEur: { unit: 'EUR/year' },
  supportEur: { unit: 'EUR/year' },
  witnessEur: { unit: 'EUR/year' },
  runningEur: { unit: 'EUR/year' },
  avoidedEur: { unit: 'EUR/year' },
  outageHoursWithout: { unit: 'h/year' },
  outageHoursWith: { unit: 'h/year' },
  downtimeCostPerHourEur: { unit: 'EUR/h' },
  // Time plan, matrix
  tasks: { unit: 'tasks' },
  tasksWithActual: { unit: 'tasks' },
  weight: { unit: '%', arg: 'planning:matrix.criteria' },
  score: { unit: 'points', arg: 'planning:matrix.criteria' },
} satisfies Record<string, InputDef>;

export type InputName = keyof typeof figureInputs;

/** Splits `name:argument` and finds the definition; undefined for a name outside the vocabulary. */
export function inputDef(name: string): { base: string; arg?: string; def: InputDef } | undefined {
  const i = name.indexOf(':');
  const base = i < 0 ? name : name.slice(0, i);
  const def = (figureInputs as Record<string, InputDef>)[base];
  if (!def) return undefined;
  return i < 0 ? { base, def } : { base, arg: name.slice(i + 1), def };
}

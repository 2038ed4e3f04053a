/**
 * Warnings a senior engineer raises on reading the facts, before planning the cluster. Pure; every code is
 * an i18n key in analysis.json (warnings.*), params are interpolated.
 */
import type { Facts } from './facts.js';

export type Severity = 'critical' | 'warning' | 'info';

export interface AnalysisWarning {
  code: string;
  severity: Severity;
  params: Record<string, string | number>;
}

const MiB = 1024 * 1024;
/** Ports whose listeners matter for a floating service address (SMTP, submission, IMAP/POP, sieve, SQL). */
const SERVICE_PORTS = new Set([25, 465, 587, 110, 143, 993, 995, 4190, 3306]);
export const QUEUE_LARGE = 1000;
export const DISK_WARN_PERCENT = 85;
export const DISK_CRITICAL_PERCENT = 95;

const w = (code: string, severity: Severity, params: Record<string, string | number> = {}): AnalysisWarning => ({ code: `analysis:warnings.${code}`, severity, params });

/** DRBD internal metadata: about 32 KiB per GiB of backing device plus a little; we ask for that plus 4 MiB. */
export function drbdMetaBytes(backingBytes: number): number {
  return Math.ceil(backingBytes / 32768) + 4 * MiB;
}

export function analyseWarnings(facts: Facts): AnalysisWarning[] {
  const out: AnalysisWarning[] = [];
  const st = facts.storage;

  for (const r of st?.raids ?? []) {
    if (r.degraded) out.push(w('raidDegraded', 'critical', { device: r.name, level: r.level ?? '?', active: r.activeDevices ?? '?', total: r.raidDevices ?? '?' }));
    else if (r.sync) out.push(w('raidSyncing', 'warning', { device: r.name, sync: r.sync }));
  }

  for (const vg of st?.vgs ?? []) {
    const lvs = (st?.lvs ?? []).filter((l) => l.vg === vg.name);
    const largest = Math.max(0, ...lvs.map((l) => l.sizeBytes ?? 0));
    const needed = drbdMetaBytes(largest);
    if (vg.freeExtents === 0 || vg.freeBytes === 0) out.push(w('vgNoFreeExtents', 'warning', { vg: vg.name, neededMiB: Math.ceil(needed / MiB) }));
    else if (vg.freeBytes !== undefined && vg.freeBytes < needed) out.push(w('vgLowFree', 'warning', { vg: vg.name, freeMiB: Math.floor(vg.freeBytes / MiB), neededMiB: Math.ceil(needed / MiB) }));
  }

  for (const f of st?.filesystems ?? []) {
    if (f.usePercent === undefined) continue;
    if (f.usePercent >= DISK_CRITICAL_PERCENT) out.push(w('diskNearlyFull', 'critical', { mountpoint: f.mountpoint ?? f.source, percent: f.usePercent }));
    else if (f.usePercent >= DISK_WARN_PERCENT) out.push(w('diskNearlyFull', 'warning', { mountpoint: f.mountpoint ?? f.source, percent: f.usePercent }));
  }

  const wild = (facts.services?.listeners ?? []).filter((l) => l.allInterfaces && SERVICE_PORTS.has(l.port));
  if (wild.length) {
    const ports = [...new Set(wild.map((l) => l.port))].sort((a, b) => a - b);
    out.push(w('boundToAllInterfaces', 'warning', { ports: ports.join(', '), processes: [...new Set(wild.map((l) => l.process).filter(Boolean))].join(', ') || '?' }));
  }
  if ((facts.services?.listeners ?? []).some((l) => l.port === 3306 && l.allInterfaces)) out.push(w('mariadbExposed', 'warning'));

  const dv = facts.dovecot;
  if (dv?.version && /^2\.4(\.|$|-)/.test(dv.version)) out.push(w('dovecot24NoReplicator', dv.replicatorConfigured ? 'critical' : 'warning', { version: dv.version }));
  else if (dv?.replicatorConfigured) out.push(w('dovecotReplicatorInUse', 'info', { version: dv.version ?? '?' }));
  if (dv?.sslEnabled === false) out.push(w('dovecotNoTls', 'critical'));

  const os = facts.os;
  const major = Number.parseInt(os?.versionId ?? '', 10);
  if (os?.id === 'debian' && Number.isFinite(major) && major < 12) out.push(w('oldDebian', major < 11 ? 'critical' : 'warning', { version: os.versionId ?? '', codename: os.codename ?? '' }));
  else if (os?.id && os.id !== 'debian') out.push(w('notDebian', 'warning', { id: os.id }));

  const pf = facts.postfix;
  const queued = pf?.queue?.total;
  if (queued !== undefined && queued >= QUEUE_LARGE) out.push(w('mailQueueLarge', 'warning', { count: queued, deferred: pf?.queue?.deferred ?? 0 }));
  if (pf?.tls?.inboundEnabled === false) out.push(w('postfixNoTlsInbound', 'critical'));
  if (pf?.tls?.outboundEnabled === false) out.push(w('postfixNoTlsOutbound', 'warning'));
  if (pf?.mysqlMaps?.length) out.push(w('postfixMysqlMaps', 'info', { count: pf.mysqlMaps.length }));

  const cl = facts.cluster;
  if (cl?.corosync?.active || cl?.pacemaker?.active || cl?.drbd?.resources?.length) out.push(w('clusterPiecesPresent', 'warning'));

  const order: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
  return out.sort((a, b) => order[a.severity] - order[b.severity]);
}

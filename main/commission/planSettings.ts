/**
 * `plan set KEY=VALUE ...`: the planning decisions and commissioning settings a script (or a test) sets
 * without the wizard. Each key writes one field of project.planning or project.commission.settings; the result
 * is validated with the project schema, so a bad value is refused with the key it came from. An empty value
 * removes an optional setting.
 */
import { AppError } from '../../shared/errors';
import { fencingIds, type FencingId } from '../../shared/planning/quorumSchema';
import { nodeRoles, type NodeRole } from '../../shared/commission/types';
import { ProjectSchema, type Project } from '../../shared/project/schema';

type Apply = (p: Project, value: string, now: Date) => Project;

export interface PlanKey {
  key: string;
  /** What values look like, for --help. */
  values: string;
  apply: Apply;
}

const settings = (p: Project, change: (s: Project['commission']['settings']) => Project['commission']['settings']): Project => ({
  ...p,
  commission: { ...p.commission, settings: change(p.commission.settings) },
});
const quorumFencing = (p: Project, change: (q: Project['planning']['quorumFencing']) => Project['planning']['quorumFencing']): Project => ({
  ...p,
  planning: { ...p.planning, quorumFencing: change(p.planning.quorumFencing) },
});

function without<T extends object, K extends keyof T>(o: T, k: K): T {
  const c = { ...o };
  delete c[k];
  return c;
}

/** A settings field: empty value removes it; numbers are parsed when the field is numeric. */
function settingsField(path: string[], kind: 'string' | 'int' | 'bool' = 'string'): Apply {
  return (p, value) =>
    settings(p, (s) => {
      const root = structuredClone(s) as Record<string, unknown>;
      let o = root;
      for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
      const last = path.at(-1)!;
      if (value === '') delete o[last];
      else o[last] = kind === 'int' ? parseInteger(value) : kind === 'bool' ? parseBool(value) : value;
      return root as Project['commission']['settings'];
    });
}

function parseInteger(v: string): number {
  if (!/^\d+$/.test(v)) throw new AppError('install:cli.badNumber', { value: v });
  return Number(v);
}

function parseBool(v: string): boolean {
  if (/^(on|yes|true|1)$/i.test(v)) return true;
  if (/^(off|no|false|0)$/i.test(v)) return false;
  throw new AppError('install:cli.badBool', { value: v });
}

const SIZE = /^(\d+(?:\.\d+)?)\s*([KMGT]i?B?|B)?$/i;
function parseSize(v: string): number {
  const m = SIZE.exec(v.trim());
  if (!m) throw new AppError('install:cli.badSize', { value: v });
  const unit = (m[2] ?? 'B').toUpperCase()[0]!;
  const pow = { B: 0, K: 1, M: 2, G: 3, T: 4 }[unit as 'B'] ?? 0;
  return Math.round(Number(m[1]) * 1024 ** pow);
}

const QUORUM: Record<string, { twoNode: boolean; qdevice: boolean; nodeCount: number; matrix: string }> = {
  two_node: { twoNode: true, qdevice: false, nodeCount: 2, matrix: 'two' },
  qdevice: { twoNode: false, qdevice: true, nodeCount: 2, matrix: 'twoPlusQdevice' },
  third_node: { twoNode: false, qdevice: false, nodeCount: 3, matrix: 'three' },
};

/** link.N.<role>=ADDRESS[@INTERFACE], link.N.purpose=corosync,drbd */
function linkKey(index: number, field: 'purpose' | NodeRole): Apply {
  return (p, value) =>
    settings(p, (s) => {
      const links = [...s.links];
      while (links.length <= index) links.push({ purpose: ['corosync'], nodes: {} });
      const link = { ...links[index]!, nodes: { ...links[index]!.nodes } };
      if (field === 'purpose') link.purpose = value.split(',').map((x) => x.trim()).filter(Boolean) as typeof link.purpose;
      else if (value === '') delete link.nodes[field];
      else {
        const [address = '', iface] = value.split('@');
        link.nodes[field] = { address, ...(iface ? { interface: iface } : {}) };
      }
      links[index] = link;
      return { ...s, links };
    });
}

export const planKeys: PlanKey[] = [
  {
    key: 'replication',
    values: 'drbd|shared',
    apply: (p, v) => {
      const chosen = v === 'drbd' ? 'drbd' : v === 'shared' ? 'sharedStorage' : undefined;
      if (!chosen) throw new AppError('install:cli.badChoice', { key: 'replication', value: v, choices: 'drbd, shared' });
      return { ...p, planning: { ...p.planning, matrix: { ...p.planning.matrix, chosen: { ...p.planning.matrix.chosen, replication: chosen } } } };
    },
  },
  {
    key: 'quorum',
    values: 'two_node|qdevice|third_node',
    apply: (p, v) => {
      const q = QUORUM[v];
      if (!q) throw new AppError('install:cli.badChoice', { key: 'quorum', value: v, choices: Object.keys(QUORUM).join(', ') });
      const next = quorumFencing(p, (f) => ({ ...f, twoNode: q.twoNode, qdevice: q.qdevice, nodeCount: q.nodeCount }));
      return { ...next, planning: { ...next.planning, matrix: { ...next.planning.matrix, chosen: { ...next.planning.matrix.chosen, nodeCount: q.matrix } } } };
    },
  },
  {
    key: 'fencing',
    values: `none | ${fencingIds.filter((f) => f !== 'none').join(',')} (comma-separated)`,
    apply: (p, v) => {
      const ids = v.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = ids.filter((id) => !(fencingIds as readonly string[]).includes(id));
      if (bad.length || !ids.length) throw new AppError('install:cli.badChoice', { key: 'fencing', value: v, choices: fencingIds.join(', ') });
      return quorumFencing(p, (f) => ({ ...f, fencing: ids as FencingId[] }));
    },
  },
  {
    key: 'risk.by',
    values: 'NAME',
    apply: (p, v, now) => quorumFencing(p, (f) => (v === '' ? without(f, 'riskAcceptance') : { ...f, riskAcceptance: { who: v, when: now.toISOString().slice(0, 10), reason: f.riskAcceptance?.reason ?? '' } })),
  },
  {
    key: 'risk.reason',
    values: 'TEXT',
    apply: (p, v, now) => quorumFencing(p, (f) => ({ ...f, riskAcceptance: { who: f.riskAcceptance?.who ?? '', when: f.riskAcceptance?.when ?? now.toISOString().slice(0, 10), reason: v } })),
  },
  { key: 'vip', values: 'ADDRESS/PREFIX, e.g. 10.77.0.10/24', apply: settingsField(['vip']) },
  { key: 'vip.name', values: 'FQDN (Postfix myhostname)', apply: settingsField(['vipName']) },
  { key: 'cluster.name', values: 'lower-case name, up to 15 characters', apply: settingsField(['clusterName']) },
  ...[0, 1, 2, 3].flatMap((i) => [
    { key: `link.${i}.purpose`, values: 'corosync | drbd | corosync,drbd', apply: linkKey(i, 'purpose') },
    ...nodeRoles.map((r) => ({ key: `link.${i}.${r}`, values: 'ADDRESS[@INTERFACE]', apply: linkKey(i, r) })),
  ]),
  { key: 'corosync.links', values: '1..8 (how many corosync links)', apply: (p, v) => quorumFencing(p, (f) => ({ ...f, corosyncLinks: parseInteger(v) })) },
  { key: 'qdevice.algorithm', values: 'ffsplit|lms', apply: (p, v) => quorumFencing(p, (f) => ({ ...f, qdeviceAlgorithm: v as 'ffsplit' })) },
  { key: 'token', values: 'milliseconds (corosync token)', apply: (p, v) => quorumFencing(p, (f) => ({ ...f, timing: { ...f.timing, tokenMs: parseInteger(v) } })) },
  { key: 'shared.device', values: '/dev/... (the SAN LUN as every node sees it)', apply: settingsField(['sharedDevice']) },
  { key: 'drbd.vg', values: 'volume group on the primary', apply: settingsField(['drbd', 'vg']) },
  { key: 'drbd.lv', values: 'name of the new LV', apply: settingsField(['drbd', 'lvName']) },
  { key: 'drbd.size', values: 'bytes or 512M, 20G ...', apply: (p, v) => settings(p, (s) => ({ ...s, drbd: v === '' ? without(s.drbd, 'sizeBytes') : { ...s.drbd, sizeBytes: parseSize(v) } })) },
  { key: 'drbd.secondary-device', values: '/dev/... (backing device on the secondary)', apply: settingsField(['drbd', 'secondaryDevice']) },
  { key: 'drbd.port', values: 'TCP port', apply: settingsField(['drbd', 'port'], 'int') },
  { key: 'sbd.device', values: '/dev/... (SBD disk as every node sees it)', apply: settingsField(['sbdDevice']) },
  { key: 'sbd.watchdog-timeout', values: 'seconds', apply: (p, v) => quorumFencing(p, (f) => ({ ...f, sbd: { ...f.sbd, watchdogTimeoutS: parseInteger(v) } })) },
  { key: 'sbd.msgwait', values: 'seconds', apply: (p, v) => quorumFencing(p, (f) => ({ ...f, sbd: { ...f.sbd, msgwaitS: parseInteger(v) } })) },
  { key: 'mount', values: '/srv/mail (mount point of the replicated/shared volume)', apply: settingsField(['mountPoint']) },
  { key: 'fs', values: 'ext4|xfs', apply: settingsField(['fsType']) },
  { key: 'op.start', values: 'seconds', apply: settingsField(['opTimeouts', 'startS'], 'int') },
  { key: 'op.stop', values: 'seconds', apply: settingsField(['opTimeouts', 'stopS'], 'int') },
  { key: 'op.monitor-interval', values: 'seconds', apply: settingsField(['opTimeouts', 'monitorIntervalS'], 'int') },
  { key: 'op.monitor-timeout', values: 'seconds', apply: settingsField(['opTimeouts', 'monitorTimeoutS'], 'int') },
  { key: 'data.vmail', values: 'path (when the Ist-Analyse could not tell)', apply: settingsField(['dataDirs', 'vmail']) },
  { key: 'data.mariadb', values: 'path', apply: settingsField(['dataDirs', 'mariadb']) },
  { key: 'data.spool', values: 'path', apply: settingsField(['dataDirs', 'spool']) },
  { key: 'admin.user', values: 'user that logs in by key and uses sudo after hardening', apply: settingsField(['adminUser']) },
  { key: 'hardening.root-login', values: 'off (PermitRootLogin no) | keep', apply: (p, v) => settings(p, (s) => ({ ...s, hardening: { ...s.hardening, disableRootLogin: v === 'off' ? true : v === 'keep' ? false : parseBool(v) } })) },
  { key: 'hardening.fail2ban', values: 'on|off', apply: settingsField(['hardening', 'fail2ban'], 'bool') },
  { key: 'hardening.firewall', values: 'on|off', apply: settingsField(['hardening', 'firewall'], 'bool') },
  { key: 'test.mailbox', values: 'user@domain (gets the delivery test)', apply: settingsField(['testMailbox']) },
];

/** Applies KEY=VALUE assignments in order; refuses unknown keys and values the project schema rejects. */
export function applyPlanSettings(project: Project, assignments: readonly string[], now: Date): Project {
  let p = project;
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new AppError('install:cli.badAssignment', { arg: a });
    const key = a.slice(0, eq).trim();
    const value = a.slice(eq + 1).trim();
    const def = planKeys.find((k) => k.key === key);
    if (!def) throw new AppError('install:cli.unknownKey', { key });
    const next = def.apply(p, value, now);
    const check = ProjectSchema.safeParse(next);
    if (!check.success) {
      const issue = check.error.issues[0];
      throw new AppError('install:cli.badValue', { key, value, field: issue?.path.join('.') ?? '' }, check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    }
    p = check.data;
  }
  return p;
}

/**
 * The vocabulary step files are written in: each constructor returns the exact sh command (every argument
 * through shared/shell/quote.ts) together with what it means on the node model (spec.ts). Commands run as
 * root through the executor's `sh -c`.
 */
import { shCommand, shQuote } from '../shell/quote';
import type { NodeRole, Probe, RunAction } from './types';
import type { Cond, Effect, ModelProbe, ModelRun } from './spec';
import { STATE_DIR, helper } from './helpers/aptUnits';

/** Model keys. */
export const K = {
  pkg: (n: string) => `pkg:${n}`,
  enabled: (u: string) => `unit:${u}:enabled`,
  active: (u: string) => `unit:${u}:active`,
  file: (p: string) => `file:${p}`,
  dir: (p: string) => `dir:${p}`,
  user: (n: string) => `user:${n}`,
  group: (n: string) => `group:${n}`,
  lv: (vg: string, n: string) => `lv:${vg}/${n}`,
  fs: (dev: string) => `fs:${dev}`,
  mount: (target: string) => `mount:${target}`,
  drbd: (res: string, what: 'md' | 'up' | 'role' | 'synced') => `drbd:${res}:${what}`,
  mark: (n: string) => `mark:${n}`,
  mod: (n: string) => `mod:${n}`,
  sbd: (dev: string) => `sbd:${dev}`,
  /** Anything on the new volume (not part of a node's own state: a rollback wipes or removes the volume). */
  vol: (path: string) => `vol:${path}`,
  cib: 'cib',
  corosync: 'corosync:cluster',
} as const;

export const is = (key: string, value: string | null): Cond => ({ key, is: value });
export const isNot = (key: string, value: string | null): Cond => ({ key, not: value });
export const any = (...c: Cond[]): Cond => ({ any: c });
export const set = (key: string, to: string | null, node?: NodeRole): Effect => (node ? { set: key, to, node } : { set: key, to });

/**
 * Commands at the same time, each in the background; fails (after all ended) when one failed. For work on
 * different data during the outage (checksums of the mail store while the database is read ...).
 */
export function inParallel(...cmds: string[]): string {
  if (cmds.length < 2) return cmds.join('');
  const jobs = cmds.map((c, k) => `{ ${c}\n} & p${k}=$!`);
  return [...jobs, `rc=0; ${cmds.map((_, k) => `wait $p${k} || rc=1`).join('; ')}; [ $rc -eq 0 ]`].join('\n');
}

/** A multi-line sh script that stops at the first failing command. */
export function script(...lines: string[]): string {
  return ['set -e', ...lines].join('\n');
}

export function run(command: string, effects: Effect[], opts: Omit<RunAction, 'kind' | 'command'> = {}): ModelRun {
  return { action: { kind: 'run', command, ...opts }, effects };
}

export function probe(command: string, holds: Cond[], opts: Omit<Probe, 'command'> = {}): ModelProbe {
  return { probe: { command, ...opts }, holds };
}

/** Probes that ask the running system (quorum, a banner on the VIP): the model cannot judge them. */
export const live = (command: string, opts: Omit<Probe, 'command'> = {}): ModelProbe => probe(command, [], opts);

// --- milestones: a step whose state is transient (a manual mount, stopped legacy services) counts as done
// once a later milestone superseded it, so a re-run after the cut-over never repeats it.
export const markPath = (name: string) => `${STATE_DIR}/milestones/${name}`;
export function markSet(name: string): ModelRun {
  return run(`mkdir -p ${shQuote(`${STATE_DIR}/milestones`)} && touch ${shQuote(markPath(name))}`, [set(K.mark(name), '1')]);
}
export function markClear(name: string): ModelRun {
  return run(`rm -f ${shQuote(markPath(name))}`, [set(K.mark(name), null)]);
}
/** `[ -e MARK ] || { probe; }`: done, or superseded by the milestone. */
export function orMark(name: string, p: ModelProbe): ModelProbe {
  return {
    probe: { ...p.probe, command: `[ -e ${shQuote(markPath(name))} ] || { ${p.probe.command}\n}` },
    holds: [any(is(K.mark(name), '1'), { all: p.holds })],
  };
}
export const marked = (name: string): ModelProbe => probe(`[ -e ${shQuote(markPath(name))} ]`, [is(K.mark(name), '1')]);

// --- packages
export const aptHas = (pkgs: readonly string[]): ModelProbe =>
  probe(shCommand([helper('mhs-apt'), 'has', ...pkgs]), pkgs.map((p) => is(K.pkg(p), 'ii')));

/** Installs from the node's own apt sources; `remember` names further keys the undo brings back (units of the packages). */
/**
 * Installs from the node's own apt sources. `enables`: units the packages' maintainer scripts enable (Debian
 * does, even when policy-rc.d keeps them from starting); the undo (purge) takes them away again.
 */
export function aptInstall(stamp: string, pkgs: readonly string[], opts: { preseed?: readonly string[]; enables?: readonly string[] } = {}): ModelRun {
  const pre = opts.preseed?.length ? `${shCommand([helper('mhs-apt'), 'preseed', stamp, ...opts.preseed])} && ` : '';
  const units = opts.enables ?? [];
  return run(
    pre + shCommand([helper('mhs-apt'), 'install', stamp, ...pkgs]),
    [{ save: [...pkgs.map(K.pkg), ...units.flatMap((u) => [K.enabled(u), K.active(u)])], stamp: `apt:${stamp}` }, ...pkgs.map((p) => set(K.pkg(p), 'ii')), ...units.map((u) => set(K.enabled(u), 'enabled'))],
    { timeoutMs: 45 * 60_000 },
  );
}
export const aptUndo = (stamp: string): ModelRun => run(shCommand([helper('mhs-apt'), 'undo', stamp]), [{ restore: `apt:${stamp}` }], { timeoutMs: 30 * 60_000 });

// --- systemd units
const unitKeys = (units: readonly string[]) => units.flatMap((u) => [K.enabled(u), K.active(u)]);
/** `remember`: further model keys that follow the units (e.g. the cluster corosync runs). */
export const unitsSave = (stamp: string, units: readonly string[], remember: readonly string[] = []): ModelRun =>
  run(shCommand([helper('mhs-units'), 'save', stamp, ...units]), [{ save: [...unitKeys(units), ...remember], stamp: `units:${stamp}` }]);
export const unitsRestore = (stamp: string): ModelRun => run(shCommand([helper('mhs-units'), 'restore', stamp]), [{ restore: `units:${stamp}` }], { timeoutMs: 15 * 60_000 });

type Verb = 'enable' | 'disable' | 'start' | 'stop' | 'restart' | 'enableNow' | 'disableNow';
const verbArgs: Record<Verb, string[]> = {
  enable: ['enable'],
  disable: ['disable'],
  start: ['start'],
  stop: ['stop'],
  restart: ['restart'],
  enableNow: ['enable', '--now'],
  disableNow: ['disable', '--now'],
};
const verbEffects: Record<Verb, { enabled?: string; active?: string }> = {
  enable: { enabled: 'enabled' },
  disable: { enabled: 'disabled' },
  start: { active: 'active' },
  stop: { active: 'inactive' },
  restart: { active: 'active' },
  enableNow: { enabled: 'enabled', active: 'active' },
  disableNow: { enabled: 'disabled', active: 'inactive' },
};
export function systemctl(verb: Verb, units: readonly string[], timeoutMs = 10 * 60_000): ModelRun {
  const e = verbEffects[verb];
  return run(
    shCommand(['systemctl', ...verbArgs[verb], ...units.map((u) => `${u}.service`)]),
    units.flatMap((u) => [...(e.enabled ? [set(K.enabled(u), e.enabled)] : []), ...(e.active ? [set(K.active(u), e.active)] : [])]),
    { timeoutMs },
  );
}
/** Every unit enabled (or not) and active (or not), as asked. */
export function unitsAre(units: readonly string[], want: { enabled?: boolean; active?: boolean }, opts: Omit<Probe, 'command'> = {}): ModelProbe {
  const parts: string[] = [];
  const holds: Cond[] = [];
  for (const u of units) {
    if (want.enabled !== undefined) {
      parts.push(`${want.enabled ? '' : '! '}systemctl is-enabled -q ${shQuote(`${u}.service`)}`);
      holds.push(want.enabled ? is(K.enabled(u), 'enabled') : isNot(K.enabled(u), 'enabled'));
    }
    if (want.active !== undefined) {
      parts.push(`${want.active ? '' : '! '}systemctl is-active -q ${shQuote(`${u}.service`)}`);
      holds.push(want.active ? is(K.active(u), 'active') : isNot(K.active(u), 'active'));
    }
  }
  return probe(parts.join(' && ') || 'true', holds, opts);
}

// --- accounts and directories
export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}
export const accountGroup = (stamp: string, name: string, gid: number): ModelRun =>
  run(shCommand([helper('mhs-accounts'), 'group', stamp, name, String(gid)]), [{ save: [K.group(name)], stamp: `acc:${stamp}` }, set(K.group(name), String(gid))]);
export const accountUser = (stamp: string, a: Account): ModelRun =>
  run(shCommand([helper('mhs-accounts'), 'user', stamp, a.name, String(a.uid), String(a.gid), a.home, a.shell]), [{ save: [K.user(a.name)], stamp: `acc:${stamp}` }, set(K.user(a.name), `${a.uid}:${a.gid}`)]);
export const dirs = (stamp: string, mode: string, owner: string, paths: readonly string[]): ModelRun =>
  run(shCommand([helper('mhs-accounts'), 'dir', stamp, mode, owner, ...paths]), [{ save: paths.map(K.dir), stamp: `acc:${stamp}` }, ...paths.map((p) => set(K.dir(p), '1'))]);
export const accountMove = (stamp: string, m: { kind: 'user' | 'group'; name: string; to: number }): ModelRun =>
  run(shCommand([helper('mhs-accounts'), m.kind === 'user' ? 'move-user' : 'move-group', stamp, m.name, String(m.to)]), [
    { save: [`${m.kind}id:${m.name}`], stamp: `acc:${stamp}` },
    set(`${m.kind}id:${m.name}`, String(m.to)),
  ]);
export const accountsUndo = (stamp: string): ModelRun => run(shCommand([helper('mhs-accounts'), 'undo', stamp]), [{ restore: `acc:${stamp}` }]);
export function accountsExist(groups: readonly { name: string; gid: number }[], users: readonly Account[], dirPaths: readonly string[] = []): ModelProbe {
  const parts = [
    ...groups.map((g) => `[ "$(getent group ${shQuote(g.name)} | cut -d: -f3)" = ${g.gid} ]`),
    ...users.map((u) => `[ "$(getent passwd ${shQuote(u.name)} | cut -d: -f3,4)" = ${u.uid}:${u.gid} ]`),
    ...dirPaths.map((d) => `[ -d ${shQuote(d)} ]`),
  ];
  return probe(parts.join(' && ') || 'true', [
    ...groups.map((g) => is(K.group(g.name), String(g.gid))),
    ...users.map((u) => is(K.user(u.name), `${u.uid}:${u.gid}`)),
    ...dirPaths.map((d) => is(K.dir(d), '1')),
  ]);
}

// --- block devices
/** Refuses to go on when the device holds any signature (a file system, LVM, RAID, DRBD metadata ...). */
export const refuseIfUsed = (dev: string) =>
  `if sig=$(blkid -p -o value -s TYPE ${shQuote(dev)} 2>/dev/null) && [ -n "$sig" ]; then echo "${dev.replace(/["$`\\]/g, '')} is not empty (it holds $sig); refusing to overwrite it" >&2; exit 3; fi`;

/** `onVolume`: the device is the new DRBD volume itself (its file system goes with the volume on a rollback). */
const fsKey = (dev: string, onVolume: boolean) => (onVolume ? K.vol(`fs:${dev}`) : K.fs(dev));

export const hasLabel = (dev: string, label: string, fstype: string, onVolume = false): ModelProbe =>
  probe(`[ "$(blkid -p -o value -s LABEL ${shQuote(dev)} 2>/dev/null)" = ${shQuote(label)} ]`, [is(fsKey(dev, onVolume), `${fstype}:${label}`)]);

export function mkfs(dev: string, fstype: 'ext4' | 'xfs', label: string, onVolume = false): ModelRun {
  const make = fstype === 'ext4' ? shCommand(['mkfs.ext4', '-q', '-L', label, dev]) : shCommand(['mkfs.xfs', '-q', '-L', label, dev]);
  return run(script(refuseIfUsed(dev), make), [set(fsKey(dev, onVolume), `${fstype}:${label}`)], { timeoutMs: 60 * 60_000 });
}
/** Undoes mkfs only on the file system we made (label check), so a wrong device is never wiped. */
export const wipeOurFs = (dev: string, label: string): ModelRun =>
  run(`if [ "$(blkid -p -o value -s LABEL ${shQuote(dev)} 2>/dev/null)" = ${shQuote(label)} ]; then wipefs -a ${shQuote(dev)}; fi`, [set(K.fs(dev), null)]);

export const lvExists = (vg: string, lv: string, sizeBytes: number): ModelProbe =>
  probe(shCommand(['lvs', `${vg}/${lv}`]) + ' >/dev/null 2>&1', [is(K.lv(vg, lv), String(sizeBytes))]);
export const lvCreate = (vg: string, lv: string, sizeBytes: number): ModelRun =>
  run(shCommand(['lvcreate', '-y', '-Wy', '-Zy', '-L', `${sizeBytes}b`, '-n', lv, vg]), [set(K.lv(vg, lv), String(sizeBytes))]);
export const lvRemove = (vg: string, lv: string): ModelRun =>
  run(`if lvs ${shQuote(`${vg}/${lv}`)} >/dev/null 2>&1; then lvremove -y ${shQuote(`${vg}/${lv}`)}; fi`, [set(K.lv(vg, lv), null)]);

export const isMounted = (target: string, dev: string): ModelProbe =>
  probe(`mountpoint -q ${shQuote(target)} && [ "$(findmnt -n -o SOURCE --target ${shQuote(target)})" = "$(readlink -f ${shQuote(dev)})" ]`, [is(K.mount(target), dev)]);
export const mount = (dev: string, target: string, fstype: string): ModelRun =>
  run(`mountpoint -q ${shQuote(target)} || ${shCommand(['mount', '-t', fstype, dev, target])}`, [set(K.mount(target), dev)]);
export const umount = (target: string): ModelRun => run(`if mountpoint -q ${shQuote(target)}; then umount ${shQuote(target)}; fi`, [set(K.mount(target), null)]);

// --- files created by commands (not by write actions): the executor backs them up through backupPaths
export const fileExists = (path: string, value = '1'): ModelProbe => probe(`[ -s ${shQuote(path)} ]`, [is(K.file(path), value)]);
export const removeFile = (path: string): ModelRun => run(shCommand(['rm', '-f', path]), [set(K.file(path), null)]);

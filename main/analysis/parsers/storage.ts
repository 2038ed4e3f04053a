/** Storage facts: lsblk JSON, /proc/mdstat, `mdadm --detail`, LVM JSON reports, `df -P -B1 -T`. Pure. */
import type { CollectorResult, Filesystem, Note, Raid, Storage } from '../../../shared/analysis/facts.js';
import { int, isObj, note, num, safeJson, splitSections, str, usable } from '../sections.js';

type BlockDevice = NonNullable<Storage['blockDevices']>[number];

export function parseLsblk(json: string): BlockDevice[] | undefined {
  const data = safeJson(json);
  if (!isObj(data) || !Array.isArray(data.blockdevices)) return undefined;
  const out: BlockDevice[] = [];
  const walk = (list: unknown[], parent: string | undefined, depth: number) => {
    if (depth > 16) return;
    for (const d of list) {
      if (!isObj(d)) continue;
      const name = str(d.name);
      if (!name) continue;
      const dev: BlockDevice = { name };
      const type = str(d.type), fstype = str(d.fstype), mp = str(d.mountpoint), model = str(d.model);
      if (type) dev.type = type;
      const size = num(d.size);
      if (size !== undefined) dev.sizeBytes = size;
      if (fstype) dev.fstype = fstype;
      if (mp) dev.mountpoint = mp;
      if (typeof d.rota === 'boolean') dev.rotational = d.rota;
      else if (d.rota === '1' || d.rota === '0') dev.rotational = d.rota === '1';
      if (model) dev.model = model.trim();
      if (parent) dev.parent = parent;
      // A RAID member shows the md device under each disk: keep it once.
      if (!out.some((o) => o.name === dev.name && o.type === dev.type)) out.push(dev);
      if (Array.isArray(d.children)) walk(d.children, name, depth + 1);
    }
  };
  walk(data.blockdevices, undefined, 0);
  return out;
}

export function parseMdstat(text: string): Raid[] {
  const raids: Raid[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(md\S+)\s*:\s*(\S+)\s+(?:\((?:auto-)?read-only\)\s+)?(\S+)?\s*(.*)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, name = '', state, level, rest = ''] = m;
    const r: Raid = { name, state: state ?? 'unknown' };
    if (level && /^(raid|linear|multipath)/.test(level)) r.level = level;
    const devs = [...(level && !r.level ? `${level} ${rest}` : rest).matchAll(/(\S+?)\[\d+\](\([FSWR]\))?/g)];
    r.devices = devs.map((d) => d[1] ?? '');
    r.failedDevices = devs.filter((d) => d[2] === '(F)').length;
    r.spareDevices = devs.filter((d) => d[2] === '(S)').length;
    for (let j = i + 1; j < lines.length && /^\s+\S/.test(lines[j] ?? ''); j++) {
      const l = lines[j] ?? '';
      const st = /\[(\d+)\/(\d+)\]\s+\[([U_]+)\]/.exec(l);
      if (st) {
        r.raidDevices = Number(st[1]);
        r.activeDevices = Number(st[2]);
        r.degraded = r.activeDevices < r.raidDevices || (st[3] ?? '').includes('_');
      }
      const blocks = /^\s*(\d+) blocks/.exec(l);
      if (blocks) r.sizeBytes = Number(blocks[1]) * 1024;
      const sync = /(resync|recovery|reshape|check)\s*=\s*([\d.]+%)/.exec(l);
      if (sync) r.sync = `${sync[1]} ${sync[2]}`;
    }
    if (r.degraded === undefined && r.failedDevices) r.degraded = true;
    raids.push(r);
  }
  return raids;
}

/** `mdadm --detail /dev/mdX` for one or more arrays, concatenated. */
export function parseMdadmDetail(text: string): Raid[] {
  const raids: Raid[] = [];
  let cur: Raid | undefined;
  for (const line of text.split('\n')) {
    const head = /^\/dev\/(md[^:\s]*):\s*$/.exec(line);
    if (head) {
      cur = { name: (head[1] ?? '').replace(/^md\//, ''), devices: [] };
      raids.push(cur);
      continue;
    }
    if (!cur) continue;
    const kv = /^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/.exec(line);
    if (kv) {
      const [, k, v = ''] = kv;
      if (k === 'Raid Level') cur.level = v;
      else if (k === 'State') {
        cur.state = v;
        cur.degraded = /degraded|FAILED|inactive/i.test(v);
      } else if (k === 'Array Size') {
        const n = int(v.split(/\s/)[0]);
        if (n !== undefined) cur.sizeBytes = n * 1024;
      } else if (k === 'Raid Devices') cur.raidDevices = int(v);
      else if (k === 'Active Devices') cur.activeDevices = int(v);
      else if (k === 'Failed Devices') cur.failedDevices = int(v);
      else if (k === 'Spare Devices') cur.spareDevices = int(v);
      else if (k === 'Rebuild Status' || k === 'Resync Status') cur.sync = v;
      continue;
    }
    const dev = /^\s+(?:\d+|-)\s+\d+\s+\d+\s+(?:\d+|-)\s+(.*?)\s+(\/dev\/\S+)\s*$/.exec(line);
    if (dev) cur.devices?.push((dev[2] ?? '').replace(/^\/dev\//, ''));
  }
  for (const r of raids) for (const k of Object.keys(r) as Array<keyof Raid>) if (r[k] === undefined) delete r[k];
  return raids;
}

/** Prefer mdadm --detail per field, mdstat as the base (it works without root). */
export function mergeRaids(mdstat: Raid[], detail: Raid[]): Raid[] {
  const out = mdstat.map((r) => ({ ...r }));
  for (const d of detail) {
    const i = out.findIndex((r) => r.name === d.name);
    if (i < 0) out.push(d);
    else out[i] = { ...out[i], ...d, degraded: Boolean(out[i]?.degraded || d.degraded) } as Raid;
  }
  return out;
}

function lvmReport(json: string, kind: 'pv' | 'vg' | 'lv'): Array<Record<string, unknown>> | undefined {
  const data = safeJson(json);
  if (!isObj(data) || !Array.isArray(data.report)) return undefined;
  const rows: Array<Record<string, unknown>> = [];
  for (const r of data.report) if (isObj(r) && Array.isArray(r[kind])) for (const row of r[kind] as unknown[]) if (isObj(row)) rows.push(row);
  return rows;
}

export function parseLvm(pvs: string | undefined, vgs: string | undefined, lvs: string | undefined): Pick<Storage, 'pvs' | 'vgs' | 'lvs'> {
  const out: Pick<Storage, 'pvs' | 'vgs' | 'lvs'> = {};
  const pv = pvs ? lvmReport(pvs, 'pv') : undefined;
  if (pv) out.pvs = pv.filter((r) => str(r.pv_name)).map((r) => strip({ name: str(r.pv_name) as string, vg: str(r.vg_name), sizeBytes: num(r.pv_size), freeBytes: num(r.pv_free) }));
  const vg = vgs ? lvmReport(vgs, 'vg') : undefined;
  if (vg)
    out.vgs = vg.filter((r) => str(r.vg_name)).map((r) =>
      strip({ name: str(r.vg_name) as string, sizeBytes: num(r.vg_size), freeBytes: num(r.vg_free), extentSizeBytes: num(r.vg_extent_size), extentCount: int(r.vg_extent_count), freeExtents: int(r.vg_free_count), pvCount: int(r.pv_count), lvCount: int(r.lv_count) }),
    );
  const lv = lvs ? lvmReport(lvs, 'lv') : undefined;
  if (lv) out.lvs = lv.filter((r) => str(r.lv_name)).map((r) => strip({ name: str(r.lv_name) as string, vg: str(r.vg_name), sizeBytes: num(r.lv_size), attr: str(r.lv_attr), path: str(r.lv_path) }));
  return out;
}

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

/** `df -P -B1 -T`: Filesystem Type 1-blocks Used Available Capacity Mounted-on (mount point may contain spaces). */
export function parseDf(text: string): Filesystem[] {
  const out: Filesystem[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(\/.*)$/.exec(line);
    if (!m) continue;
    const pct = Number(m[6]);
    out.push({ source: m[1] ?? '', fstype: m[2] ?? '', sizeBytes: Number(m[3]), usedBytes: Number(m[4]), availBytes: Number(m[5]), ...(pct <= 100 ? { usePercent: pct } : {}), mountpoint: m[7] ?? '' });
  }
  return out;
}

const PSEUDO_FS = new Set(['tmpfs', 'devtmpfs', 'proc', 'sysfs', 'overlay', 'squashfs', 'efivarfs', 'cgroup2']);

export function parseStorage(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  const st: Storage = {};
  const lsblk = usable(secs, 'lsblk', notes);
  if (lsblk !== undefined) {
    const devs = parseLsblk(lsblk);
    if (devs) st.blockDevices = devs;
    else notes.push(note('unparsable', { section: 'lsblk' }));
  }
  // No /proc/mdstat: the md driver is not loaded, so there is no software RAID.
  const mdSec = secs.get('mdstat');
  const noMd = mdSec !== undefined && mdSec.rc !== 0 && /No such file/.test(mdSec.out);
  if (noMd) notes.push(note('storage.noMdRaid'));
  const mdstat = noMd ? '' : usable(secs, 'mdstat', notes);
  // The detail loop prints nothing when there are no arrays; mdadm missing is fine without md arrays.
  const detailSec = secs.get('mdadm');
  const mdRaids = mdstat ? parseMdstat(mdstat) : [];
  const detail = mdRaids.length ? usable(secs, 'mdadm', notes) : detailSec?.out;
  const raids = mergeRaids(mdRaids, detail ? parseMdadmDetail(detail) : []);
  if (mdstat !== undefined || raids.length) st.raids = raids;
  const lvm = parseLvm(usable(secs, 'pvs', notes), usable(secs, 'vgs', notes), usable(secs, 'lvs', notes));
  Object.assign(st, lvm);
  const df = usable(secs, 'df', notes, [0, 1]);
  if (df !== undefined) st.filesystems = parseDf(df).filter((f) => !PSEUDO_FS.has(f.fstype ?? ''));
  return { storage: st, notes };
}

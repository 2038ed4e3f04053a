/** Hardware facts from lscpu, /proc/cpuinfo, /proc/meminfo, `ip -j link`, link speeds and systemd-detect-virt. Pure. */
import type { CollectorResult, Hardware, Note } from '../../../shared/analysis/facts.js';
import { int, isObj, keyValues, note, safeJson, splitSections, str, usable } from '../sections.js';

export function parseLscpu(text: string): Partial<Hardware> {
  const kv = keyValues(text, ':');
  const sockets = int(kv.get('Socket(s)'));
  const perSocket = int(kv.get('Core(s) per socket'));
  const threads = int(kv.get('CPU(s)'));
  const out: Partial<Hardware> = {};
  const model = kv.get('Model name');
  if (model) out.cpuModel = model;
  if (sockets !== undefined) out.cpuSockets = sockets;
  if (sockets !== undefined && perSocket !== undefined) out.cpuCores = sockets * perSocket;
  if (threads !== undefined) out.cpuThreads = threads;
  return out;
}

export function parseCpuinfo(text: string): Partial<Hardware> {
  let threads = 0;
  let model: string | undefined;
  const cores = new Set<string>();
  const sockets = new Set<string>();
  let phys = '0';
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const k = line.slice(0, i).trim();
    const v = line.slice(i + 1).trim();
    if (k === 'processor') threads++;
    else if (k === 'model name' && !model) model = v;
    else if (k === 'physical id') { phys = v; sockets.add(v); }
    else if (k === 'core id') cores.add(`${phys}/${v}`);
  }
  const out: Partial<Hardware> = {};
  if (model) out.cpuModel = model;
  if (threads) out.cpuThreads = threads;
  if (cores.size) out.cpuCores = cores.size;
  if (sockets.size) out.cpuSockets = sockets.size;
  return out;
}

export function parseMeminfo(text: string): Partial<Hardware> {
  const kv = keyValues(text, ':');
  const kb = (k: string) => {
    const m = /^(\d+)\s*kB$/.exec(kv.get(k) ?? '');
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const out: Partial<Hardware> = {};
  const total = kb('MemTotal'), avail = kb('MemAvailable'), swap = kb('SwapTotal');
  if (total !== undefined) out.memTotalBytes = total;
  if (avail !== undefined) out.memAvailableBytes = avail;
  if (swap !== undefined) out.swapTotalBytes = swap;
  return out;
}

type Nic = NonNullable<Hardware['nics']>[number];

export function parseIpLink(json: string, speeds: string): Nic[] {
  const data = safeJson(json);
  const speed = new Map<string, number>();
  for (const line of speeds.split('\n')) {
    const [name, v] = line.trim().split(/\s+/);
    const n = int(v);
    if (name && n !== undefined && n > 0 && n < 10_000_000) speed.set(name, n);
  }
  if (!Array.isArray(data)) return [];
  const nics: Nic[] = [];
  for (const l of data) {
    if (!isObj(l)) continue;
    const name = str(l.ifname);
    if (!name) continue;
    const nic: Nic = { name };
    const mac = str(l.address);
    if (mac) nic.mac = mac;
    const state = str(l.operstate);
    if (state) nic.state = state;
    const mtu = int(l.mtu);
    if (mtu !== undefined) nic.mtu = mtu;
    const kind = isObj(l.linkinfo) ? str(l.linkinfo.info_kind) : str(l.link_type);
    if (kind) nic.kind = kind;
    const sp = speed.get(name);
    if (sp !== undefined) nic.speedMbps = sp;
    nics.push(nic);
  }
  return nics;
}

export function parseHardware(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  let hw: Hardware = {};
  const lscpu = usable(secs, 'lscpu', notes);
  if (lscpu) hw = { ...hw, ...parseLscpu(lscpu) };
  const cpuinfo = usable(secs, 'cpuinfo', notes);
  if (cpuinfo) hw = { ...parseCpuinfo(cpuinfo), ...hw };
  const mem = usable(secs, 'meminfo', notes);
  if (mem) hw = { ...hw, ...parseMeminfo(mem) };
  const link = usable(secs, 'iplink', notes);
  if (link !== undefined) {
    const nics = parseIpLink(link, secs.get('speed')?.out ?? '');
    if (nics.length) hw.nics = nics;
    else notes.push(note('unparsable', { section: 'iplink' }));
  }
  // systemd-detect-virt exits 1 when it prints "none".
  const virt = usable(secs, 'virt', notes, [0, 1])?.trim().split('\n')[0];
  if (virt && /^[a-z0-9_-]+$/.test(virt)) hw.virtualization = virt;
  if (hw.cpuModel === undefined && hw.cpuThreads === undefined) notes.push(note('hardware.noCpu'));
  const hostname = secs.get('hostname')?.out.trim().split('\n')[0];
  return { hardware: hw, ...(hostname && /^[A-Za-z0-9.-]+$/.test(hostname) ? { hostname } : {}), notes };
}

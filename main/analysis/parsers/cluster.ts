/** Existing cluster pieces: corosync, pacemaker (crm_mon XML), DRBD (/proc/drbd, drbdadm dump). Pure. */
import type { Cluster, CollectorResult, Note } from '../../../shared/analysis/facts.js';
import { splitSections, usable } from '../sections.js';

/** Lines "name yes|no" from `command -v` checks and "unit active-state". */
const flags = (text: string): Map<string, string> => new Map(text.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length === 2).map((p) => [p[0] ?? '', p[1] ?? '']));

export function parseCrmMon(xml: string): { nodes: string[]; resources: string[] } {
  const nodes = [...xml.matchAll(/<node\s[^>]*\bname="([^"]+)"/g)].map((m) => m[1] ?? '');
  const resources = [...xml.matchAll(/<resource\s[^>]*\bid="([^"]+)"/g)].map((m) => m[1] ?? '');
  return { nodes: [...new Set(nodes)], resources: [...new Set(resources)] };
}

export function parseDrbdDump(text: string): NonNullable<NonNullable<Cluster['drbd']>['resources']> {
  const out: NonNullable<NonNullable<Cluster['drbd']>['resources']> = [];
  for (const m of text.matchAll(/^resource\s+"?([\w.-]+)"?\s*\{([\s\S]*?)^\}/gm)) {
    const body = m[2] ?? '';
    const device = /\bdevice\s+(?:minor\s+\d+|"?(\/dev\/[\w/-]+)"?)/.exec(body)?.[1];
    const disk = /\bdisk\s+"?(\/dev\/[\w/.-]+)"?\s*;/.exec(body)?.[1];
    out.push({ name: m[1] ?? '', ...(device ? { device } : {}), ...(disk ? { disk } : {}) });
  }
  return out;
}

export function parseProcDrbd(text: string): { version?: string; states: string[] } {
  const version = /^version:\s*(\S+)/m.exec(text)?.[1];
  const states = [...text.matchAll(/^\s*\d+:\s*cs:(\S+)\s+ro:(\S+)\s+ds:(\S+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
  return { ...(version ? { version } : {}), states };
}

export function parseCluster(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  const tools = flags(secs.get('tools')?.out ?? '');
  const active = flags(secs.get('active')?.out ?? '');
  const cl: Cluster = {};
  const corosyncConf = secs.get('corosync')?.out ?? '';
  cl.corosync = {
    installed: tools.get('corosync') === 'yes',
    configured: secs.get('corosync')?.rc === 0 && /totem\s*\{/.test(corosyncConf),
    active: active.get('corosync') === 'active',
  };
  const ringNodes = [...corosyncConf.matchAll(/^\s*name:\s*(\S+)/gm)].map((m) => m[1] ?? '');
  if (ringNodes.length) cl.corosync.nodes = ringNodes;
  cl.pacemaker = { installed: tools.get('crm_mon') === 'yes' || tools.get('pacemakerd') === 'yes', active: active.get('pacemaker') === 'active' };
  if (cl.pacemaker.active) {
    const xml = usable(secs, 'crm', notes);
    if (xml) cl.pacemaker.resources = parseCrmMon(xml).resources;
  }
  const procDrbd = secs.get('procdrbd');
  const pd = procDrbd?.rc === 0 ? parseProcDrbd(procDrbd.out) : { states: [] };
  cl.drbd = { installed: tools.get('drbdadm') === 'yes', ...(pd.version ? { kernelVersion: pd.version } : {}) };
  if (cl.drbd.installed) {
    const dump = usable(secs, 'drbddump', notes, [0, 1]);
    const res = dump ? parseDrbdDump(dump) : [];
    res.forEach((r, i) => {
      const s = pd.states[i];
      if (s) r.state = s;
    });
    if (res.length) cl.drbd.resources = res;
  }
  return { cluster: cl, notes };
}

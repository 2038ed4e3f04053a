/**
 * `crm_mon --output-as=xml` (Pacemaker 2.1 / 3.0) -> PacemakerStatus. Pure and fuzz-safe: anything that is
 * not the expected XML gives an empty status with a problem line, never an exception. Old role names
 * (Master/Slave) are mapped to Promoted/Unpromoted, as Pacemaker 2.1+ prints them.
 */
import { XMLParser } from 'fast-xml-parser';
import type { FailedAction, PacemakerStatus, PcmkNode, PcmkResource } from './statusSchema';

/** An element: its name, attributes and child elements in document order (text is not needed). */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
  preserveOrder: true,
});

/** fast-xml-parser's ordered output ([{ tag: [...children], ':@': {attrs} }]) -> El trees. */
function toTree(nodes: unknown): El[] {
  if (!Array.isArray(nodes)) return [];
  const out: El[] = [];
  for (const n of nodes) {
    if (!n || typeof n !== 'object') continue;
    const rec = n as Record<string, unknown>;
    const name = Object.keys(rec).find((k) => k !== ':@' && k !== '#text');
    if (!name) continue;
    const rawAttrs = rec[':@'];
    const attrs: Record<string, string> = {};
    if (rawAttrs && typeof rawAttrs === 'object') for (const [k, v] of Object.entries(rawAttrs)) if (typeof v === 'string') attrs[k] = v;
    out.push({ name, attrs, children: toTree(rec[name]) });
  }
  return out;
}

const str = (e: El | undefined, k: string): string | undefined => e?.attrs[k];
const bool = (e: El | undefined, k: string): boolean => str(e, k) === 'true';
const num = (e: El | undefined, k: string): number | undefined => {
  const s = str(e, k);
  if (s === undefined || !/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
};
const child = (e: El | undefined, name: string): El | undefined => e?.children.find((c) => c.name === name);
const kids = (e: El | undefined, name: string): El[] => e?.children.filter((c) => c.name === name) ?? [];

const ROLE_NAMES: Record<string, string> = { Master: 'Promoted', Slave: 'Unpromoted' };

export function emptyPacemakerStatus(problem?: string): PacemakerStatus {
  return { nodes: [], resources: [], stonithDevices: [], failedActions: [], fenceHistory: [], problems: problem ? [problem] : [] };
}

/** The service address: the IPaddr(2) primitive that is no clone (the mail service's group holds it). */
export function vipResource(crm: PacemakerStatus): PcmkResource | undefined {
  return crm.resources.find((r) => /IPaddr2?$/.test(r.agent) && !r.clone);
}

function resource(e: El, ctx: { group?: string; clone?: string; promotable?: boolean }): PcmkResource | undefined {
  const id = str(e, 'id');
  if (!id) return undefined;
  const role = str(e, 'role') ?? 'Unknown';
  return {
    id,
    agent: str(e, 'resource_agent') ?? '',
    role: ROLE_NAMES[role] ?? role,
    active: bool(e, 'active'),
    failed: bool(e, 'failed'),
    managed: str(e, 'managed') !== 'false',
    blocked: bool(e, 'blocked'),
    nodes: kids(e, 'node').flatMap((n) => (str(n, 'name') ? [str(n, 'name')!] : [])),
    ...(ctx.group ? { group: ctx.group } : {}),
    ...(ctx.clone ? { clone: ctx.clone } : {}),
    ...(ctx.promotable !== undefined ? { promotable: ctx.promotable } : {}),
  };
}

function resources(container: El | undefined, ctx: { group?: string; clone?: string; promotable?: boolean } = {}): PcmkResource[] {
  if (!container) return [];
  const out: PcmkResource[] = [];
  for (const c of container.children) {
    if (c.name === 'resource') {
      const x = resource(c, ctx);
      if (x) out.push(x);
    } else if (c.name === 'group') out.push(...resources(c, { ...ctx, group: str(c, 'id') ?? '' }));
    else if (c.name === 'clone') out.push(...resources(c, { ...ctx, clone: str(c, 'id') ?? '', promotable: bool(c, 'multi_state') }));
    else if (c.name === 'bundle') for (const rep of kids(c, 'replica')) out.push(...resources(rep, { ...ctx, clone: str(c, 'id') ?? '' }));
  }
  return out;
}

function node(e: El): PcmkNode | undefined {
  const name = str(e, 'name');
  if (!name) return undefined;
  const id = str(e, 'id');
  const running = num(e, 'resources_running');
  const type = str(e, 'type');
  return {
    name,
    ...(id ? { id } : {}),
    online: bool(e, 'online'),
    standby: bool(e, 'standby') || bool(e, 'standby_onfail'),
    maintenance: bool(e, 'maintenance'),
    unclean: bool(e, 'unclean'),
    pending: bool(e, 'pending'),
    shutdown: bool(e, 'shutdown'),
    isDc: bool(e, 'is_dc'),
    ...(running !== undefined ? { resourcesRunning: running } : {}),
    ...(type ? { type } : {}),
  };
}

function failure(e: El): FailedAction | undefined {
  const key = str(e, 'op_key') ?? str(e, 'id');
  const nodeName = str(e, 'node');
  if (!key || !nodeName) return undefined;
  // op_key is <resource>_<task>_<interval>; the task attribute says which part is the task.
  const task = str(e, 'task') ?? /_([a-z-]+)_\d+$/.exec(key)?.[1] ?? '';
  const m = new RegExp(`^(.*)_${task.replace(/[-]/g, '\\-')}_\\d+$`).exec(key);
  const exitCode = num(e, 'exitcode') ?? num(e, 'rc');
  const intervalMs = num(e, 'interval');
  return {
    resource: m?.[1] || key,
    op: task,
    node: nodeName,
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(str(e, 'exitstatus') ? { exitStatus: str(e, 'exitstatus')! } : {}),
    ...(str(e, 'exitreason') ? { exitReason: str(e, 'exitreason')! } : {}),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
    ...(str(e, 'last-rc-change') ? { lastRcChange: str(e, 'last-rc-change')! } : {}),
  };
}

export function parseCrmMonXml(xml: string): PacemakerStatus {
  if (typeof xml !== 'string' || !xml.includes('<')) return emptyPacemakerStatus('crm_mon gave no XML');
  let top: El[];
  try {
    top = toTree(parser.parse(xml));
  } catch (e) {
    return emptyPacemakerStatus(`crm_mon XML not readable: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown'}`);
  }
  const root = top.find((e) => e.name === 'pacemaker-result' || e.name === 'crm_mon');
  if (!root) return emptyPacemakerStatus('not crm_mon XML output');
  const problems: string[] = [];
  const status = child(root, 'status');
  if (status && str(status, 'code') && str(status, 'code') !== '0') problems.push(`crm_mon: ${str(status, 'message') ?? 'error'} (code ${str(status, 'code')})`);
  const summary = child(root, 'summary');
  const dc = child(summary, 'current_dc');
  const options = child(summary, 'cluster_options');
  const nodes = kids(child(root, 'nodes'), 'node').flatMap((n) => node(n) ?? []);
  const res = resources(child(root, 'resources'));
  const failedActions = kids(child(root, 'failures'), 'failure').flatMap((f) => failure(f) ?? []);
  const fenceHistory = kids(child(root, 'fence_history'), 'fence_event').flatMap((f) => {
    const target = str(f, 'target');
    if (!target) return [];
    return [
      {
        target,
        action: str(f, 'action') ?? '',
        status: str(f, 'status') ?? '',
        ...(str(f, 'origin') ? { origin: str(f, 'origin')! } : {}),
        ...(str(f, 'completed') ? { completed: str(f, 'completed')! } : {}),
        ...(str(f, 'delegate') ? { delegate: str(f, 'delegate')! } : {}),
      },
    ];
  });
  const dcName = dc && str(dc, 'present') !== 'false' ? str(dc, 'name') : undefined;
  return {
    ...(dcName ? { dc: dcName } : {}),
    ...(dc && str(dc, 'with_quorum') ? { withQuorum: bool(dc, 'with_quorum') } : {}),
    ...(options && str(options, 'stonith-enabled') ? { stonithEnabled: bool(options, 'stonith-enabled') } : {}),
    ...(options && str(options, 'maintenance-mode') ? { maintenanceMode: bool(options, 'maintenance-mode') } : {}),
    ...(options && str(options, 'no-quorum-policy') ? { noQuorumPolicy: str(options, 'no-quorum-policy')! } : {}),
    nodes,
    resources: res,
    stonithDevices: res.filter((r) => r.agent.startsWith('stonith:')).map((r) => r.id),
    failedActions,
    fenceHistory,
    problems,
  };
}

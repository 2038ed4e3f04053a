/** Service states (systemctl is-enabled/is-active) and listening TCP sockets (`ss -Hltnp`). Pure. */
import type { CollectorResult, Listener, Note, Services } from '../../../shared/analysis/facts.js';
import { note, splitSections, usable } from '../sections.js';

export const SERVICE_UNITS = ['postfix', 'dovecot', 'mariadb', 'mysql', 'corosync', 'pacemaker', 'drbd', 'rsyslog'];

type Unit = NonNullable<Services['units']>[number];

/** Lines "unit\tenabled-state\tactive-state"; empty states mean the unit does not exist. */
export function parseUnits(text: string): Unit[] {
  const out: Unit[] = [];
  for (const line of text.split('\n')) {
    const [name, enabled, active] = line.split('\t');
    if (!name || !/^[\w@.-]+$/.test(name) || active === undefined) continue;
    const u: Unit = { name };
    const e = enabled?.trim().split(/\s+/)[0], a = active.trim().split(/\s+/)[0];
    u.enabled = e && /^[a-z-]+$/.test(e) ? e : 'not-found';
    u.active = a && /^[a-z-]+$/.test(a) ? a : 'unknown';
    out.push(u);
  }
  return out;
}

const WILDCARD = new Set(['0.0.0.0', '*', '[::]', '::', '[::ffff:0.0.0.0]']);

/** `ss -Hltnp`: State Recv-Q Send-Q Local:Port Peer:Port [Process]. */
export function parseSs(text: string): Listener[] {
  const seen = new Set<string>();
  const out: Listener[] = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5) continue;
    // Without -H older ss prints a header; with a state column the local address is the 4th field.
    const local = cols[0] === 'LISTEN' ? cols[3] : /^\d+$/.test(cols[0] ?? '') ? cols[2] : undefined;
    if (!local) continue;
    const i = local.lastIndexOf(':');
    if (i <= 0) continue;
    const port = Number(local.slice(i + 1));
    if (!Number.isInteger(port) || port <= 0 || port > 65535) continue;
    const address = local.slice(0, i).replace(/%\S+$/, '');
    const proc = /users:\(\("([^"]+)"/.exec(line)?.[1];
    const key = `${address} ${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ address, port, allInterfaces: WILDCARD.has(address), ...(proc ? { process: proc } : {}) });
  }
  return out.sort((a, b) => a.port - b.port || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

export function parseServices(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  const services: Services = {};
  const units = usable(secs, 'units', notes);
  if (units !== undefined) services.units = parseUnits(units);
  const ss = usable(secs, 'ss', notes);
  if (ss !== undefined) {
    services.listeners = parseSs(ss);
    if (services.listeners.length && !services.listeners.some((l) => l.process)) notes.push(note('services.noProcessNames'));
  }
  return { services, notes };
}

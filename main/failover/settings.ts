/**
 * The probe and mail-flow settings of a run, resolved from the project (Failover-Tests settings, the VIP from
 * the Installation settings) and the secret store. Anything missing is a translated problem, never a guess.
 */
import { hostname } from 'node:os';
import { defaultPorts, protocols, type Protocol } from '../../shared/failover/protocols';
import type { Project } from '../../shared/project/schema';
import type { Services } from '../services';
import type { Credentials, Endpoint } from './probes/types';
import { getFailoverSecret } from './secrets';

export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export interface ProbeSettings {
  vip: string;
  host: string;
  ports: Record<Protocol, number>;
  protocols: Protocol[];
  mailbox?: Credentials;
  mailAddress?: string;
  from?: string;
  sql?: Credentials;
  database?: string;
  heloName: string;
  secrets: string[];
}

export function endpoint(s: ProbeSettings, p: Protocol): Endpoint {
  return { host: s.host, port: s.ports[p] };
}

const needsMailbox: Protocol[] = ['submission', 'imap', 'pop3'];

export async function resolveProbeSettings(services: Services, project: Project): Promise<{ settings?: ProbeSettings; problems: Problem[] }> {
  const f = project.failover.settings;
  const problems: Problem[] = [];
  const vip = project.commission.settings.vip?.replace(/\/\d+$/, '');
  if (!vip) problems.push({ key: 'failover:problems.noVip' });
  const host = f.endpoint.host ?? vip;
  if (!host) problems.push({ key: 'failover:problems.noEndpoint' });
  const ports = Object.fromEntries(protocols.map((p) => [p, f.endpoint.ports[p] ?? defaultPorts[p]])) as Record<Protocol, number>;
  const chosen = protocols.filter((p) => f.protocols.includes(p));
  const user = f.mailbox.user;
  const address = f.mailbox.address ?? (user?.includes('@') ? user : undefined);
  const mailboxPassword = await getFailoverSecret(services, project.id, 'mailbox');
  const sqlPassword = await getFailoverSecret(services, project.id, 'sql');
  if (chosen.some((p) => needsMailbox.includes(p))) {
    if (!user) problems.push({ key: 'failover:problems.noMailbox' });
    else if (!mailboxPassword) problems.push({ key: 'failover:problems.noMailboxPassword', params: { user } });
  }
  if (!address) problems.push({ key: 'failover:problems.noMailAddress' });
  if (chosen.includes('sql')) {
    if (!f.sql.user) problems.push({ key: 'failover:problems.noSqlUser' });
    else if (!sqlPassword) problems.push({ key: 'failover:problems.noSqlPassword', params: { user: f.sql.user } });
  }
  for (const need of ['smtp', 'imap'] as const) if (!chosen.includes(need)) problems.push({ key: 'failover:problems.protocolNeeded', params: { protocol: need } });
  if (problems.length || !vip || !host) return { problems };
  const h = hostname();
  return {
    problems,
    settings: {
      vip,
      host,
      ports,
      protocols: chosen,
      ...(user && mailboxPassword ? { mailbox: { user, password: mailboxPassword } } : {}),
      ...(address ? { mailAddress: address } : {}),
      // The mailbox itself: submission servers often refuse a sender that is not the login (reject_sender_login_mismatch).
      ...(f.sender ?? address ? { from: f.sender ?? address } : {}),
      ...(f.sql.user && sqlPassword ? { sql: { user: f.sql.user, password: sqlPassword } } : {}),
      ...(f.sql.database ? { database: f.sql.database } : {}),
      heloName: h.includes('.') ? h : `${h}.localdomain`,
      secrets: [mailboxPassword, sqlPassword].filter((x): x is string => !!x),
    },
  };
}

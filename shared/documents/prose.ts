/** Small text helpers the chapter builders share: the user's own text, "pending" notes, the server in one sentence. */
import { raidName } from '../planning/raid';
import type { RaidLevel } from '../planning/hardwareSchema';
import type { BuildContext } from './context';
import { b, type Block, type Paragraph } from './model';

/** Text the user typed in the Projekt step (not a chapter addition): paragraphs split at blank lines. */
export function textBlocks(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => b.p(p));
}

/** Data that has not arrived yet, said plainly (never filler). */
export function pending(c: BuildContext, key: string, params?: Record<string, string | number>): Paragraph {
  return b.p(c.d(`pending.${key}`, params), 'pending');
}

export const orDash = (s: string | undefined) => (s && s.trim() ? s.trim() : '–');

/** The project's named people and dates, '' when not entered. */
export function who(c: BuildContext) {
  const m = c.src.project.meta;
  return { trainee: m.engineer.trim(), company: m.company.trim(), customer: m.customer.trim(), supervisor: m.supervisor.trim(), title: m.title.trim() };
}

/** The server as the Ist-Analyse or the hand entry knows it, in one or two sentences; null when nothing is known. */
export function serverSentence(c: BuildContext): string | null {
  const f = c.src.project.facts;
  const p = c.src.plan.inputs.primary;
  const parts: string[] = [];
  const host = f?.hostname;
  const os = f?.os?.prettyName;
  const versions = [
    f?.postfix?.version ? `Postfix ${f.postfix.version}` : null,
    f?.dovecot?.version ? `Dovecot ${f.dovecot.version}` : null,
    f?.mariadb?.version ? `MariaDB ${f.mariadb.version}` : null,
  ].filter(Boolean).join(', ');
  if (host || os || versions) {
    parts.push(c.d('prose.serverSoftware', { host: host ?? c.d('prose.theServer'), os: os ?? c.d('prose.unknownOs'), versions: versions || c.d('prose.unknownVersions') }));
  }
  if (p) {
    parts.push(c.d('prose.serverHardware', {
      cpu: p.cpuModel || c.d('prose.unknownCpu'), cores: p.cores, threads: p.threads, ram: c.fmt.num(p.ramGb, 0),
      disks: p.disks.count, size: c.fmt.num(p.disks.sizeGb, 0), type: c.t(`docs:diskTypes.${p.disks.type}`), raid: raidLabel(p.disks.raidLevel),
    }));
    parts.push(c.d('prose.serverData', {
      vmail: c.fmt.num(p.data.vmailGb, 1), db: c.fmt.num(p.data.mariadbGb, 1), spool: c.fmt.num(p.data.spoolGb, 1), mails: c.fmt.num(p.mailsPerDay, 0),
    }));
  }
  return parts.length ? parts.join(' ') : null;
}

export const raidLabel = (level: RaidLevel) => raidName(level);

/** The decisions of the Nutzwertanalyse as words ("Aktiv/Passiv mit DRBD und Pacemaker/Corosync, 2 Knoten + Quorum-Device"). */
export function chosenArchitecture(c: BuildContext): string | null {
  const m = c.src.plan.matrix;
  if (!m.ok) return null;
  const get = (d: string) => m.value.find((x) => x.decision === d)?.chosen;
  const o = (id: string | undefined) => (id ? c.t(`planning:matrix.options.${id}`) : '–');
  return c.d('prose.architecture', { architecture: o(get('architecture')), replication: o(get('replication')), software: o(get('clusterSoftware')), nodes: o(get('nodeCount')) });
}

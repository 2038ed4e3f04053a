import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { TFunction } from 'i18next';
import type { Facts } from '../../../shared/analysis/facts';
import { noteText } from '../../../shared/analysis/noteText';
import type { Project } from '../../../shared/project/schema';
import type { Target } from '../../../shared/ssh/target';
import { parseArgs } from '../args';
import { cliT, type CliCommand, type CliIO } from '../command';
import { ExitCode } from '../exitCodes';
import { callHandler, onCliEvent } from '../runtime';

/** user@host:port -> parts; the port and user are optional. */
export function parseHostSpec(spec: string, defaults: { user?: string; port?: number }): { host: string; user?: string; port: number } {
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
  if (!m) throw new Error(`bad host: ${spec}`);
  const user = m[1] ?? defaults.user;
  return { host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : (defaults.port ?? 22), ...(user ? { user } : {}) };
}

/** The facts as a short table in the user's language, notes as sentences. */
export function summary(f: Facts, t: TFunction, lang: CliIO['lang'] = 'en'): string[] {
  const one = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const gib = (b?: number) => (b === undefined ? '–' : `${one.format(b / 2 ** 30)} GiB`);
  const raid = f.storage?.raids?.map((r) => `${r.name} ${r.level ?? ''} ${r.state ?? ''}`.trim()).join(', ');
  const rows: [string, string][] = [
    ['host', f.hostname ?? '–'],
    ['cpu', `${f.hardware?.cpuModel ?? '–'} (${f.hardware?.cpuCores ?? '?'}C/${f.hardware?.cpuThreads ?? '?'}T)`],
    ['memory', gib(f.hardware?.memTotalBytes)],
    ['os', `${f.os?.prettyName ?? '–'} (${t('common:cli.summary.kernel')} ${f.os?.kernel ?? '–'})`],
    ['raid', raid || '–'],
    ['vgs', f.storage?.vgs?.map((v) => `${v.name} ${t('common:cli.summary.free')} ${gib(v.freeBytes)}`).join(', ') || '–'],
    ['data', `${t('common:cli.summary.mailboxes')} ${gib(f.data?.vmailBytes)}, MariaDB ${gib(f.data?.datadirBytes)}, ${t('common:cli.summary.queue')} ${gib(f.data?.spoolBytes)}`],
    ['mailDays', String(f.mailVolume?.days?.length ?? 0)],
    ...(f.mailVolume?.totals ? [['mailLog', mailLine(f, t)] as [string, string]] : []),
    ['collectors', Object.entries(f.collectors ?? {}).map(([k, v]) => `${k}: ${t(`analysis:status.${v.status}`)}`).join(', ')],
  ];
  const labels = rows.map(([k]) => t(`common:cli.summary.${k}`));
  const w = Math.max(...labels.map((l) => l.length));
  const note = t('common:cli.summary.note');
  return [...rows.map(([, v], i) => `${(labels[i] ?? '').padEnd(w)}  ${v}`), ...(f.notes ?? []).map((n) => `${note.padEnd(w)}  ${noteText(t as never, n)}`)];
}

/** The mail log's totals in one line, named as pflogsumm's Grand Totals name them. */
function mailLine(f: Facts, t: TFunction): string {
  const v = f.mailVolume;
  const n = (x: number | undefined) => String(x ?? 0);
  return t('common:cli.summary.mailTotals', {
    received: n(v?.totals?.received),
    delivered: n(v?.totals?.delivered),
    deferred: n(v?.totals?.deferred),
    bounced: n(v?.totals?.bounced),
    rejected: n(v?.totals?.rejected),
    senders: n(v?.summary?.senders),
    recipients: n(v?.summary?.recipients),
    sasl: n(v?.summary?.saslAuthFailures),
  });
}

/** Writes facts (and the target they came from) into the project, as the Ist-Analyse step does. */
async function storeFacts(io: CliIO, file: string, project: Project, facts: Facts, target?: Target): Promise<void> {
  const next: Project = { ...project, facts, ...(target ? { hosts: { ...project.hosts, primary: target } } : {}) };
  next.steps = { ...next.steps, analysis: { ...next.steps.analysis, status: 'done', updatedAt: new Date().toISOString() } };
  await callHandler(io, 'project.save', { path: file, project: next });
}

/**
 * `analyse --host H [--port P] --user U [--key FILE | --agent | --password] [--jump user@host:port]
 *  [--accept-fingerprint SHA256:...] [--project FILE] [--json]`. Secrets come from the environment
 * (MHS_SSH_PASSWORD, MHS_SSH_PASSPHRASE, MHS_SUDO_PASSWORD, MHS_JUMP_PASSWORD), never from argv. With
 * --project, the run is audited under that project (where the app shows it) and its facts are stored there.
 * Ctrl-C cancels the run on the server (nothing is left running) and exits with 130.
 */
export const analyseCommand: CliCommand = {
  name: 'analyse',
  usage:
    'analyse --host H [--port P] --user U [--key FILE|--agent|--password] [--jump user@host:port [--jump-key FILE]] [--accept-fingerprint SHA256:..] [--project FILE] [--json]',
  descriptionKey: 'common:cli.help.analyse',
  async run(argv, io) {
    const { options: o } = parseArgs(argv, ['host', 'port', 'user', 'key', 'jump', 'jump-key', 'accept-fingerprint', 'project']);
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    if (!s('host') || !s('user')) {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const auth = s('key') ? { method: 'key' as const, keyPath: path.resolve(s('key')!) } : o.agent ? { method: 'agent' as const } : { method: 'password' as const };
    const port = s('port') ? Number(s('port')) : 22;
    let jump: Target | undefined;
    if (s('jump')) {
      const j = parseHostSpec(s('jump')!, { user: s('user')!, port: 22 });
      jump = { host: j.host, port: j.port, user: j.user ?? s('user')!, auth: s('jump-key') ? { method: 'key', keyPath: path.resolve(s('jump-key')!) } : { method: 'password' } };
    }
    const target: Target = { host: s('host')!, port, user: s('user')!, auth, ...(jump ? { jump } : {}) };
    // The project is opened first: its id is where the audit entries of this run belong.
    const file = s('project') ? path.resolve(s('project')!) : undefined;
    const project = file ? (await callHandler<{ project: Project }>(io, 'project.open', { path: file })).project : undefined;
    const projectId = project?.id ?? randomUUID();
    const env = process.env;
    for (const [kind, value] of [['password', env.MHS_SSH_PASSWORD], ['passphrase', env.MHS_SSH_PASSPHRASE], ['sudo', env.MHS_SUDO_PASSWORD], ['jumpPassword', env.MHS_JUMP_PASSWORD]] as const) {
      if (value) await callHandler(io, 'secrets.set', { projectId, role: 'primary', kind, value, remember: false });
    }
    const accept = s('accept-fingerprint');
    const acceptHostKeys = accept ? [{ host: target.host, port, fingerprint: accept }, ...(jump ? [{ host: jump.host, port: jump.port, fingerprint: accept }] : [])] : [];
    const runId = randomUUID();
    const t = await cliT(io);
    const cancel = () => void callHandler(io, 'analysis.cancel', { runId }).catch(() => undefined);
    process.once('SIGINT', cancel);
    const stopEvents = onCliEvent((event, payload) => {
      const p = payload as { runId?: string; collectorId?: string; status?: string };
      if (event === 'analysis.collector' && p.runId === runId && p.status !== 'waiting' && p.status !== 'running' && !o.json) io.err(`  ${p.collectorId}: ${t(`analysis:status.${p.status}`, { defaultValue: p.status })}`);
    });
    let facts: Facts;
    try {
      facts = (await callHandler<{ facts: Facts }>(io, 'analysis.run', { runId, projectId, role: 'primary', target, acceptHostKeys })).facts;
    } finally {
      process.off('SIGINT', cancel);
      stopEvents();
    }
    if (o.json) io.out(JSON.stringify(facts, null, 2));
    else for (const line of summary(facts, t, io.lang)) io.out(line);
    if (file && project) {
      await storeFacts(io, file, project, facts, target);
      io.err(t('common:cli.stored', { path: file }));
    }
    return ExitCode.ok;
  },
};

/** `import-collector BUNDLE [--project FILE] [--json]`: the offline collector's output, same parsers. */
export const importCollectorCommand: CliCommand = {
  name: 'import-collector',
  usage: 'import-collector OUTPUT_FILE [--project FILE] [--json]',
  descriptionKey: 'common:cli.help.importCollector',
  async run(argv, io) {
    const { positional, options } = parseArgs(argv, ['project']);
    if (!positional[0]) {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const file = typeof options.project === 'string' ? path.resolve(options.project) : undefined;
    const project = file ? (await callHandler<{ project: Project }>(io, 'project.open', { path: file })).project : undefined;
    const { facts } = await callHandler<{ facts: Facts }>(io, 'analysis.importBundle', { path: path.resolve(positional[0]) });
    const t = await cliT(io);
    if (options.json) io.out(JSON.stringify(facts, null, 2));
    else for (const line of summary(facts, t, io.lang)) io.out(line);
    if (file && project) {
      await storeFacts(io, file, project, facts);
      io.err(t('common:cli.stored', { path: file }));
    }
    return ExitCode.ok;
  },
};

/** `collector-script OUT`: writes the read-only collector script for offline servers. */
export const collectorScriptCommand: CliCommand = {
  name: 'collector-script',
  usage: 'collector-script OUT_FILE',
  descriptionKey: 'common:cli.help.collectorScript',
  async run(argv, io) {
    if (!argv[0]) {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const r = await callHandler<{ path: string; bytes: number }>(io, 'analysis.exportScript', { path: path.resolve(argv[0]) });
    io.out(r.path);
    return ExitCode.ok;
  },
};

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Facts } from '../../../shared/analysis/facts';
import type { Result } from '../../../shared/contract';
import type { Project } from '../../../shared/project/schema';
import type { Target } from '../../../shared/ssh/target';
import { nodeTranslator } from '../../i18n/nodeI18n';
import { parseArgs } from '../args';
import type { CliCommand, CliIO } from '../command';
import { cliDispatch } from '../runtime';
import { reportError } from './project';

/** user@host:port -> parts; the port and user are optional. */
export function parseHostSpec(spec: string, defaults: { user?: string; port?: number }): { host: string; user?: string; port: number } {
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
  if (!m) throw new Error(`bad host: ${spec}`);
  const user = m[1] ?? defaults.user;
  return { host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : (defaults.port ?? 22), ...(user ? { user } : {}) };
}

async function call<T>(io: CliIO, method: string, input: unknown): Promise<T | undefined> {
  const r = (await cliDispatch()(method, input)) as Result<T>;
  if (r.ok) return r.value;
  if (r.error.code === 'ssh:errors.hostKeyUnknown') {
    const t = await nodeTranslator(io.lang);
    io.err(t('common:cli.hostKeyUnknown', r.error.params ?? {}));
    return undefined;
  }
  await reportError(io, r.error);
  return undefined;
}

function summary(f: Facts): string[] {
  const gib = (b?: number) => (b === undefined ? '–' : `${(b / 2 ** 30).toFixed(1)} GiB`);
  const raid = f.storage?.raids?.map((r) => `${r.name} ${r.level ?? ''} ${r.state ?? ''}`.trim()).join(', ');
  return [
    `host        ${f.hostname ?? '–'}`,
    `cpu         ${f.hardware?.cpuModel ?? '–'} (${f.hardware?.cpuCores ?? '?'}C/${f.hardware?.cpuThreads ?? '?'}T)`,
    `memory      ${gib(f.hardware?.memTotalBytes)}`,
    `os          ${f.os?.prettyName ?? '–'} (kernel ${f.os?.kernel ?? '–'})`,
    `raid        ${raid || '–'}`,
    `vgs         ${f.storage?.vgs?.map((v) => `${v.name} free ${gib(v.freeBytes)}`).join(', ') || '–'}`,
    `vmail       ${gib(f.data?.vmailBytes)}  mariadb ${gib(f.data?.datadirBytes)}  spool ${gib(f.data?.spoolBytes)}`,
    `mail days   ${f.mailVolume?.days?.length ?? 0}`,
    `collectors  ${Object.entries(f.collectors ?? {}).map(([k, v]) => `${k}:${v.status}`).join(' ')}`,
    ...(f.notes ?? []).map((n) => `note        ${n.key} ${n.params ? JSON.stringify(n.params) : ''}`),
  ];
}

async function storeFacts(io: CliIO, file: string, facts: Facts, target?: Target): Promise<boolean> {
  const opened = await call<{ project: Project }>(io, 'project.open', { path: file });
  if (!opened) return false;
  const project: Project = { ...opened.project, facts, ...(target ? { hosts: { ...opened.project.hosts, primary: target } } : {}) };
  project.steps = { ...project.steps, analysis: { ...project.steps.analysis, status: 'done', updatedAt: new Date().toISOString() } };
  return !!(await call(io, 'project.save', { path: file, project }));
}

/**
 * `analyse --host H [--port P] --user U [--key FILE | --agent | --password] [--jump user@host:port]
 *  [--accept-fingerprint SHA256:...] [--project FILE] [--json]`. Secrets come from the environment
 * (MHS_SSH_PASSWORD, MHS_SSH_PASSPHRASE, MHS_SUDO_PASSWORD, MHS_JUMP_PASSWORD), never from argv.
 */
export const analyseCommand: CliCommand = {
  name: 'analyse',
  usage:
    'analyse --host H [--port P] --user U [--key FILE|--agent|--password] [--jump user@host:port [--jump-key FILE]] [--accept-fingerprint SHA256:..] [--project FILE] [--json]',
  async run(argv, io) {
    const { options: o } = parseArgs(argv, ['host', 'port', 'user', 'key', 'jump', 'jump-key', 'accept-fingerprint', 'project']);
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    if (!s('host') || !s('user')) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const auth = s('key') ? { method: 'key' as const, keyPath: path.resolve(s('key')!) } : o.agent ? { method: 'agent' as const } : { method: 'password' as const };
    const port = s('port') ? Number(s('port')) : 22;
    let jump: Target | undefined;
    if (s('jump')) {
      const j = parseHostSpec(s('jump')!, { user: s('user')!, port: 22 });
      jump = { host: j.host, port: j.port, user: j.user ?? s('user')!, auth: s('jump-key') ? { method: 'key', keyPath: path.resolve(s('jump-key')!) } : { method: 'password' } };
    }
    const target: Target = { host: s('host')!, port, user: s('user')!, auth, ...(jump ? { jump } : {}) };
    const projectId = randomUUID();
    const env = process.env;
    for (const [kind, value] of [['password', env.MHS_SSH_PASSWORD], ['passphrase', env.MHS_SSH_PASSPHRASE], ['sudo', env.MHS_SUDO_PASSWORD], ['jumpPassword', env.MHS_JUMP_PASSWORD]] as const) {
      if (value) await cliDispatch()('secrets.set', { projectId, role: 'primary', kind, value, remember: false });
    }
    const accept = s('accept-fingerprint');
    const acceptHostKeys = accept ? [{ host: target.host, port, fingerprint: accept }, ...(jump ? [{ host: jump.host, port: jump.port, fingerprint: accept }] : [])] : [];
    const r = await call<{ facts: Facts }>(io, 'analysis.run', { runId: randomUUID(), projectId, role: 'primary', target, acceptHostKeys });
    if (!r) return accept ? 1 : 3;
    if (o.json) io.out(JSON.stringify(r.facts, null, 2));
    else for (const line of summary(r.facts)) io.out(line);
    if (s('project') && !(await storeFacts(io, path.resolve(s('project')!), r.facts, target))) return 1;
    return 0;
  },
};

/** `import-collector BUNDLE [--project FILE] [--json]`: the offline collector's output, same parsers. */
export const importCollectorCommand: CliCommand = {
  name: 'import-collector',
  usage: 'import-collector OUTPUT_FILE [--project FILE] [--json]',
  async run(argv, io) {
    const { positional, options } = parseArgs(argv, ['project']);
    if (!positional[0]) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const r = await call<{ facts: Facts }>(io, 'analysis.importBundle', { path: path.resolve(positional[0]) });
    if (!r) return 1;
    if (options.json) io.out(JSON.stringify(r.facts, null, 2));
    else for (const line of summary(r.facts)) io.out(line);
    if (typeof options.project === 'string' && !(await storeFacts(io, path.resolve(options.project), r.facts))) return 1;
    return 0;
  },
};

/** `collector-script OUT`: writes the read-only collector script for offline servers. */
export const collectorScriptCommand: CliCommand = {
  name: 'collector-script',
  usage: 'collector-script OUT_FILE',
  async run(argv, io) {
    if (!argv[0]) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const r = await call<{ path: string; bytes: number }>(io, 'analysis.exportScript', { path: path.resolve(argv[0]) });
    if (!r) return 1;
    io.out(r.path);
    return 0;
  },
};

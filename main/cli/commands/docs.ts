import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { documentKindIds } from '../../../shared/documents/schema';
import { nodeRoles } from '../../../shared/commission/types';
import type { MethodOutput } from '../../../shared/contract';
import type { Project } from '../../../shared/project/schema';
import { parseArgs } from '../args';
import { cliT, type CliCommand } from '../command';
import { ExitCode } from '../exitCodes';
import { callHandler, onCliEvent } from '../runtime';
import { acceptedKeys, roleSecretsFromEnv } from './hosts';

type Kind = (typeof documentKindIds)[number];

/**
 * `docs proposal|report|handbook|acceptance --project F --lang de|en --out FILE.pdf [--approved] [--no-cluster]`:
 * the same export as the Dokumentation step (handler documents.export), progress on stderr. The handbook reads
 * the live cluster when the project has its hosts (secrets from the same environment variables as `cluster
 * status`), else it is made from the project and says so. `--approved` stores the proposal as approved in the
 * project file (the report compares with it). Exit 0 also when the report is over the page limit (a warning).
 */
export const docsCommand: CliCommand = {
  name: 'docs',
  usage: 'docs proposal|report|handbook|acceptance --project FILE --out FILE.pdf [--lang de|en] [--approved] [--no-cluster]',
  descriptionKey: 'docs:cli.help',
  async run(argv, io) {
    const { positional, options } = parseArgs(argv, ['project', 'out', 'accept-fingerprint']);
    const kind = positional[0] as Kind;
    if (!documentKindIds.includes(kind) || typeof options.project !== 'string' || typeof options.out !== 'string') {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const t = await cliT(io);
    const file = path.resolve(options.project);
    const out = path.resolve(options.out);
    const { project } = await callHandler<{ project: Project }>(io, 'project.open', { path: file });
    const readCluster = kind === 'handbook' && options['no-cluster'] !== true;
    if (readCluster) for (const role of nodeRoles) if (project.hosts[role]) await roleSecretsFromEnv(io, project.id, role);
    const fp = typeof options['accept-fingerprint'] === 'string' ? [options['accept-fingerprint']] : [];
    const runId = randomUUID();
    let last = '';
    const stop = onCliEvent((event, payload) => {
      const p = payload as { runId?: string; done?: number; label?: string };
      if (event !== 'run.progress' || p.runId !== runId || !p.label) return;
      const line = `${t(p.label)} ${p.done ?? 0} %`;
      if (line !== last) io.err((last = line));
    });
    const abort = () => void callHandler(io, 'documents.cancel', { runId }).catch(() => undefined);
    process.once('SIGINT', abort);
    let r: MethodOutput<'documents.export'>;
    try {
      r = await callHandler<MethodOutput<'documents.export'>>(io, 'documents.export', {
        runId, projectId: project.id, project, kind, lang: io.lang, path: out, approved: options.approved === true, readCluster,
        acceptHostKeys: acceptedKeys(fp, nodeRoles.flatMap((x) => (project.hosts[x] ? [project.hosts[x]!] : []))),
      });
    } finally {
      stop();
      process.off('SIGINT', abort);
    }
    io.out(t('docs:cli.written', { path: r.path, pages: r.pages }));
    if (r.pageLimit) io.out(t(r.pageLimit.over ? 'docs:cli.overLimit' : 'docs:cli.withinLimit', { ...r.pageLimit }));
    if (kind === 'handbook') io.out(t(`docs:cli.source.${r.source}`));
    if (r.approvedProposal) {
      const next = { ...project, documents: { ...project.documents, approvedProposal: r.approvedProposal } };
      await callHandler(io, 'project.save', { path: file, project: next });
      io.out(t('docs:cli.approvedStored', { path: file }));
    }
    return ExitCode.ok;
  },
};

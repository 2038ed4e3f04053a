import os from 'node:os';
import { AppError, toErrorValue } from '../../../shared/errors';
import { shCommand } from '../../../shared/shell/quote';
import { proposalSnapshot } from '../../../shared/documents/snapshot';
import { planProject } from '../../../shared/planning/planProject';
import { generateDocument, type GenerateStage } from '../../documents/generate';
import { readAsBuilt } from '../../documents/asBuilt';
import { nodeTranslator } from '../../i18n/nodeI18n';
import type { Handler } from '../types';
import { rememberExport } from './exportedPaths';

/** Overall progress per stage: rendering is most of the work. */
const span: Record<GenerateStage, [number, number]> = { gather: [0, 10], build: [10, 15], render: [15, 95], write: [95, 100] };

export const documentsExport: Handler<'documents.export'> = async (input, ctx) => {
  const { runId, projectId, project, kind, lang, path, approved, readCluster, acceptHostKeys } = input;
  const { services, emit } = ctx;
  if (!/\.pdf$/i.test(path)) throw new AppError('docs:errors.notPdf', { path });
  if (services.runs.has(runId)) throw new AppError('docs:errors.runExists', { runId });
  const controller = new AbortController();
  services.runs.set(runId, controller);
  const started = services.now();
  const audit = services.auditLog(projectId);
  // The audit log records the export as the equivalent CLI command, with its outcome.
  const command = shCommand(['mail-ha-studio', 'docs', kind, '--lang', lang, '--out', path, ...(approved ? ['--approved'] : [])]);
  const record = (exitCode: number, stdout: string, stderr = '') =>
    audit.record({
      id: '', kind: 'command', host: 'localhost', port: 0, user: safeUser(), command, sudo: false, startedAt: started.toISOString(),
      durationMs: services.now().getTime() - started.getTime(), exitCode, signal: null, stdout, stderr, outputTruncated: false, attempt: 1,
    });
  try {
    const live = kind === 'handbook' && readCluster && project.hosts.primary;
    const r = await generateDocument({
      kind, lang, project, now: started, outPath: path, audit, signal: controller.signal,
      ...(live ? { readCluster: (p) => readAsBuilt(ctx, { runId, project: p, acceptHostKeys, signal: controller.signal }) } : {}),
      onProgress: (stage, done, total) => {
        const [a, b] = span[stage];
        emit('run.progress', { runId, done: Math.round(a + ((b - a) * done) / Math.max(1, total)), total: 100, label: `docs:step.stage.${stage}` });
      },
    });
    rememberExport(services, path);
    emit('run.progress', { runId, done: 100, total: 100, label: 'docs:step.stage.done' });
    let snapshot;
    if (approved && kind === 'proposal') {
      const t = await nodeTranslator(lang);
      snapshot = proposalSnapshot(project, planProject(project), (k, p) => t(k, p ?? {}), lang, started);
    }
    await record(0, `${r.pages} pages${r.pageLimit ? `, main text ${r.pageLimit.pages} of ${r.pageLimit.limit}` : ''}, ${r.pdf.length} bytes, data: ${r.source}`);
    return {
      path, pages: r.pages, bytes: r.pdf.length, exportedAt: started.toISOString(), pageLimit: r.pageLimit, source: r.source,
      ...(snapshot ? { approvedProposal: snapshot } : {}),
    };
  } catch (e) {
    const v = toErrorValue(e);
    await record(1, '', `${v.code}${v.detail ? `: ${v.detail}` : ''}`).catch(() => undefined);
    throw e;
  } finally {
    services.runs.delete(runId);
  }
};

export const documentsCancel: Handler<'documents.cancel'> = async ({ runId }, { services }) => {
  const c = services.runs.get(runId);
  c?.abort();
  return { cancelled: !!c };
};

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'local';
  }
}

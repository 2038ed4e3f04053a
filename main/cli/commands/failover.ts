/**
 * `test failover --project F [--case ID ...] [--drill] [--label TEXT] [--dry-run | --yes] [--json] [--quiet]`:
 * the Failover-Tests step without a window. --dry-run (or neither flag) shows every case with the exact
 * commands it would run and changes nothing; --yes runs the cases and saves the run into the project file
 * after every case. Exit 0 when every case passed (or cannot run on this cluster and says why), 1 when a case
 * failed its target or was aborted, 130 on Ctrl-C (the fault is still undone). Secrets from the environment:
 * SSH as for `analyse`, MHS_MAILBOX_PASSWORD (test mailbox), MHS_SQL_PASSWORD (SQL probe user).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { TFunction } from 'i18next';
import { nodeRoles } from '../../../shared/commission/types';
import type { EventPayload } from '../../../shared/contract';
import type { FailoverPreview } from '../../../shared/contract/methods/failover';
import { caseIds, isCaseId, type CaseId } from '../../../shared/failover/cases';
import { checkText } from '../../../shared/failover/checkText';
import type { CaseResult, FailoverRun } from '../../../shared/failover/schema';
import type { Project } from '../../../shared/project/schema';
import { parseArgs } from '../args';
import { cliT, type CliCommand, type CliIO } from '../command';
import { ExitCode } from '../exitCodes';
import { callHandler, onCliEvent } from '../runtime';
import { acceptedKeys, roleSecretsFromEnv } from './hosts';

const s1 = (ms: number) => (ms / 1000).toFixed(1);

export function previewLines(p: FailoverPreview, t: TFunction): string[] {
  const out: string[] = [];
  out.push(t('failover:cli.profile', { platform: p.profile.platform, replication: p.profile.replication, stonith: p.profile.stonith ? t('failover:cli.yes') : t('failover:cli.no'), quorum: p.profile.quorum, floor: p.detectionFloorMs !== undefined ? s1(p.detectionFloorMs) : '?' }));
  out.push(t('failover:cli.servicesOn', { nodes: p.servicesOn.join(', ') || '–' }));
  out.push(t('failover:cli.targets', { planned: s1(p.targets.plannedRtoMs), unplanned: s1(p.targets.unplannedRtoMs) }));
  for (const pr of p.problems) out.push(`  ! ${t(pr.key, { ...(pr.params ?? {}), defaultValue: pr.key })}`);
  for (const c of p.cases) {
    out.push('');
    out.push(`${c.runnable ? '[x]' : '[ ]'} ${c.caseId}: ${t(`failover:cases.${c.caseId}.title`)}${c.fullOutage ? `  (${t('failover:cli.fullOutage')})` : ''}`);
    if (!c.runnable && c.reason) out.push(`    ${t(c.reason.key, { ...(c.reason.params ?? {}), defaultValue: c.reason.key })}`);
    if (!c.runnable) continue;
    out.push(`    ${t(`failover:cases.${c.caseId}.expected`)}`);
    for (const s of c.steps) {
      const title = t(s.title.key, { ...(s.title.params ?? {}), defaultValue: s.title.key });
      out.push(`    - ${title}`);
      if (s.kind === 'ssh') out.push(`        [${s.node}] ${s.command}`);
      if (s.kind === 'ssh' && s.stdin) for (const l of s.stdin.trimEnd().split('\n')) out.push(`          | ${l}`);
    }
    if (c.undo.length) out.push(`    ${t('failover:cli.undo')}: ${c.undo.map((s) => (s.kind === 'ssh' ? `[${s.node}] ${s.command}` : s.id)).join('; ')}`);
  }
  return out;
}

export function resultLines(r: CaseResult, t: TFunction, lang = 'en'): string[] {
  const out = [`${r.caseId}: ${t(`failover:verdict.${r.verdict.value}`).toUpperCase()}`];
  if (r.verdict.reason) out.push(`  ${checkText(t, lang, r.verdict.reason.key, r.verdict.reason.params)}`);
  for (const c of r.verdict.checks) out.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${checkText(t, lang, c.key, c.params)}`);
  for (const f of r.findings.filter((x) => x.severity !== 'info').slice(0, 8)) out.push(`  ${t(`failover:severity.${f.severity}`)}: ${t(`failover:findings.${f.kind}`)} @ ${f.node} (${f.count}×): ${f.line.slice(0, 160)}`);
  return out;
}

async function askPowerOn(io: CliIO, t: TFunction, node: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    io.err(t('failover:cli.noTty', { node }));
    return false;
  }
  io.err(t('failover:cli.powerOn', { node }));
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.once('line', () => {
      rl.close();
      resolve(true);
    });
    rl.once('close', () => resolve(false));
  });
}

/** A run the app or CLI left with a fault in effect (killed mid-case): run what undoes it. */
async function undoInterrupted(io: CliIO, t: TFunction, project: Project, file: string, acceptHostKeys: ReturnType<typeof acceptedKeys>): Promise<number> {
  const { runs } = await callHandler<{ runs: FailoverRun[] }>(io, 'failover.interrupted', { projectId: project.id });
  const left = runs.filter((r) => r.pending);
  if (!left.length) {
    io.err(t('failover:errors.noInterruptedRun'));
    return ExitCode.ok;
  }
  const runId = randomUUID();
  const stop = onCliEvent((event, payload) => {
    if (event === 'run.output' && (payload as { runId?: string }).runId === runId) io.err(`  | ${(payload as EventPayload<'run.output'>).text}`);
  });
  try {
    for (const r of left) {
      io.err(t('failover:cli.undoing', { case: t(`failover:cases.${r.pending!.caseId}.title`), steps: r.pending!.undo.length }));
      await callHandler(io, 'failover.undoInterrupted', { runId, projectId: project.id, project, path: file, interruptedRunId: r.id, acceptHostKeys });
    }
  } finally {
    stop();
  }
  return ExitCode.ok;
}

export const failoverCommand: CliCommand = {
  name: 'test',
  usage: 'test failover --project FILE [--case ID ...] [--drill] [--label TEXT] [--dry-run | --yes | --undo-interrupted] [--accept-fingerprint SHA256:..[,..]] [--json] [--quiet]',
  descriptionKey: 'failover:cli.help',
  async run(argv, io) {
    // --case may repeat: collect every value before the generic parser keeps only the last.
    const cases: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--case' && i + 1 < argv.length) cases.push(...argv[++i]!.split(','));
      else if (a.startsWith('--case=')) cases.push(...a.slice(7).split(','));
      else rest.push(a);
    }
    const { positional, options: o } = parseArgs(rest, ['project', 'accept-fingerprint', 'label']);
    const t = await cliT(io);
    if (positional[0] !== 'failover' || typeof o.project !== 'string' || (o['dry-run'] === true && o.yes === true)) {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const bad = cases.filter((c) => !isCaseId(c));
    if (bad.length) {
      io.err(t('failover:cli.unknownCase', { cases: bad.join(', '), known: caseIds.join(', ') }));
      return ExitCode.usage;
    }
    const file = path.resolve(o.project);
    const { project } = await callHandler<{ project: Project }>(io, 'project.open', { path: file });
    const roles = nodeRoles.filter((r) => project.hosts[r]);
    for (const role of roles) await roleSecretsFromEnv(io, project.id, role);
    for (const [kind, name] of [['mailbox', 'MHS_MAILBOX_PASSWORD'], ['sql', 'MHS_SQL_PASSWORD']] as const) {
      const value = process.env[name];
      if (value) await callHandler(io, 'failover.setSecret', { projectId: project.id, kind, value, remember: false });
    }
    const fps = typeof o['accept-fingerprint'] === 'string' ? o['accept-fingerprint'].split(',').filter(Boolean) : [];
    const acceptHostKeys = acceptedKeys(fps, roles.map((r) => project.hosts[r]!));
    if (o['undo-interrupted'] === true) return undoInterrupted(io, t, project, file, acceptHostKeys);
    const interactive = !!process.stdin.isTTY;
    const preview = await callHandler<FailoverPreview>(io, 'failover.preview', { runId: randomUUID(), projectId: project.id, project, acceptHostKeys, interactive, ...(cases.length ? { cases: cases as CaseId[] } : {}) });
    const chosen: CaseId[] = cases.length
      ? (cases as CaseId[])
      : (project.failover.settings.selectedCases.length ? project.failover.settings.selectedCases : preview.cases.filter((c) => c.runnable && !c.fullOutage).map((c) => c.caseId));
    if (o.yes !== true) {
      if (o.json) io.out(JSON.stringify(preview, null, 2));
      else for (const l of previewLines({ ...preview, cases: preview.cases.filter((c) => chosen.includes(c.caseId)) }, t)) io.out(l);
      if (o['dry-run'] !== true) io.err(t('failover:cli.needYes'));
      return o['dry-run'] === true ? ExitCode.ok : ExitCode.usage;
    }
    if (preview.problems.some((p) => p.key !== 'failover:problems.servicesNotOnOneNode')) {
      for (const p of preview.problems) io.err(`! ${t(p.key, { ...(p.params ?? {}), defaultValue: p.key })}`);
      return ExitCode.failed;
    }
    const runId = randomUUID();
    let lastLive = 0;
    const stop = onCliEvent((event, payload) => {
      const p = payload as { runId?: string };
      if (p.runId !== runId) return;
      if (event === 'run.output' && o.quiet !== true) io.err(`  | ${(payload as EventPayload<'run.output'>).text}`);
      else if (event === 'failover.case') {
        const c = payload as EventPayload<'failover.case'>;
        io.err(c.state === 'running' ? t('failover:cli.caseStart', { case: c.caseId, title: t(`failover:cases.${c.caseId}.title`) }) : t('failover:cli.caseEnd', { case: c.caseId, verdict: t(`failover:verdict.${c.verdict ?? 'aborted'}`) }));
      } else if (event === 'failover.step') {
        const s = payload as EventPayload<'failover.step'>;
        if (s.state !== 'running') io.err(`  ${s.state === 'done' ? 'ok  ' : 'FAIL'} ${s.stepId}${s.note ? ` (${s.note})` : ''}`);
      } else if (event === 'failover.live' && o.quiet !== true) {
        const l = payload as EventPayload<'failover.live'>;
        if (Date.now() - lastLive < 2000 || l.phase === 'idle') return;
        lastLive = Date.now();
        const probes = Object.entries(l.probes).map(([k, v]) => `${k}:${v!.ok ? 'up' : 'DOWN'}`).join(' ');
        io.err(`  · ${l.phase} ${probes}  ${t('failover:cli.mails', l.mails)}  ${t('failover:cli.servicesOn', { nodes: l.servicesOn.join(', ') || '–' })}`);
      } else if (event === 'failover.prompt') {
        const q = payload as EventPayload<'failover.prompt'>;
        void askPowerOn(io, t, q.node).then((done) => callHandler(io, 'failover.answer', { runId, promptId: q.promptId, done }).catch(() => undefined));
      }
    });
    const cancel = () => void callHandler(io, 'failover.cancel', { runId }).catch(() => undefined);
    process.once('SIGINT', cancel);
    let run: FailoverRun;
    try {
      ({ run } = await callHandler<{ run: FailoverRun }>(io, 'failover.run', {
        runId, projectId: project.id, project, path: file, kind: o.drill === true ? 'drill' : 'acceptance', cases: chosen, confirmed: true, acceptHostKeys, interactive,
        ...(typeof o.label === 'string' ? { label: o.label } : {}),
      }));
    } finally {
      process.off('SIGINT', cancel);
      stop();
    }
    if (o.json) io.out(JSON.stringify(run, null, 2));
    else for (const c of run.cases) for (const l of resultLines(c, t, io.lang)) io.out(l);
    if (run.status === 'cancelled') return ExitCode.cancelled;
    if (run.error) io.err(t(run.error.key, { ...(run.error.params ?? {}), defaultValue: run.error.key }));
    const ok = run.status === 'done' && run.cases.length === chosen.length && run.cases.every((c) => c.verdict.value === 'pass' || c.verdict.value === 'notApplicable');
    return ok ? ExitCode.ok : ExitCode.failed;
  },
};

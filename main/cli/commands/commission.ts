import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { TFunction } from 'i18next';
import type { EventPayload } from '../../../shared/contract';
import type { DryRun } from '../../../shared/contract/methods/commission';
import type { Inventory } from '../../../shared/commission/inventorySchema';
import type { CommissionRecord } from '../../../shared/commission/recordSchema';
import { nodeRoles, secretIds, type NodeRole, type Plan } from '../../../shared/commission/types';
import type { ErrorValue } from '../../../shared/errors';
import type { Project } from '../../../shared/project/schema';
import { secretEnvName } from '../../commission/commissionSecrets';
import { dryRunLines } from '../../commission/dryRunText';
import { parseArgs } from '../args';
import { CliExit, cliT, reportError, type CliCommand, type CliIO } from '../command';
import { ExitCode } from '../exitCodes';
import { callHandler, onCliEvent } from '../runtime';
import { acceptedKeys, roleSecretsFromEnv } from './hosts';


const mmss = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function hostOf(project: Project) {
  return (role: NodeRole) => {
    const h = project.hosts[role];
    return h ? `${h.user}@${h.host}:${h.port}` : '?';
  };
}

/** The inventory the plan is made from: the stored one, or collected now (and stored) when missing or asked for. */
async function ensureInventory(io: CliIO, file: string, project: Project, refresh: boolean, acceptHostKeys: unknown[], t: TFunction): Promise<Project> {
  if (project.commission.inventory && Object.keys(project.commission.inventory.nodes).length && !refresh) return project;
  io.err(t('install:cli.inventory'));
  const r = await callHandler<{ inventory: Inventory; failed: { role: NodeRole; error: ErrorValue }[] }>(io, 'commission.inventory', { runId: randomUUID(), projectId: project.id, project, acceptHostKeys });
  if (r.failed.length) {
    let code: number = ExitCode.failed;
    for (const f of r.failed) code = await reportError(io, f.error);
    throw new CliExit(code);
  }
  const next = { ...project, commission: { ...project.commission, inventory: r.inventory } };
  await callHandler(io, 'project.save', { path: file, project: next });
  return next;
}

function confirmText(req: EventPayload<'commission.confirm'>['request'], lang: 'de' | 'en', t: TFunction): string {
  switch (req.kind) {
    case 'pointOfNoReturn':
      return t('install:cli.confirm.pointOfNoReturn', { step: req.stepId, title: req.title[lang], explanation: req.explanation[lang] });
    case 'destructive':
      return t('install:cli.confirm.destructive', { step: req.stepId, node: req.node, title: req.title[lang] });
    case 'planChanged':
      return t('install:cli.confirm.planChanged', { added: req.change.added.join(', ') || '–', removed: req.change.removed.join(', ') || '–', changed: req.change.changed.join(', ') || '–' });
    case 'rollback':
      return t('install:cli.confirm.rollback', { count: req.steps.length, steps: req.steps.map((s) => s.stepId).join(', ') });
  }
}

/**
 * `commission --project F --dry-run | --yes [--resume] [--rollback] [--refresh-inventory] [--quiet] [--json]`
 * (commissioning secrets from MHS_HACLUSTER_PASSWORD, MHS_MARIADB_REPLICA_PASSWORD, MHS_IPMI_PASSWORD_PRIMARY ...):
 * the Installation step without a window. --dry-run shows every command and file diff per node and changes
 * nothing; --yes runs (or rolls back), answering every confirmation with yes after printing it. Progress and
 * command output go to stderr, --json prints the final result to stdout. Ctrl-C cancels the running command.
 */
export const commissionCommand: CliCommand = {
  name: 'commission',
  usage: 'commission --project FILE --dry-run | --yes [--resume] [--rollback] [--refresh-inventory] [--accept-fingerprint SHA256:..[,..]] [--quiet] [--json]',
  descriptionKey: 'install:cli.help.commission',
  async run(argv, io) {
    const { options: o } = parseArgs(argv, ['project', 'accept-fingerprint']);
    const dry = o['dry-run'] === true;
    if (typeof o.project !== 'string' || dry === (o.yes === true)) {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const t = await cliT(io);
    const file = path.resolve(o.project);
    let { project } = await callHandler<{ project: Project }>(io, 'project.open', { path: file });
    const roles = nodeRoles.filter((r) => project.hosts[r]);
    for (const role of roles) await roleSecretsFromEnv(io, project.id, role);
    for (const id of secretIds) {
      const value = process.env[secretEnvName(id)];
      if (value) await callHandler(io, 'commission.setSecret', { projectId: project.id, id, value, remember: false });
    }
    const fps = typeof o['accept-fingerprint'] === 'string' ? o['accept-fingerprint'].split(',').filter(Boolean) : [];
    const acceptHostKeys = acceptedKeys(fps, roles.map((r) => project.hosts[r]!));
    project = await ensureInventory(io, file, project, o['refresh-inventory'] === true, acceptHostKeys, t);
    const planned = await callHandler<{ plan: Plan | null; errors: { key: string; params?: Record<string, string | number> }[] }>(io, 'commission.plan', { project });
    if (!planned.plan) {
      io.err(t('install:cli.planErrors'));
      for (const e of planned.errors) io.err(`  - ${t(e.key, { ...(e.params ?? {}), defaultValue: e.key })}`);
      return ExitCode.failed;
    }
    const runId = randomUUID();
    const mode = o.rollback === true ? 'rollback' : 'run';
    const base = { runId, projectId: project.id, project, path: file, acceptHostKeys };

    if (dry) {
      const d = await callHandler<DryRun>(io, 'commission.dryRun', { ...base, mode });
      if (o.json) io.out(JSON.stringify(d, null, 2));
      else for (const l of dryRunLines(d, io.lang, t, hostOf(project))) io.out(l);
      return ExitCode.ok;
    }

    const count = planned.plan.steps.length;
    const index = new Map(planned.plan.steps.map((s, i) => [s.id, i]));
    let lastProgress = 0;
    const stop = onCliEvent((event, payload) => {
      const p = payload as { runId?: string };
      if (p.runId !== runId) return;
      if (event === 'commission.confirm') {
        const c = payload as EventPayload<'commission.confirm'>;
        io.err(`?? ${confirmText(c.request, io.lang, t)}`);
        io.err(`   ${t('install:cli.confirm.yes')}`);
        void callHandler(io, 'commission.answer', { runId, confirmId: c.confirmId, yes: true }).catch(() => undefined);
      } else if (event === 'commission.step') {
        const s = payload as EventPayload<'commission.step'>;
        if (['checking', 'verifying', 'backingUp', 'restoring'].includes(s.state)) return;
        const k = index.get(s.stepId);
        const pos = k === undefined ? '' : `[${String(k + 1).padStart(String(count).length)}/${count}] `;
        const took = s.durationMs !== undefined ? ` (${(s.durationMs / 1000).toFixed(1)} s)` : '';
        io.err(`${pos}${t(`install:cli.state.${s.state}`)} ${s.stepId}${took}`);
        if (s.error) void reportError(io, s.error);
      } else if (event === 'commission.output' && o.quiet !== true) {
        const out = payload as EventPayload<'commission.output'>;
        for (const line of out.text.replace(/\n$/, '').split(/\r?\n|\r/)) if (line.trim()) io.err(`    | ${line}`);
      } else if (event === 'commission.progress') {
        const g = payload as EventPayload<'commission.progress'>;
        if (Date.now() - lastProgress < 20_000 && g.fraction < 1) return;
        lastProgress = Date.now();
        io.err(t('install:cli.progress', { percent: Math.round(g.fraction * 100), step: Math.min(g.stepIndex + 1, g.stepCount), count: g.stepCount, elapsed: mmss(g.elapsedMs), eta: mmss(g.etaMs) }));
      } else if (event === 'commission.connection') {
        const c = payload as EventPayload<'commission.connection'>;
        io.err(t(`install:cli.connection.${c.state}`, { node: c.node, attempt: c.attempt ?? '' }));
      }
    });
    const cancel = () => void callHandler(io, 'commission.cancel', { runId }).catch(() => undefined);
    process.once('SIGINT', cancel);
    let result: { outcome: string; record: CommissionRecord; error?: ErrorValue };
    try {
      result = await callHandler(io, mode === 'rollback' ? 'commission.rollback' : 'commission.run', { ...base, ...(mode === 'run' ? { resume: o.resume === true } : {}) });
    } finally {
      process.off('SIGINT', cancel);
      stop();
    }
    if (o.json) io.out(JSON.stringify(result, null, 2));
    const r = result.record;
    const ms = r.completedAt ? Date.parse(r.completedAt) - Date.parse(r.startedAt) : undefined;
    io.err(t(`install:cli.outcome.${result.outcome}`, { minutes: ms !== undefined ? (ms / 60000).toFixed(1) : '?' }));
    for (const [name, timer] of Object.entries(r.timers)) if (timer.ms !== undefined) io.err(t('install:cli.timer', { name: t(`install:timers.${name}`, { defaultValue: name }), seconds: (timer.ms / 1000).toFixed(1) }));
    if (result.error) return reportError(io, result.error).then((code) => (result.outcome === 'cancelled' ? ExitCode.cancelled : code === ExitCode.failed ? ExitCode.failed : code));
    return result.outcome === 'completed' ? ExitCode.ok : ExitCode.failed;
  },
};

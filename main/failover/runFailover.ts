/**
 * A failover run: connect to the cluster nodes, read what the cluster is (profile), start the probes and the
 * cluster sampler, run the chosen cases one after the other, and save the run after every case. Also the
 * read-only preview the UI and the CLI show before anything runs.
 */
import { randomUUID } from 'node:crypto';
import type { NodeRole } from '../../shared/commission/types';
import { AppError } from '../../shared/errors';
import { catalogue, findCase, type CaseId } from '../../shared/failover/cases';
import { mailResources, parseProfileFacts, planNodes, profileCommand, profileFrom, sampleTimeoutMs, type ProfileFacts } from '../../shared/failover/clusterFacts';
import { faultPlan, type FaultStep, type PlanNode } from '../../shared/failover/faultPlan';
import { detectionFloorMs, type ClusterProfile } from '../../shared/failover/profile';
import type { Protocol } from '../../shared/failover/protocols';
import type { CaseResult, FailoverRun } from '../../shared/failover/schema';
import { resolveTargets, type ResolvedTargets } from '../../shared/failover/targets';
import type { FailoverPreview } from '../../shared/contract/methods/failover';
import type { Project } from '../../shared/project/schema';
import type { AuditSink } from '../audit/types';
import type { Services } from '../services';
import { SshErrorCode, type AcceptedHostKey } from '../ssh';
import { runCase, type CaseEnv } from './caseRunner';
import { ClusterWatch } from './clusterWatch';
import { clockOffset } from './journal';
import { TlsPins } from './net/tlsPins';
import { NodeLinks } from './nodeLinks';
import { ProbeLoop } from './probeLoop';
import type { ProbeContext } from './probes/types';
import { runStoreOf } from './runStore';
import { endpoint, resolveProbeSettings, type ProbeSettings } from './settings';
import { runStep, type StepEnv } from './stepExec';

export interface RunHooks {
  output(text: string): void;
  progress(done: number, total: number, label?: string): void;
  live(e: { caseId?: CaseId; phase: 'connecting' | 'baseline' | 'fault' | 'recovery' | 'cleanup' | 'collect' | 'idle'; faultAt?: number }, state: LiveState): void;
  step(caseId: CaseId, stepId: string, state: 'running' | 'done' | 'failed', note?: string): void;
  caseState(caseId: CaseId, state: 'running' | 'done', verdict?: CaseResult['verdict']['value']): void;
  saved(run: FailoverRun): void;
  prompt(kind: 'powerOn', node: string): Promise<boolean>;
}

export interface LiveState {
  probes: Partial<Record<Protocol, { ok: boolean; t: number; latencyMs?: number; error?: string }>>;
  mails: { sent: number; accepted: number; pending: number };
  servicesOn: string[];
  nodes: { name: string; reachable: boolean; online?: boolean; vip?: boolean }[];
}

export interface RunRequest {
  runId: string;
  project: Project;
  path?: string;
  kind: 'acceptance' | 'drill';
  cases: CaseId[];
  label?: string;
  acceptHostKeys: readonly AcceptedHostKey[];
  /** The app can ask a person to switch a node on; a CLI run in CI cannot. */
  interactive: boolean;
  signal: AbortSignal;
  audit: AuditSink;
}

interface Connected {
  links: NodeLinks;
  facts: ProfileFacts[];
  profile: ClusterProfile;
  nodes: PlanNode[];
  drbdPort?: number;
  offsets: Map<NodeRole, number>;
  watch: ClusterWatch;
}

function hookOf(project: Project): { path: string; actions: string[] } | undefined {
  const h = project.failover.settings.hook;
  return h ? { path: h.path, actions: h.actions } : undefined;
}

async function connect(services: Services, project: Project, vip: string, audit: AuditSink, acceptHostKeys: readonly AcceptedHostKey[], interactive: boolean, redact: string[], output: (t: string) => void): Promise<Connected> {
  const links = new NodeLinks(services, project, audit, acceptHostKeys, redact);
  if (links.roles().length < 2) throw new AppError('failover:errors.tooFewNodes', { count: links.roles().length });
  const facts: ProfileFacts[] = [];
  const offsets = new Map<NodeRole, number>();
  for (const role of links.roles()) {
    output(`connecting ${role} (${project.hosts[role]!.user}@${project.hosts[role]!.host}:${project.hosts[role]!.port})`);
    const r = await links.exec(role, profileCommand, { timeoutMs: 30_000, idempotent: true });
    const f = parseProfileFacts(r.stdout, role);
    links.setName(role, f.node);
    facts.push(f);
    const off = await clockOffset(links, role);
    if (off !== undefined) offsets.set(role, off);
    output(`  ${role} = ${f.node} (${f.virt ?? 'unknown platform'}), clock ${off === undefined ? '?' : `${Math.round(off)} ms`} from this computer`);
  }
  const watch = new ClusterWatch(links, vip);
  watch.setSampleTimeout(sampleTimeoutMs(facts));
  const round = await watch.sampleOnce();
  const h = project.failover.settings.hook;
  const hook = h ? Object.fromEntries(h.actions.map((a) => [a === 'poweroff' ? 'powerOff' : a === 'start' ? 'powerOn' : a === 'linkDown' || a === 'linkUp' ? 'link' : a, true])) : {};
  const profile = profileFrom(facts, round.samples, hook, interactive);
  const nodes = planNodes(facts);
  const drbdPort = facts.find((f) => f.drbdPort !== undefined)?.drbdPort;
  return { links, facts, profile, nodes: nodes.length ? nodes : links.all().map((l) => ({ name: l.name, addresses: [] })), ...(drbdPort !== undefined ? { drbdPort } : {}), offsets, watch };
}

function targetsOf(project: Project): ResolvedTargets {
  return resolveTargets(project.failover.settings.targets, project.planning.quorumFencing);
}

export async function previewFailover(services: Services, project: Project, audit: AuditSink, acceptHostKeys: readonly AcceptedHostKey[], cases: readonly CaseId[] | undefined, interactive: boolean): Promise<FailoverPreview> {
  const { settings, problems } = await resolveProbeSettings(services, project);
  const vip = project.commission.settings.vip?.replace(/\/\d+$/, '');
  if (!vip) throw new AppError('failover:problems.noVip');
  const c = await connect(services, project, vip, audit, acceptHostKeys, interactive, settings?.secrets ?? [], () => {});
  try {
    const round = c.watch.latest()!;
    const where = c.watch.where(round);
    const crm = round.samples.find((s) => s.crm)?.crm;
    const group = crm ? mailResources(crm).group : undefined;
    const active = where[0] ?? c.nodes[0]?.name ?? '';
    const peer = c.nodes.map((n) => n.name).find((n) => n !== active) ?? '';
    const chosen = cases ?? catalogue.map((x) => x.id);
    const floor = detectionFloorMs(c.profile);
    return {
      profile: c.profile,
      nodes: c.links.all().map((l) => ({ name: l.name, role: l.role, addresses: c.nodes.find((n) => n.name === l.name)?.addresses ?? [] })),
      servicesOn: where,
      ...(group ? { group } : {}),
      ...(floor !== undefined ? { detectionFloorMs: floor } : {}),
      targets: targetsOf(project),
      endpoint: { host: settings?.host ?? project.failover.settings.endpoint.host ?? vip, ports: settings?.ports ?? {} },
      protocols: settings?.protocols ?? [],
      cases: chosen.map((id) => {
        const fc = findCase(id);
        const a = fc.applicable(c.profile);
        let plan = { steps: [] as FaultStep[], undo: [] as FaultStep[], cleanup: [] as FaultStep[] };
        try {
          plan = faultPlan(id, { active, peer, nodes: c.nodes, group: group ?? 'g_mail', ...(c.drbdPort !== undefined ? { drbdPort: c.drbdPort } : {}), profile: c.profile, healAfterS: 180, upgrade: false, caseTimeoutMs: project.failover.settings.caseTimeoutMs });
        } catch {
          // shown as not runnable below
        }
        return { caseId: id, runnable: a.runnable && plan.steps.length > 0, ...(!a.runnable ? { reason: { key: a.reason, ...(a.params ? { params: a.params } : {}) } } : {}), fullOutage: !!fc.fullOutage, ...plan };
      }),
      problems: [...problems, ...(where.length !== 1 ? [{ key: 'failover:problems.servicesNotOnOneNode', params: { nodes: where.join(', ') || '–' } }] : [])],
    };
  } finally {
    await c.links.closeAll();
  }
}

function probeContexts(ps: ProbeSettings, pins: TlsPins, timeoutMs: number): { protocol: Protocol; ctx: ProbeContext }[] {
  return ps.protocols.map((p) => {
    const creds = p === 'sql' ? ps.sql : p === 'smtp' ? undefined : ps.mailbox;
    return { protocol: p, ctx: { endpoint: endpoint(ps, p), pins, timeoutMs, heloName: ps.heloName, ...(creds ? { credentials: creds } : {}), ...(p === 'sql' && ps.database ? { database: ps.database } : {}) } };
  });
}

export async function runFailover(services: Services, req: RunRequest, hooks: RunHooks): Promise<FailoverRun> {
  const { settings: ps, problems } = await resolveProbeSettings(services, req.project);
  if (!ps) throw new AppError(problems[0]?.key ?? 'failover:problems.noEndpoint', problems[0]?.params ?? {});
  const store = runStoreOf(services);
  let run: FailoverRun = { id: req.runId, kind: req.kind, startedAt: Date.now(), status: 'running', cases: [], revision: 0, ...(req.label ? { label: req.label } : {}) };
  const save = async () => {
    const r = await store.save(req.project.id, req.path, run);
    run = r.run;
    if (r.fileError) hooks.output(`project file not written (kept in the app's mirror): ${r.fileError instanceof Error ? r.fileError.message : String(r.fileError)}`);
    hooks.saved(run);
  };
  hooks.live({ phase: 'connecting' }, { probes: {}, mails: { sent: 0, accepted: 0, pending: 0 }, servicesOn: [], nodes: [] });
  const c = await connect(services, req.project, ps.vip, req.audit, req.acceptHostKeys, req.interactive, ps.secrets, hooks.output);
  run.profile = c.profile;
  const pins = new TlsPins();
  const fo = req.project.failover.settings;
  const probes = new ProbeLoop({ probes: probeContexts(ps, pins, fo.probeTimeoutMs), intervalMs: fo.probeIntervalMs });
  const targets = targetsOf(req.project);
  let current: { caseId?: CaseId; phase: Parameters<RunHooks['live']>[0]['phase']; faultAt?: number } = { phase: 'idle' };
  let env: CaseEnv | undefined;
  const liveTimer = setInterval(() => {
    const r = c.watch.latest();
    const probesNow: LiveState['probes'] = {};
    for (const [p, s] of Object.entries(probes.latest()) as [Protocol, { ok: boolean; t: number; latencyMs?: number; error?: string }][]) probesNow[p] = { ok: s.ok, t: s.t, ...(s.latencyMs !== undefined ? { latencyMs: s.latencyMs } : {}), ...(s.error ? { error: s.error } : {}) };
    hooks.live(current, {
      probes: probesNow,
      mails: env?.flow?.counts() ?? { sent: 0, accepted: 0, pending: 0 },
      servicesOn: r ? c.watch.where(r) : [],
      nodes: (r?.samples ?? []).map((s) => ({ name: s.node, reachable: s.reachable, ...(s.vip !== undefined ? { vip: s.vip } : {}), ...(r ? { online: c.watch.nodeOnline(r, s.node) } : {}) })),
    });
  }, 500);
  const nodeRoles = Object.fromEntries(c.links.all().map((l) => [l.name, l.role])) as Record<string, NodeRole>;
  try {
    await save();
    c.watch.start();
    probes.start();
    const hook = hookOf(req.project);
    for (let i = 0; i < req.cases.length; i++) {
      const caseId = req.cases[i]!;
      if (req.signal.aborted) break;
      hooks.progress(i, req.cases.length, caseId);
      hooks.caseState(caseId, 'running');
      current = { caseId, phase: 'baseline' };
      env = {
        links: c.links,
        watch: c.watch,
        probes,
        audit: req.audit,
        ...(hook ? { hook } : {}),
        expectedNodes: c.nodes.map((n) => n.name),
        signal: req.signal,
        prompt: (kind, node) => hooks.prompt(kind, node),
        output: hooks.output,
        probeSettings: ps,
        settings: req.project.failover.settings,
        pins,
        profile: c.profile,
        planNodes: c.nodes,
        ...(c.drbdPort !== undefined ? { drbdPort: c.drbdPort } : {}),
        targets,
        offsets: c.offsets,
        upgrade: false,
        phase: (phase, extra) => {
          current = { caseId, phase, ...(extra?.faultAt !== undefined ? { faultAt: extra.faultAt } : current.faultAt !== undefined && phase !== 'baseline' ? { faultAt: current.faultAt } : {}) };
        },
        stepState: (stepId, state, note) => hooks.step(caseId, stepId, state, note),
        pending: async (id, undo) => {
          if (undo) run = { ...run, pending: { caseId: id, undo, nodeRoles } };
          else {
            const { pending: _p, ...rest } = run;
            run = rest;
          }
          await save();
        },
      };
      c.watch.setInterval(1000);
      const result = await runCase(env, caseId);
      run = { ...run, cases: [...run.cases, result] };
      hooks.caseState(caseId, 'done', result.verdict.value);
      hooks.output(`== ${caseId}: ${result.verdict.value}`);
      await save();
      probes.forget(Date.now() - 60_000);
      current = { phase: 'idle' };
    }
    hooks.progress(run.cases.length, req.cases.length);
    run = { ...run, status: req.signal.aborted ? 'cancelled' : 'done', endedAt: Date.now() };
  } catch (e) {
    run = { ...run, status: req.signal.aborted ? 'cancelled' : 'failed', endedAt: Date.now(), error: { key: e instanceof AppError ? e.code : 'errors:internal', ...(e instanceof AppError && Object.keys(e.params).length ? { params: e.params } : {}) } };
    if (!(e instanceof AppError && e.code === SshErrorCode.cancelled)) hooks.output(`run failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearInterval(liveTimer);
    await probes.stop();
    await c.watch.stop();
    await save().catch(() => undefined);
    await c.links.closeAll();
  }
  return run;
}

/** Runs the undo an interrupted run left in its mirror (after an app crash), then marks that run as such. */
export async function undoInterrupted(services: Services, project: Project, path: string | undefined, interrupted: FailoverRun, audit: AuditSink, acceptHostKeys: readonly AcceptedHostKey[], output: (t: string) => void): Promise<FailoverRun> {
  const pending = interrupted.pending;
  let run: FailoverRun = { ...interrupted, status: interrupted.status === 'running' ? 'cancelled' : interrupted.status, endedAt: interrupted.endedAt ?? Date.now() };
  if (pending) {
    const vip = project.commission.settings.vip?.replace(/\/\d+$/, '');
    if (!vip) throw new AppError('failover:problems.noVip');
    const links = new NodeLinks(services, project, audit, acceptHostKeys);
    for (const [name, role] of Object.entries(pending.nodeRoles)) links.setName(role, name);
    const watch = new ClusterWatch(links, vip);
    const signal = new AbortController().signal;
    const env: StepEnv = { links, watch, probes: new ProbeLoop({ probes: [], intervalMs: project.failover.settings.probeIntervalMs }), audit, expectedNodes: Object.keys(pending.nodeRoles), signal, prompt: async () => false, output };
    try {
      await watch.sampleOnce();
      for (const step of pending.undo) {
        const rec = await runStep(env, step, { cancellable: false });
        output(`${step.id}: ${rec.ok ? 'ok' : `failed ${rec.note ?? ''}`}`);
      }
    } finally {
      await links.closeAll();
    }
    const { pending: _p, ...rest } = run;
    run = rest;
  }
  const r = await runStoreOf(services).save(project.id, path, { ...run, id: run.id || randomUUID() });
  return r.run;
}

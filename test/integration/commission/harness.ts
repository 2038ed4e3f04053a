/**
 * Set-up for the executor's integration tests: two real sshd instances on 127.0.0.1 play "primary" and
 * "secondary" (same machine, so every test works in its own folder), a project that points at them, the
 * app's services with the SSH passwords stored as the app stores them, and a recorder for the events.
 * Plans are written by the tests: real commands and real files, run by the real executor.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { L10n, Plan, Step } from '../../../shared/commission/types';
import { newProject, type Project } from '../../../shared/project/schema';
import { answerConfirm, runCommission, dryRunCommission, type PlanRunRequest } from '../../../main/commission/commissionRuns';
import { stepHashes } from '../../../main/commission/stepHash';
import { canonicalJson } from '../../../main/commission/stepHash';
import { createHash } from 'node:crypto';
import { createNodeServices } from '../../../main/nodeServices';
import type { HandlerContext, Services } from '../../../main/services';
import { writeProjectFile } from '../../../main/project/projectFiles';
import { hostKeyBlob } from '../ssh/helpers';
import { ensureTestUsers, startSshd, type SshdInstance, type TestUsers } from '../ssh/sshdFixture';

export interface Harness {
  users: TestUsers;
  primary: SshdInstance;
  secondary: SshdInstance;
  services: Services;
  /** A fresh folder for one test (root-owned, on this machine = on both "nodes"). */
  work(): Promise<string>;
  stop(): Promise<void>;
}

/** One harness for a test file: started before its tests, stopped after them. */
export function useHarness(): () => Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => h?.stop());
  return () => {
    if (!h) throw new Error('harness not started');
    return h;
  };
}

export async function startHarness(userDataDir?: string): Promise<Harness> {
  const users = await ensureTestUsers();
  const [primary, secondary] = await Promise.all([startSshd(), startSshd()]);
  const base = await mkdtemp(path.join(tmpdir(), 'mhs-exec-'));
  const services = createNodeServices({ userDataDir: userDataDir ?? path.join(base, 'userdata'), transport: 'bridge' });
  for (const s of [primary, secondary]) await services.knownHosts.add(s.host, s.port, await hostKeyBlob(s));
  let n = 0;
  return {
    users,
    primary,
    secondary,
    services,
    async work() {
      const d = path.join(base, `w${++n}`);
      await mkdir(d, { recursive: true });
      return d;
    },
    async stop() {
      await Promise.all([primary.stop(), secondary.stop()]);
    },
  };
}

/** A project whose primary and secondary are the two sshd instances, SSH passwords stored like the app does. */
export async function testProject(h: Harness): Promise<Project> {
  const p = newProject(randomUUID(), new Date());
  const target = (s: SshdInstance) => ({ host: s.host, port: s.port, user: h.users.pw.name, auth: { method: 'password' as const } });
  p.hosts = { primary: target(h.primary), secondary: target(h.secondary) };
  for (const role of ['primary', 'secondary'] as const) await h.services.sessionSecrets.set(`ssh/${p.id}/${role}/password`, h.users.pw.password);
  return p;
}

export async function saveProjectFile(dir: string, project: Project): Promise<string> {
  const file = path.join(dir, 'project.mhs.json');
  await writeProjectFile(file, project);
  return file;
}

const l = (en: string): L10n => ({ de: en, en });

/** A step with sensible defaults; the test says what it does. */
export function step(id: string, s: Partial<Step> & Pick<Step, 'apply'>): Step {
  return { id, phase: 'prepare', node: 'primary', title: l(`step ${id}`), explanation: l(`explains ${id}`), verify: [], destructive: false, expectedDurationS: 1, ...s };
}

export function plan(steps: Step[]): Plan {
  return {
    hash: createHash('sha256').update(canonicalJson(stepHashes({ steps }))).digest('hex'),
    steps,
    notices: [],
    summary: { replication: 'shared', quorum: 'qdevice', fencing: [], nodes: ['primary', 'secondary'], vip: '10.77.0.10/24', vipName: 'mail.example.test', clusterName: 'mailcluster' },
  };
}

export interface Recorder {
  ctx: HandlerContext;
  events: [EventName, unknown][];
  of<E extends EventName>(name: E): EventPayload<E>[];
  /** How confirmations are answered (default: yes to everything). */
  answer: (req: EventPayload<'commission.confirm'>['request']) => boolean | undefined;
  onEvent?: (name: EventName, payload: unknown) => void;
}

export function recorder(services: Services): Recorder {
  const r: Recorder = {
    events: [],
    answer: () => true,
    of: (name) => r.events.filter(([n]) => n === name).map(([, p]) => p) as never,
    ctx: {
      services,
      emit(name, payload) {
        r.events.push([name, payload]);
        r.onEvent?.(name, payload);
        if (name === 'commission.confirm') {
          const c = payload as EventPayload<'commission.confirm'>;
          const yes = r.answer(c.request);
          if (yes !== undefined) setImmediate(() => answerConfirm(services, c.runId, c.confirmId, yes));
        }
      },
    },
  };
  return r;
}

export function request(project: Project, p: Plan, work: string, extra: Partial<PlanRunRequest> = {}): PlanRunRequest {
  return { runId: randomUUID(), projectId: project.id, project, plan: p, backupRoot: path.join(work, 'backups'), probeIntervalMs: 100, ...extra };
}

export const run = (r: Recorder, req: PlanRunRequest) => runCommission(r.ctx, req, 'run');
export const rollback = (r: Recorder, req: PlanRunRequest) => runCommission(r.ctx, req, 'rollback');
export const dryRun = (r: Recorder, req: PlanRunRequest, mode: 'run' | 'rollback' = 'run') => dryRunCommission(r.ctx, req, mode, true);

/** The node's sshd goes away with all its connections (killing what runs there) and comes back after downMs. */
export async function dropNode(h: Harness, role: 'primary' | 'secondary', downMs: number): Promise<void> {
  const s = h[role];
  await s.stop({ keepDir: true });
  await new Promise((r) => setTimeout(r, downMs));
  h[role] = await startSshd({ port: s.port, dir: s.dir });
}

export async function text(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

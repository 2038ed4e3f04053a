/**
 * Interruptions against real sshd "nodes": the app process killed (SIGKILL) in the middle of step k for every
 * k, then resumed in another process, ends in the same state as an uninterrupted run; a connection that
 * drops in the middle of a step is either survived (idempotent work) or stops the run cleanly for resume.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shQuote } from '../../../shared/shell/quote';
import type { Plan } from '../../../shared/commission/types';
import type { Project } from '../../../shared/project/schema';
import { readProjectFile } from '../../../main/project/projectFiles';
import { dropNode, plan, recorder, request, run, saveProjectFile, step, testProject, text, useHarness } from './harness';

const harness = useHarness();
const q = shQuote;

/** Five steps on both nodes; each marks its start, takes a moment, and leaves its result (idempotently). */
function fivePlan(w: string): Plan {
  const steps = [1, 2, 3, 4, 5].map((k) => {
    const node = k % 2 ? ('primary' as const) : ('secondary' as const);
    const out = path.join(w, 'state', `s${k}`);
    return step(`s${k}@${node}`, {
      node,
      check: { command: `test -f ${q(out)}` },
      apply: [
        { kind: 'run', command: `mkdir -p ${q(path.join(w, 'marks'))} && touch ${q(path.join(w, 'marks', `started-${k}`))} && sleep 0.8` },
        { kind: 'write', path: out, content: `result ${k}\n`, mode: '0644' },
      ],
      verify: [{ command: `grep -qx ${q(`result ${k}`)} ${q(out)}` }],
    });
  });
  return plan(steps);
}

async function stateOf(w: string): Promise<Record<string, string>> {
  const dir = path.join(w, 'state');
  const names = (await readdir(dir).catch(() => [])).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')] as const)));
}

function child(configFile: string): { done: Promise<string>; kill(): void } {
  const p = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'childRun.ts'), configFile], { env: { ...process.env, MHS_TEST_SSH_PASSWORD: harness().users.pw.password }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { done: new Promise((resolve) => p.on('exit', () => resolve(out))), kill: () => p.kill('SIGKILL') };
}

async function waitFor(file: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while ((await text(file)) === undefined) {
    if (Date.now() > end) throw new Error(`${file} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the app killed in the middle of step k', () => {
  let reference: Record<string, string>;
  beforeAll(async () => {
    const w = await harness().work();
    const res = await run(recorder(harness().services), request(await testProject(harness()), fivePlan(w), w));
    expect(res.outcome).toBe('completed');
    reference = await stateOf(w);
    expect(Object.keys(reference)).toHaveLength(5);
  }, 60_000);

  for (const k of [1, 2, 3, 4, 5]) {
    it(`k=${k}: the record shows step ${k} running; a resumed run ends like an uninterrupted one`, async () => {
      const w = await harness().work();
      const project: Project = await testProject(harness());
      const file = await saveProjectFile(w, project);
      const p = fivePlan(w);
      const config = path.join(w, 'child.json');
      await writeFile(config, JSON.stringify({ userDataDir: harness().services.userDataDir, project, plan: p, path: file, backupRoot: path.join(w, 'backups'), resume: false }));
      const c = child(config);
      await waitFor(path.join(w, 'marks', `started-${k}`));
      c.kill();
      await c.done;
      const onDisk = (await readProjectFile(file)).project.commission.record!;
      expect(onDisk.state).toBe('running');
      expect(onDisk.steps[`s${k}@${k % 2 ? 'primary' : 'secondary'}`]?.outcome).toBe('running');
      for (let j = 1; j < k; j++) expect(onDisk.steps[`s${j}@${j % 2 ? 'primary' : 'secondary'}`]?.outcome).toBe('done');
      // Resume in this process (another "app start"), from what the file says.
      const { project: reopened } = await readProjectFile(file);
      const r = recorder(harness().services);
      const res = await run(r, request(reopened, p, w, { path: file, resume: true }));
      expect(res.outcome).toBe('completed');
      expect(await stateOf(w)).toEqual(reference);
      for (let j = 1; j < k; j++) expect(r.of('commission.step').filter((e) => e.stepId.startsWith(`s${j}@`)).map((e) => e.state)).toEqual(['checking', 'verifying', 'done']);
    }, 60_000);
  }
});

describe('a connection that drops in the middle of a step', () => {
  it('a step without a check is idempotent as a whole: it runs again after the reconnect', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const started = path.join(w, 'started');
    const out = path.join(w, 'out');
    const p = plan([step('nocheck@primary', { apply: [{ kind: 'run', command: `touch ${q(started)}; sleep 3; echo done > ${q(out)}` }] })]);
    const r = recorder(harness().services);
    const running = run(r, request(project, p, w));
    await waitFor(started);
    await dropNode(harness(), 'primary', 1000);
    const res = await running;
    expect(res.outcome).toBe('completed');
    expect(await text(out)).toBe('done\n');
    expect(r.of('commission.connection').map((e) => e.state)).toEqual(expect.arrayContaining(['lost', 'reconnecting', 'reconnected']));
    expect(res.record.steps['nocheck@primary']!.outputTail).toContain('the node answers again: the step once more');
  }, 60_000);

  it('a step with a check that is not done after the reconnect stops the run cleanly; resume finishes it', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const started = path.join(w, 'started');
    const out = path.join(w, 'out');
    const after = path.join(w, 'after');
    const p = plan([
      step('checked@primary', { check: { command: `test -f ${q(out)}` }, apply: [{ kind: 'run', command: `touch ${q(started)}; sleep 3; echo done > ${q(out)}` }] }),
      step('after@secondary', { node: 'secondary', apply: [{ kind: 'run', command: `touch ${q(after)}` }] }),
    ]);
    const running = run(recorder(harness().services), request(project, p, w));
    await waitFor(started);
    await dropNode(harness(), 'primary', 1000);
    const res = await running;
    expect(res.outcome).toBe('stopped');
    expect(res.error).toMatchObject({ code: 'install:errors.connectionLostStep', params: { stepId: 'checked@primary', node: 'primary' } });
    expect(res.record.steps['checked@primary']?.outcome).toBe('failed');
    expect(await text(after)).toBeUndefined();
    const again = await run(recorder(harness().services), request(project, p, w, { resume: true }));
    expect(again.outcome).toBe('completed');
    expect(await text(out)).toBe('done\n');
    expect(await text(after)).toBe('');
  }, 60_000);

  // The session gives up reconnecting after a moment here (in the app: ~95 s), so these cover a node that is
  // away longer than that, as a rebooting node is: the executor waits for it and goes on.
  const shortReconnect = { attempts: 2, baseDelayMs: 200, maxDelayMs: 400 };

  it('a node away longer than the session reconnects is waited for; the check says the cut-off step got done', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const started = path.join(w, 'started');
    const out = path.join(w, 'out');
    const after = path.join(w, 'after');
    const p = plan([
      step('reboot@primary', { check: { command: `test -f ${q(out)}` }, apply: [{ kind: 'run', command: `echo done > ${q(out)}; touch ${q(started)}; sleep 5` }], verify: [{ command: `grep -qx done ${q(out)}` }] }),
      step('after@secondary', { node: 'secondary', apply: [{ kind: 'run', command: `touch ${q(after)}` }] }),
    ]);
    const running = run(recorder(harness().services), request(project, p, w, { reconnect: shortReconnect }));
    await waitFor(started);
    await dropNode(harness(), 'primary', 6000);
    const res = await running;
    expect(res.outcome).toBe('completed');
    const tail = res.record.steps['reboot@primary']!.outputTail;
    expect(tail).toContain('waiting for primary to answer again');
    expect(tail).toContain('check after reconnect: the step got done');
    expect(res.record.steps['reboot@primary']).toMatchObject({ outcome: 'done', applied: true });
    expect(await text(after)).toBe('');
  }, 90_000);

  it('a node lost during the check (nothing sent yet) gets the step once more from its check', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const checking = path.join(w, 'checking');
    const out = path.join(w, 'out');
    const applies = path.join(w, 'applies');
    const p = plan([
      step('late@primary', {
        check: { command: `touch ${q(checking)}; sleep 3; test -f ${q(out)}` },
        apply: [{ kind: 'run', command: `echo x >> ${q(applies)}; echo done > ${q(out)}` }],
        verify: [{ command: `grep -qx done ${q(out)}` }],
      }),
    ]);
    const running = run(recorder(harness().services), request(project, p, w, { reconnect: shortReconnect }));
    await waitFor(checking);
    await dropNode(harness(), 'primary', 6000);
    const res = await running;
    expect(res.outcome).toBe('completed');
    expect(res.record.steps['late@primary']!.outputTail).toContain('the node answers again: the step once more from its check');
    expect(await text(applies)).toBe('x\n');
  }, 90_000);

  it('a command marked idempotent is repeated by the session itself after the reconnect', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const started = path.join(w, 'started');
    const out = path.join(w, 'out');
    const p = plan([step('idem@primary', { check: { command: `test -f ${q(out)}` }, apply: [{ kind: 'run', command: `touch ${q(started)}; sleep 3; echo done > ${q(out)}`, idempotent: true }] })]);
    const running = run(recorder(harness().services), request(project, p, w));
    await waitFor(started);
    await dropNode(harness(), 'primary', 500);
    const res = await running;
    expect(res.outcome).toBe('completed');
    expect(res.record.steps['idem@primary']!.outputTail).not.toContain('connection lost while applying');
    expect(await text(out)).toBe('done\n');
  }, 60_000);
});

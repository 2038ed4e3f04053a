/**
 * The executor against real sshd "nodes": check -> skip, backups, apply, verify, record, confirmations,
 * timers, the record in the project file and the app's mirror.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shQuote } from '../../../shared/shell/quote';
import { readProjectFile } from '../../../main/project/projectFiles';
import { recordStoreOf } from '../../../main/commission/recordStore';
import { writeProjectFileWithMainSections } from '../../../main/handlers/project/mainSections';
import { commissionAnswer, commissionRecord } from '../../../main/handlers/commission/control';
import { plan, recorder, request, run, saveProjectFile, step, testProject, text, useHarness } from './harness';

const harness = useHarness();

const q = shQuote;

describe('running a plan', () => {
  it('applies, verifies and records each step; a second run checks and skips them', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const file = await saveProjectFile(w, project);
    const marker = path.join(w, 'applied.log');
    const p = plan([
      step('a.write@primary', { apply: [{ kind: 'write', path: path.join(w, 'etc/a.conf'), content: 'a=1\n', mode: '0640', owner: 'root:root' }], verify: [{ command: `grep -qx a=1 ${q(path.join(w, 'etc/a.conf'))}` }], check: { command: `grep -qx a=1 ${q(path.join(w, 'etc/a.conf'))}` } }),
      step('b.run@secondary', { node: 'secondary', apply: [{ kind: 'run', command: `echo b >> ${q(marker)}; touch ${q(path.join(w, 'b.done'))}` }], check: { command: `test -f ${q(path.join(w, 'b.done'))}` }, verify: [{ command: `test -f ${q(path.join(w, 'b.done'))}` }] }),
      step('c.transfer@secondary', { node: 'secondary', apply: [{ kind: 'transfer', from: 'primary', fromPath: path.join(w, 'etc/a.conf'), toPath: path.join(w, 'copy/a.conf'), mode: '0600' }], verify: [{ command: `cmp -s ${q(path.join(w, 'etc/a.conf'))} ${q(path.join(w, 'copy/a.conf'))}` }] }),
    ]);
    const r1 = recorder(harness().services);
    const res = await run(r1, request(project, p, w, { path: file }));
    expect(res.error).toBeUndefined();
    expect(res.outcome).toBe('completed');
    expect(Object.values(res.record.steps).map((s) => [s.outcome, s.applied])).toEqual([['done', true], ['done', true], ['done', true]]);
    expect(await text(path.join(w, 'copy/a.conf'))).toBe('a=1\n');
    expect(await text(marker)).toBe('b\n');
    // The record is in the project file (read-modify-write) and in the app's mirror.
    const saved = (await readProjectFile(file)).project.commission.record!;
    expect(saved.state).toBe('completed');
    expect(saved.revision).toBe(res.record.revision);
    expect((await recordStoreOf(harness().services).readMirror(project.id))?.revision).toBe(res.record.revision);
    // Events: each step went through its states; progress ends at 1; the record was pushed on every save.
    expect(r1.of('commission.step').filter((e) => e.stepId === 'b.run@secondary').map((e) => e.state)).toEqual(['checking', 'backingUp', 'applying', 'verifying', 'done'].filter((s) => s !== 'backingUp'));
    expect(r1.of('commission.progress').at(-1)?.fraction).toBe(1);
    expect(r1.of('commission.record').length).toBeGreaterThanOrEqual(7);
    expect(r1.of('commission.output').some((o) => o.stepId === 'b.run@secondary' && o.text.includes('echo b'))).toBe(true);

    // Second run: a new record (the first one is complete); checks say done, apply is skipped.
    const r2 = recorder(harness().services);
    const again = await run(r2, request(project, p, w, { path: file }));
    expect(again.outcome).toBe('completed');
    expect(again.record.steps['a.write@primary']).toMatchObject({ outcome: 'skipped', applied: false });
    expect(again.record.steps['b.run@secondary']).toMatchObject({ outcome: 'skipped', applied: false });
    // No check: the transfer is idempotent and runs again.
    expect(again.record.steps['c.transfer@secondary']).toMatchObject({ outcome: 'done', applied: true });
    expect(await text(marker)).toBe('b\n');
    expect(again.record.revision).toBeGreaterThan(res.record.revision);
  });

  it('backs up every file a step writes before it writes, first backup wins', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const conf = path.join(w, 'etc/app.conf');
    await mkdir(path.dirname(conf), { recursive: true });
    await writeFile(conf, 'original\n');
    const extra = path.join(w, 'etc/extra.d');
    const p = plan([
      step('one@primary', { apply: [{ kind: 'write', path: conf, content: 'first change\n', mode: '0644' }], backupPaths: [extra] }),
      step('two@primary', { apply: [{ kind: 'write', path: conf, content: 'second change\n', mode: '0644' }] }),
    ]);
    const res = await run(recorder(harness().services), request(project, p, w));
    expect(res.outcome).toBe('completed');
    const dir = res.record.backupDir!;
    expect(dir).toBe(path.join(w, 'backups', project.id));
    expect(await text(`${dir}/manifest`)).toBe(`1\tfile\t${conf}\n2\tmissing\t${extra}\n`);
    expect(await text(`${dir}/items/1`)).toBe('original\n');
    expect(await text(conf)).toBe('second change\n');
  });

  it('a failing verify fails the step and stops the run; resume after the fix continues there', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const flag = path.join(w, 'ready');
    const later = path.join(w, 'later');
    const p = plan([
      step('prep@primary', { apply: [{ kind: 'run', command: 'true' }] }),
      step('needs-flag@primary', { apply: [{ kind: 'run', command: 'echo applying' }], verify: [{ command: `test -f ${q(flag)}`, waitMs: 300 }] }),
      step('later@primary', { apply: [{ kind: 'run', command: `touch ${q(later)}` }] }),
    ]);
    const res = await run(recorder(harness().services), request(project, p, w));
    expect(res.outcome).toBe('failed');
    expect(res.error).toMatchObject({ code: 'install:errors.verifyFailed', params: { stepId: 'needs-flag@primary', node: 'primary' } });
    expect(res.record.state).toBe('failed');
    expect(res.record.steps['needs-flag@primary']).toMatchObject({ outcome: 'failed', errorCode: 'install:errors.verifyFailed' });
    expect(res.record.steps['needs-flag@primary']!.outputTail).toContain('echo applying');
    expect(await text(later)).toBeUndefined();
    // Without resume an unfinished record is refused, with resume it continues.
    await expect(run(recorder(harness().services), request(project, p, w))).rejects.toMatchObject({ code: 'install:errors.unfinishedRun' });
    await writeFile(flag, '');
    const again = await run(recorder(harness().services), request(project, p, w, { resume: true }));
    expect(again.outcome).toBe('completed');
    expect(again.record.steps['needs-flag@primary']).toMatchObject({ outcome: 'done', attempts: 2 });
    expect(again.record.steps['prep@primary']).toMatchObject({ outcome: 'done', attempts: 2, applied: true });
    expect(await text(later)).toBe('');
  });

  it('a failing command names the step, its node and the exit code', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const p = plan([step('boom@secondary', { node: 'secondary', apply: [{ kind: 'run', command: 'echo "no space left" >&2; exit 3' }] })]);
    const r = recorder(harness().services);
    const res = await run(r, request(project, p, w));
    expect(res.error).toMatchObject({ code: 'install:errors.actionFailed', params: { stepId: 'boom@secondary', node: 'secondary', exitCode: 3 } });
    expect(r.of('commission.output').filter((o) => o.stream === 'stderr').map((o) => o.text).join('')).toContain('no space left');
  });

  it('asks before a destructive step; no = nothing of it runs, and the run stops', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const target = path.join(w, 'destroyed');
    const p = plan([step('wipe@primary', { destructive: true, apply: [{ kind: 'write', path: target, content: 'x', mode: '0644' }] })]);
    const r = recorder(harness().services);
    r.answer = (req) => (req.kind === 'destructive' ? false : true);
    const res = await run(r, request(project, p, w));
    expect(res.outcome).toBe('refused');
    expect(res.error?.code).toBe('install:errors.refused');
    expect(r.of('commission.confirm').map((c) => c.request)).toEqual([expect.objectContaining({ kind: 'destructive', stepId: 'wipe@primary', node: 'primary', title: { de: 'step wipe@primary', en: 'step wipe@primary' } })]);
    expect(await text(target)).toBeUndefined();
    expect(res.record.steps['wipe@primary']).toBeUndefined();
    expect(res.record.state).toBe('stopped');
    // Yes the next time: it runs.
    const ok = await run(recorder(harness().services), request(project, p, w, { resume: true }));
    expect(ok.outcome).toBe('completed');
    expect(await text(target)).toBe('x');
  });

  it('a question still open is in commission.record (a reloaded window asks it again); its answer goes on', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const target = path.join(w, 'wiped');
    const p = plan([step('wipe@primary', { destructive: true, apply: [{ kind: 'write', path: target, content: 'x', mode: '0644' }] })]);
    const r = recorder(harness().services);
    r.answer = () => undefined; // the window that got the event is gone
    const req = request(project, p, w);
    const running = run(r, req);
    const asked = async () => (await commissionRecord({ projectId: project.id }, r.ctx)).pendingConfirm;
    for (let i = 0; i < 200 && !(await asked()); i++) await new Promise((res) => setTimeout(res, 50));
    const status = await commissionRecord({ projectId: project.id }, r.ctx);
    const event = r.of('commission.confirm')[0]!;
    expect(status).toMatchObject({ running: true, runId: req.runId, pendingConfirm: { confirmId: event.confirmId, request: event.request } });
    expect(status.pendingConfirm!.request).toMatchObject({ kind: 'destructive', stepId: 'wipe@primary' });
    expect(await text(target)).toBeUndefined();
    expect(await commissionAnswer({ runId: req.runId, confirmId: status.pendingConfirm!.confirmId, yes: true }, r.ctx)).toEqual({ answered: true });
    expect((await running).outcome).toBe('completed');
    expect(await text(target)).toBe('x');
    expect(await commissionRecord({ projectId: project.id }, r.ctx)).toMatchObject({ running: false });
    expect((await commissionRecord({ projectId: project.id }, r.ctx)).pendingConfirm).toBeUndefined();
  });

  it('asks once, explicitly, at the point of no return and records when it was crossed', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const p = plan([step('before@primary', { apply: [{ kind: 'run', command: 'true' }] }), step('cutover@primary', { destructive: true, pointOfNoReturn: true, apply: [{ kind: 'run', command: 'true' }] })]);
    const r = recorder(harness().services);
    const res = await run(r, request(project, p, w));
    expect(res.outcome).toBe('completed');
    expect(r.of('commission.confirm').map((c) => c.request.kind)).toEqual(['pointOfNoReturn']);
    expect(res.record.pointOfNoReturnAt).toBeDefined();
  });

  it('measures a timer from the step that starts it to the step that stops it', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const p = plan([
      step('stop-mail@primary', { apply: [{ kind: 'run', command: 'sleep 0.3' }], timer: { start: 'legacyMailOutage' } }),
      step('middle@primary', { apply: [{ kind: 'run', command: 'sleep 0.3' }] }),
      step('banner@primary', { apply: [{ kind: 'run', command: 'true' }], timer: { stop: 'legacyMailOutage' } }),
    ]);
    const res = await run(recorder(harness().services), request(project, p, w));
    const t = res.record.timers.legacyMailOutage!;
    expect(t.ms).toBeGreaterThanOrEqual(550);
    expect(t.ms).toBeLessThan(10_000);
    expect(Date.parse(t.stoppedAt!) - Date.parse(t.startedAt)).toBe(t.ms);
  });

  it('an autosave of an older project copy never rolls the record back', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const file = await saveProjectFile(w, project);
    const res = await run(recorder(harness().services), request(project, plan([step('x@primary', { apply: [{ kind: 'run', command: 'true' }] })]), w, { path: file }));
    // The renderer still holds the project as it was before the run and autosaves it with a new title.
    await writeProjectFileWithMainSections(harness().services, file, { ...project, meta: { ...project.meta, title: 'Neuer Titel' } });
    const onDisk = (await readProjectFile(file)).project;
    expect(onDisk.meta.title).toBe('Neuer Titel');
    expect(onDisk.commission.record?.revision).toBe(res.record.revision);
    expect(JSON.parse(await readFile(file, 'utf8')).commission.record.state).toBe('completed');
  });

  it('steps of one parallel group run at the same time on their nodes; a failure lets the others finish', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const mark = (n: string) => path.join(w, n);
    const group = (id: string, node: 'primary' | 'secondary', cmd: string) => ({ ...step(id, { node, apply: [{ kind: 'run' as const, command: cmd }] }), parallelGroup: 'packages' });
    const p = plan([
      group('pkg@primary', 'primary', `sleep 1.5; touch ${q(mark('p'))}`),
      group('pkg@secondary', 'secondary', `sleep 1.5; touch ${q(mark('s'))}`),
      step('after@primary', { apply: [{ kind: 'run', command: `touch ${q(mark('after'))}` }] }),
    ]);
    const res = await run(recorder(harness().services), request(project, p, w));
    expect(res.outcome).toBe('completed');
    // They overlapped: each started before the other ended (each takes 1.5 s of sleep).
    const [a, b] = [res.record.steps['pkg@primary']!, res.record.steps['pkg@secondary']!];
    expect(Date.parse(a.startedAt)).toBeLessThan(Date.parse(b.endedAt!));
    expect(Date.parse(b.startedAt)).toBeLessThan(Date.parse(a.endedAt!));
    expect(Date.parse(res.record.steps['after@primary']!.startedAt)).toBeGreaterThanOrEqual(Math.max(Date.parse(a.endedAt!), Date.parse(b.endedAt!)));

    const w2 = await harness().work();
    const p2 = plan([
      group('bad@primary', 'primary', 'exit 4'),
      group('slow@secondary', 'secondary', `sleep 1; touch ${q(path.join(w2, 'slow'))}`),
      step('never@primary', { apply: [{ kind: 'run', command: `touch ${q(path.join(w2, 'never'))}` }] }),
    ]);
    const failed = await run(recorder(harness().services), request(await testProject(harness()), p2, w2));
    expect(failed.outcome).toBe('failed');
    expect(failed.error?.params).toMatchObject({ stepId: 'bad@primary' });
    expect(failed.record.steps['slow@secondary']?.outcome).toBe('done');
    expect(await text(path.join(w2, 'slow'))).toBe('');
    expect(await text(path.join(w2, 'never'))).toBeUndefined();
  });
});

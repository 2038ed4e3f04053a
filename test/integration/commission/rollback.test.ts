/**
 * Rollback against real sshd "nodes": reverse order, rollback actions before the files come back, a file
 * that did not exist is removed, paths restored at the earliest step that changed them, the backup folder
 * set aside afterwards; refused after the point of no return.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shQuote } from '../../../shared/shell/quote';
import { dryRun, plan, recorder, request, rollback, run, step, testProject, text, useHarness } from './harness';

const harness = useHarness();
const q = shQuote;

describe('rollback', () => {
  it('undoes the applied steps newest first and puts every original back', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const conf = path.join(w, 'etc/main.cf');
    const fresh = path.join(w, 'etc/new.conf');
    const log = path.join(w, 'order.log');
    await mkdir(path.dirname(conf), { recursive: true });
    await writeFile(conf, 'standalone\n');
    // Each rollback notes what it sees of main.cf: it comes back to the original only with s1, its first writer.
    const note = (who: string) => ({ kind: 'run' as const, command: `printf '%s %s\\n' ${q(who)} "$(cat ${q(conf)})" >> ${q(log)}` });
    const p = plan([
      step('s1.conf@primary', { apply: [{ kind: 'write', path: conf, content: 'cluster v1\n', mode: '0644' }], rollback: [note('s1')] }),
      step('s2.new@secondary', { node: 'secondary', apply: [{ kind: 'write', path: fresh, content: 'new\n', mode: '0644' }], rollback: [note('s2')] }),
      step('s3.skipped@primary', { check: { command: 'true' }, apply: [{ kind: 'run', command: 'false' }], rollback: [note('s3-must-not-run')] }),
      step('s4.conf-again@primary', { apply: [{ kind: 'write', path: conf, content: 'cluster v2\n', mode: '0644' }], rollback: [note('s4')] }),
    ]);
    const done = await run(recorder(harness().services), request(project, p, w));
    expect(done.outcome).toBe('completed');
    expect(await text(conf)).toBe('cluster v2\n');

    const preview = await dryRun(recorder(harness().services), request(project, p, w), 'rollback');
    expect(preview.steps.map((s) => s.id)).toEqual(['s4.conf-again@primary', 's2.new@secondary', 's1.conf@primary']);
    expect(preview.steps.find((s) => s.id === 's1.conf@primary')?.actions.at(-1)).toEqual({ kind: 'restore', paths: [conf] });

    const r = recorder(harness().services);
    const res = await rollback(r, request(project, p, w));
    expect(res.outcome).toBe('completed');
    expect(r.of('commission.confirm').map((c) => c.request.kind)).toEqual(['rollback']);
    expect(await text(log)).toBe('s4 cluster v2\ns2 cluster v2\ns1 cluster v2\n');
    expect(await text(conf)).toBe('standalone\n');
    expect(await text(fresh)).toBeUndefined();
    expect(res.record.state).toBe('rolledBack');
    expect(res.record.steps['s1.conf@primary']).toMatchObject({ outcome: 'rolledBack', rollback: { outcome: 'done' } });
    expect(res.record.steps['s3.skipped@primary']?.outcome).toBe('skipped');
    // The originals are back in place; the backup folder is kept, set aside, so a new run backs up afresh.
    const names = await readdir(path.join(w, 'backups'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^${project.id}\\.rolledback-`));
    await expect(rollback(recorder(harness().services), request(project, p, w))).rejects.toMatchObject({ code: 'install:errors.nothingToRollBack' });
  });

  it('restores also what a changed plan no longer names (backup manifest sweep)', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const a = path.join(w, 'a.conf');
    const b = path.join(w, 'b.conf');
    await writeFile(a, 'A0\n');
    const p1 = plan([
      step('a@primary', { apply: [{ kind: 'write', path: a, content: 'A1\n', mode: '0644' }] }),
      step('b@primary', { apply: [{ kind: 'write', path: b, content: 'B1\n', mode: '0644' }] }),
      step('stops@primary', { apply: [{ kind: 'run', command: 'exit 1' }] }),
    ]);
    expect((await run(recorder(harness().services), request(project, p1, w))).outcome).toBe('failed');
    // The plan changes (step b is gone); the rollback asks about that, then still removes b.conf.
    const p2 = plan([p1.steps[0]!, p1.steps[2]!]);
    const r = recorder(harness().services);
    const res = await rollback(r, request(project, p2, w));
    expect(res.outcome).toBe('completed');
    expect(r.of('commission.confirm').map((c) => c.request)).toContainEqual({ kind: 'planChanged', change: { added: [], removed: ['b@primary'], changed: [] } });
    expect(await text(a)).toBe('A0\n');
    expect(await text(b)).toBeUndefined();
  });

  it('is refused after the point of no return, saying when it was crossed', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const p = plan([step('prep@primary', { apply: [{ kind: 'run', command: 'true' }] }), step('cut@primary', { pointOfNoReturn: true, destructive: true, apply: [{ kind: 'run', command: 'true' }] })]);
    const res = await run(recorder(harness().services), request(project, p, w));
    await expect(rollback(recorder(harness().services), request(project, p, w))).rejects.toMatchObject({ code: 'install:errors.rollbackAfterPointOfNoReturn', params: { at: res.record.pointOfNoReturnAt } });
    const preview = await dryRun(recorder(harness().services), request(project, p, w), 'rollback');
    expect(preview.pointOfNoReturnAt).toBe(res.record.pointOfNoReturnAt);
  });

  it('declining the rollback confirmation changes nothing', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const f = path.join(w, 'f');
    const p = plan([step('f@primary', { apply: [{ kind: 'write', path: f, content: 'new', mode: '0644' }] })]);
    await run(recorder(harness().services), request(project, p, w));
    const r = recorder(harness().services);
    r.answer = () => false;
    const res = await rollback(r, request(project, p, w));
    expect(res.outcome).toBe('refused');
    expect(await text(f)).toBe('new');
    expect(res.record.state).toBe('completed');
  });
});

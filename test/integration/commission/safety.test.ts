/**
 * Cancel, pause, secrets and the dry run against real sshd "nodes".
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { secretRef } from '../../../shared/commission/types';
import { shQuote } from '../../../shared/shell/quote';
import { cancelRun, pauseRun } from '../../../main/commission/commissionRuns';
import { setCommissionSecret } from '../../../main/commission/commissionSecrets';
import { dryRun, plan, recorder, request, run, saveProjectFile, step, testProject, text, useHarness } from './harness';

const sh = promisify(execFile);
const harness = useHarness();
const q = shQuote;

async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('cancel and pause', () => {
  it('cancel stops the running command on the node now and records the step as cancelled', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const tag = `mhs-cancel-${path.basename(w)}-${Date.now()}`;
    const after = path.join(w, 'after');
    const p = plan([
      step('long@primary', { apply: [{ kind: 'run', command: `sh -c ${q(`sleep 60; : ${tag}`)}` }], expectedDurationS: 60 }),
      step('after@primary', { apply: [{ kind: 'run', command: `touch ${q(after)}` }] }),
    ]);
    const r = recorder(harness().services);
    const req = request(project, p, w);
    const running = run(r, req);
    await until(async () => (await sh('pgrep', ['-f', tag]).then(() => true, () => false)));
    const t0 = Date.now();
    expect(cancelRun(harness().services, req.runId)).toBe(true);
    const res = await running;
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(res.outcome).toBe('cancelled');
    expect(res.record.steps['long@primary']).toMatchObject({ outcome: 'cancelled', errorCode: 'install:errors.cancelled' });
    expect(res.record.state).toBe('cancelled');
    expect(await sh('pgrep', ['-f', tag]).then(() => 'still running', () => 'gone')).toBe('gone');
    expect(await text(after)).toBeUndefined();
  });

  it('pause holds the run between steps until it is continued', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const second = path.join(w, 'second');
    const p = plan([step('one@primary', { apply: [{ kind: 'run', command: 'sleep 0.5' }] }), step('two@primary', { apply: [{ kind: 'run', command: `touch ${q(second)}` }] })]);
    const r = recorder(harness().services);
    const req = request(project, p, w);
    r.onEvent = (name, payload) => {
      if (name === 'commission.step' && (payload as { state: string }).state === 'applying') pauseRun(harness().services, req.runId, true);
    };
    const running = run(r, req);
    await until(() => r.of('commission.paused').some((e) => e.paused));
    await new Promise((res) => setTimeout(res, 500));
    expect(await text(second)).toBeUndefined();
    expect(r.of('commission.record').at(-1)?.record.state).toBe('paused');
    r.onEvent = undefined;
    pauseRun(harness().services, req.runId, false);
    expect((await running).outcome).toBe('completed');
    expect(await text(second)).toBe('');
  });
});

describe('secrets', () => {
  it('are filled in on the node only: never in the record, the project file, the audit log or any event', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const file = await saveProjectFile(w, project);
    const secret = `Geh€im-${Date.now()}-"quote'`;
    await setCommissionSecret(harness().services, project.id, 'haclusterPassword', secret, false);
    const conf = path.join(w, 'secret.conf');
    const copy = path.join(w, 'copy.conf');
    const p = plan([
      // The command prints what it got on stdin: the output the user sees must not show it.
      step('pw@primary', { apply: [{ kind: 'run', command: `cat; echo; cat > ${q(path.join(w, 'stdin.txt'))}`, stdin: `${secretRef('haclusterPassword')}\n` }], secrets: ['haclusterPassword'] }),
      step('conf@primary', { apply: [{ kind: 'write', path: conf, content: `password=${secretRef('haclusterPassword')}\n`, mode: '0600', secret: true }], verify: [{ command: `cat ${q(conf)}` }] }),
      step('copy@secondary', { node: 'secondary', apply: [{ kind: 'transfer', from: 'primary', fromPath: conf, toPath: copy, mode: '0600', secret: true }] }),
    ]);
    const r = recorder(harness().services);
    const preview = await dryRun(r, request(project, p, w, { path: file }));
    const confPreview = preview.steps[1]!.actions[0]!;
    expect(confPreview).toMatchObject({ kind: 'write', secret: true, file: { change: 'create', summary: { reason: 'secret', bytes: Buffer.byteLength(`password=${secret}\n`) } } });
    expect(JSON.stringify(preview)).not.toContain(secret);
    const res = await run(r, request(project, p, w, { path: file }));
    expect(res.outcome).toBe('completed');
    expect(await text(conf)).toBe(`password=${secret}\n`);
    expect(await text(copy)).toBe(`password=${secret}\n`);
    const b64 = Buffer.from(`password=${secret}\n`).toString('base64');
    const audit = await readFile(harness().services.auditLog(project.id).filePath, 'utf8');
    for (const [where, blob] of [
      ['events', JSON.stringify(r.events)],
      ['record', JSON.stringify(res.record)],
      ['project file', await readFile(file, 'utf8')],
      ['audit log', audit],
    ] as const) {
      expect(blob.includes(secret), where).toBe(false);
      expect(blob.includes(b64), where).toBe(false);
    }
    expect(JSON.stringify(r.of('commission.output'))).toContain('[REDACTED]');
    expect(audit).toContain('[file content not logged');
  });

  it('a plan that needs a secret nobody set stops before anything runs', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const p = plan([step('pw@primary', { apply: [{ kind: 'run', command: 'cat', stdin: secretRef('mariadbReplicaPassword') }] })]);
    await expect(run(recorder(harness().services), request(project, p, w))).rejects.toMatchObject({ code: 'install:errors.secretsMissing', params: { ids: 'mariadbReplicaPassword', envs: 'MHS_MARIADB_REPLICA_PASSWORD' } });
  });

  it('a secret on a command line is refused', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    await setCommissionSecret(harness().services, project.id, 'haclusterPassword', 'abcdefgh-123', false);
    const p = plan([step('bad@primary', { apply: [{ kind: 'run', command: `echo ${secretRef('haclusterPassword')}` }] })]);
    const res = await run(recorder(harness().services), request(project, p, w));
    expect(res.error?.code).toBe('install:errors.secretInCommand');
  });
});

describe('dry run', () => {
  it('shows every command and a unified diff per file against the node, changing nothing', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const conf = path.join(w, 'main.cf');
    await writeFile(conf, 'myhostname = legacy\nrelayhost =\n');
    const src = path.join(w, 'src.cf');
    await writeFile(src, 'from primary\n');
    const dst = path.join(w, 'dst.cf');
    const p = plan([
      step('edit@primary', { check: { command: `grep -q vip ${q(conf)}` }, apply: [{ kind: 'write', path: conf, content: 'myhostname = mail.vip\nrelayhost =\n', mode: '0644' }, { kind: 'run', command: 'systemctl reload postfix' }] }),
      step('edit-again@primary', { apply: [{ kind: 'write', path: conf, content: 'myhostname = mail.vip\nrelayhost =\ninet_interfaces = 10.77.0.10\n', mode: '0644' }] }),
      step('copy@secondary', { node: 'secondary', apply: [{ kind: 'transfer', from: 'primary', fromPath: src, toPath: dst, mode: '0644' }] }),
      step('bin@primary', { apply: [{ kind: 'write', path: path.join(w, 'bin.dat'), content: 'a\u0000b', mode: '0600' }] }),
      step('missing-src@secondary', { node: 'secondary', apply: [{ kind: 'transfer', from: 'primary', fromPath: path.join(w, 'nope'), toPath: dst, mode: '0644' }] }),
    ]);
    const r = recorder(harness().services);
    const d = await dryRun(r, request(project, p, w));
    const [edit, again, copy, bin, missing] = d.steps;
    expect(edit!.check).toEqual({ command: `grep -q vip ${q(conf)}`, done: false });
    const diff = (edit!.actions[0] as { file: { diff: string } }).file.diff;
    expect(diff).toContain('-myhostname = legacy');
    expect(diff).toContain('+myhostname = mail.vip');
    expect(edit!.actions[1]).toEqual({ kind: 'run', command: 'systemctl reload postfix' });
    // The second write is shown against the first one, not against the disk.
    const diff2 = (again!.actions[0] as { file: { diff: string } }).file.diff;
    expect(diff2).not.toContain('legacy');
    expect(diff2).toContain('+inet_interfaces = 10.77.0.10');
    expect(copy!.actions[0]).toMatchObject({ kind: 'transfer', file: { change: 'create' } });
    expect((copy!.actions[0] as { file: { diff: string } }).file.diff).toContain('+from primary');
    expect(bin!.actions[0]).toMatchObject({ file: { change: 'create', summary: { reason: 'binary', bytes: 3 } } });
    // A source that is not there yet (an earlier step would make it) is said so, not an error.
    expect(missing!.actions[0]).toMatchObject({ file: { summary: { reason: 'sourceNotYet' } } });
    expect(await text(conf)).toBe('myhostname = legacy\nrelayhost =\n');
    expect(await text(dst)).toBeUndefined();
    // One read command (and one check command) per node, all nodes at once: progress counts nodes.
    expect(r.of('commission.progress').at(-1)).toMatchObject({ stepIndex: 2, stepCount: 2, fraction: 1 });
    const reads = (await readFile(harness().services.auditLog(project.id).filePath, 'utf8')).split('\n').filter((l) => l.includes('mhs-file-read'));
    expect(reads).toHaveLength(2);
  });

  it('a transfer larger than 8 MiB is refused, in the dry run and in the run, naming the file', async () => {
    const w = await harness().work();
    const project = await testProject(harness());
    const big = path.join(w, 'big.bin');
    await writeFile(big, Buffer.alloc(9 * 1024 * 1024, 7));
    const p = plan([step('big@secondary', { node: 'secondary', apply: [{ kind: 'transfer', from: 'primary', fromPath: big, toPath: path.join(w, 'copy.bin'), mode: '0644' }] })]);
    const d = await dryRun(recorder(harness().services), request(project, p, w));
    expect(d.steps[0]!.actions[0]).toMatchObject({ error: { code: 'install:errors.transferTooLarge', params: { node: 'primary', path: big, mb: 9 } } });
    const res = await run(recorder(harness().services), request(project, p, w));
    expect(res.error).toMatchObject({ code: 'install:errors.transferTooLarge' });
    expect(await text(path.join(w, 'copy.bin'))).toBeUndefined();
  });
});

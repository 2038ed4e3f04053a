import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FailoverRunSchema } from '../../../shared/failover/schema';
import { newProject } from '../../../shared/project/schema';
import { runStoreOf } from '../../failover/runStore';
import { readProjectFile } from '../../project/projectFiles';
import { createNodeServices } from '../../nodeServices';
import { createDispatcher } from '../dispatch';

const ID = '11111111-2222-4333-8444-555555555555';
const RUN = '00000000-0000-4000-8000-000000000001';

function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-ms-'));
  const services = createNodeServices({ userDataDir: dir, transport: 'bridge', osLocale: 'de-DE' });
  return { dir, services, dispatch: createDispatcher({ services, emit: () => undefined }) };
}

describe('main-owned project sections', () => {
  it('an autosave with an older copy of a failover run keeps main\'s newer one, in the file, on open and in recovery', async () => {
    const { dir, services, dispatch } = setup();
    const project = newProject(ID, new Date('2026-12-01T10:00:00Z'));
    const running = FailoverRunSchema.parse({ id: RUN, kind: 'acceptance', startedAt: 1, status: 'running' });
    // main saved the run twice (revision 2) while the renderer still holds revision 1 of it
    await runStoreOf(services).save(ID, undefined, running);
    const { run: newest } = await runStoreOf(services).save(ID, undefined, { ...running, revision: 1, label: 'main' });
    expect(newest.revision).toBe(2);
    const stale = { ...project, failover: { ...project.failover, runs: [{ ...running, revision: 1, label: 'renderer' }] } };

    const file = path.join(dir, 'p.mhs.json');
    expect(await dispatch('project.autosave', { path: file, project: stale })).toMatchObject({ ok: true });
    expect((await readProjectFile(file)).project.failover.runs).toEqual([expect.objectContaining({ id: RUN, revision: 2, label: 'main' })]);

    const opened = await dispatch('project.open', { path: file });
    expect(opened).toMatchObject({ ok: true, value: { project: { failover: { runs: [{ revision: 2, label: 'main' }] } } } });

    expect(await dispatch('project.autosave', { project: stale })).toMatchObject({ ok: true, value: { target: 'recovery' } });
    const recovered = await dispatch('project.recover', { id: ID });
    expect(recovered).toMatchObject({ ok: true, value: { project: { failover: { runs: [{ revision: 2, label: 'main' }] } } } });
  });

  it('an autosave after main finished a run (mirror gone) keeps the finished run, and a drill only the file has', async () => {
    const { dir, services, dispatch } = setup();
    const project = newProject(ID, new Date('2026-12-01T10:00:00Z'));
    const file = path.join(dir, 'f.mhs.json');
    expect(await dispatch('project.save', { path: file, project })).toMatchObject({ ok: true });
    const running = FailoverRunSchema.parse({ id: RUN, kind: 'acceptance', startedAt: 1, status: 'running' });
    const { run: first } = await runStoreOf(services).save(ID, file, running);
    await runStoreOf(services).save(ID, file, { ...first, status: 'done' });
    expect(await runStoreOf(services).mirrored(ID)).toEqual([]);
    const drill = FailoverRunSchema.parse({ id: '00000000-0000-4000-8000-000000000002', kind: 'drill', startedAt: 2, status: 'done', revision: 1 });
    const onDisk = (await readProjectFile(file)).project;
    await dispatch('project.save', { path: file, project: { ...onDisk, failover: { ...onDisk.failover, runs: [...onDisk.failover.runs, drill] } } });

    const stale = { ...project, meta: { ...project.meta, title: 'later edit' }, failover: { ...project.failover, runs: [first] } };
    expect(await dispatch('project.autosave', { path: file, project: stale })).toMatchObject({ ok: true });
    const read = (await readProjectFile(file)).project;
    expect(read.meta.title).toBe('later edit');
    expect(read.failover.runs).toEqual([
      expect.objectContaining({ id: RUN, status: 'done', revision: 2 }),
      expect.objectContaining({ id: drill.id, kind: 'drill' }),
    ]);
  });

  it('a project without mirrored runs or record is written as the renderer sent it', async () => {
    const { dir, dispatch } = setup();
    const project = newProject(ID, new Date('2026-12-01T10:00:00Z'));
    const file = path.join(dir, 'q.mhs.json');
    expect(await dispatch('project.save', { path: file, project })).toMatchObject({ ok: true });
    const read = (await readProjectFile(file)).project;
    expect({ ...read, updatedAt: project.updatedAt }).toEqual(project);
  });
});

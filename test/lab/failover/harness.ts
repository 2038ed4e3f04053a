/**
 * The app's failover handlers against the running lab, as the CLI and the UI call them (dispatcher,
 * real services, the project file on disk): used by the lab tests and `npm run bench -- failover`.
 * Known host keys come from the lab's own known_hosts; the test mailbox's and the admin's sudo password from
 * status.json.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FailoverPreview } from '../../../shared/contract/methods/failover';
import type { CaseId } from '../../../shared/failover/cases';
import type { FailoverRun } from '../../../shared/failover/schema';
import { parseProjectText, serializeProject } from '../../../shared/project/parse';
import type { Project } from '../../../shared/project/schema';
import { createDispatcher, type Dispatch } from '../../../main/handlers/dispatch';
import { createNodeServices } from '../../../main/nodeServices';
import { writeFileSync } from 'node:fs';
import type { LabStatus } from '../lib/statusSchema.js';
import { failoverLabProject } from './labProject';

export interface Harness {
  st: LabStatus;
  dir: string;
  file: string;
  dispatch: Dispatch;
  events: { event: string; payload: unknown }[];
  project(): Project;
  preview(cases?: CaseId[]): Promise<FailoverPreview>;
  run(cases: CaseId[], opts?: { kind?: 'acceptance' | 'drill'; label?: string; onEvent?: (event: string, payload: unknown) => void }): Promise<FailoverRun>;
}

export async function failoverHarness(st: LabStatus, change?: (p: Project) => void): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-failover-lab-'));
  const userData = path.join(dir, 'userdata');
  mkdirSync(userData, { recursive: true });
  copyFileSync(st.credentials.knownHosts, path.join(userData, 'known_hosts'));
  const events: Harness['events'] = [];
  let listener: ((event: string, payload: unknown) => void) | undefined;
  const services = createNodeServices({ userDataDir: userData, transport: 'bridge' });
  const dispatch = createDispatcher({
    services,
    emit: (event, payload) => {
      if (event !== 'failover.live') events.push({ event, payload });
      listener?.(event, payload);
    },
  });
  const file = path.join(dir, 'lab.mhs.json');
  const p = failoverLabProject(st, change);
  writeFileSync(file, serializeProject(p));
  const ok = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  await ok('failover.setSecret', { projectId: p.id, kind: 'mailbox', value: st.credentials.mailbox.password, remember: false });
  for (const role of ['primary', 'secondary', 'witness'] as const) await ok('secrets.set', { projectId: p.id, role, kind: 'sudo', value: st.credentials.admin.password, remember: false });
  const project = () => parseProjectText(readFileSync(file, 'utf8')).project;
  return {
    st,
    dir,
    file,
    dispatch,
    events,
    project,
    preview: (cases) => ok<FailoverPreview>('failover.preview', { runId: randomUUID(), projectId: p.id, project: project(), interactive: false, ...(cases ? { cases } : {}) }),
    async run(cases, opts = {}) {
      listener = opts.onEvent;
      try {
        const r = await ok<{ run: FailoverRun }>('failover.run', {
          runId: randomUUID(), projectId: p.id, project: project(), path: file, kind: opts.kind ?? 'acceptance', cases, confirmed: true, interactive: false,
          ...(opts.label ? { label: opts.label } : {}),
        });
        return r.run;
      } finally {
        listener = undefined;
      }
    },
  };
}

/**
 * Runs one plan in a separate process, so a test can kill it (SIGKILL) in the middle of a step and resume
 * in another process, as after an app crash. Input: a JSON file named on the command line; the SSH password
 * comes from MHS_TEST_SSH_PASSWORD (never in the file).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Plan } from '../../../shared/commission/types';
import type { Project } from '../../../shared/project/schema';
import { answerConfirm, runCommission } from '../../../main/commission/commissionRuns';
import { createNodeServices } from '../../../main/nodeServices';

interface ChildInput {
  userDataDir: string;
  project: Project;
  plan: Plan;
  path?: string;
  backupRoot: string;
  resume: boolean;
}

const input = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as ChildInput;
const services = createNodeServices({ userDataDir: input.userDataDir, transport: 'bridge' });
for (const role of ['primary', 'secondary'] as const) await services.sessionSecrets.set(`ssh/${input.project.id}/${role}/password`, process.env.MHS_TEST_SSH_PASSWORD ?? '');
const res = await runCommission(
  {
    services,
    emit(name, payload) {
      if (name === 'commission.confirm') {
        const c = payload as { runId: string; confirmId: string };
        setImmediate(() => answerConfirm(services, c.runId, c.confirmId, true));
      }
      if (name === 'commission.step') process.stdout.write(`${JSON.stringify(payload)}\n`);
    },
  },
  { runId: randomUUID(), projectId: input.project.id, project: input.project, plan: input.plan, ...(input.path ? { path: input.path } : {}), backupRoot: input.backupRoot, resume: input.resume, probeIntervalMs: 100 },
  'run',
);
process.stdout.write(`RESULT ${res.outcome}\n`);
process.exit(0);

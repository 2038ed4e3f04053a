import { acceptanceRun } from '../../../shared/failover/runs';
import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';

const passed = (v: string) => v === 'pass' || v === 'notApplicable';

/**
 * Done when the acceptance run finished and every case passed (or could not run on this cluster and said
 * why); attention when the newest finished run has a failed or aborted case; in progress once test settings
 * or runs exist.
 */
export function failoverStepStatus(project: Project): StepStatus {
  const f = project.failover;
  const finished = f.runs.filter((r) => r.status !== 'running' && r.cases.length);
  const newest = [...finished].sort((a, b) => b.startedAt - a.startedAt)[0];
  if (newest && newest.cases.some((c) => !passed(c.verdict.value))) return 'attention';
  const acc = acceptanceRun(f.runs, f.acceptanceRunId);
  if (acc && acc.status === 'done' && acc.cases.length && acc.cases.every((c) => passed(c.verdict.value)) && acc.cases.some((c) => c.verdict.value === 'pass')) return 'done';
  const touched = f.runs.length > 0 || f.settings.mailbox.user !== undefined || f.settings.endpoint.host !== undefined || f.settings.selectedCases.length > 0;
  return touched ? 'inProgress' : 'notStarted';
}

import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';

/** Done once the report and the handbook were exported; started as soon as any document was or text was added. */
export function docsStepStatus(p: Project): StepStatus {
  const d = p.documents;
  if (d.lastExports.report && d.lastExports.handbook) return 'done';
  const started = Object.keys(d.lastExports).length > 0 || Object.values(d.additions).some((a) => a.text.trim());
  return started ? 'inProgress' : 'notStarted';
}

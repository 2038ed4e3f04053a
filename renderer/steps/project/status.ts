import { ProjectMetaSchema } from '../../../shared/project/meta';
import type { Project } from '../../../shared/project/schema';
import type { StepStatus } from '../../../shared/project/steps';

export const requiredMetaFields = ['customer', 'title', 'engineer', 'startDate', 'endDate'] as const;

/** Field -> i18n key of its first validation problem. */
export function metaErrors(meta: Project['meta']): Record<string, string> {
  const r = ProjectMetaSchema.safeParse(meta);
  const out: Record<string, string> = {};
  if (!r.success) {
    for (const issue of r.error.issues) {
      const field = issue.path.join('.');
      out[field] ??= issue.message.includes(':') ? issue.message : 'project:validation.invalid';
    }
  }
  for (const f of requiredMetaFields) if (!String(meta[f]).trim()) out[f] ??= 'project:validation.required';
  return out;
}

/** The Projekt step is done when the facts a report's cover page needs are there and valid. */
export function projectStepStatus(project: Project): StepStatus {
  const errors = metaErrors(project.meta);
  const anyFilled = requiredMetaFields.some((f) => String(project.meta[f]).trim()) || project.meta.descriptionIst.trim() !== '';
  const invalid = Object.values(errors).some((k) => k !== 'project:validation.required');
  if (invalid) return 'attention';
  if (Object.keys(errors).length === 0) return 'done';
  return anyFilled ? 'inProgress' : 'notStarted';
}

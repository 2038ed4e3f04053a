import type { ProjectPlan } from '../planning/planProject';
import type { Translate } from '../planning/reportText';
import type { Project } from '../project/schema';
import type { ProposalSnapshot } from './schema';

/**
 * The proposal as it is exported "as approved": what the report's deviation chapter later compares with.
 * Task titles are stored as printed, in the language of the approved document.
 */
export function proposalSnapshot(project: Project, plan: ProjectPlan, t: Translate, lang: 'de' | 'en', now: Date): ProposalSnapshot {
  const rows = plan.timePlan.ok ? plan.timePlan.value.rows : [];
  const m = project.meta;
  return {
    approvedAt: now.toISOString(),
    lang,
    title: m.title,
    startDate: m.startDate,
    endDate: m.endDate,
    ...(m.processModel ? { processModel: m.processModel } : {}),
    tasks: rows.map((r) => ({ id: r.id, phase: r.phase, title: 'text' in r.title ? r.title.text : t(r.title.key, r.title.params), plannedHours: r.plannedHours })),
    requirements: m.requirements.filter((r) => r.text.trim()).map((r) => ({ id: r.id, text: r.text.trim() })),
  };
}

import { z } from 'zod';

export const phases = ['analyse', 'konzeption', 'realisierung', 'validierung', 'dokumentation'] as const;
export type Phase = (typeof phases)[number];

export const TaskSchema = z.object({
  id: z.string().min(1).max(100),
  phase: z.enum(phases),
  /** Template tasks carry an i18n key; user tasks a free title. */
  titleKey: z.string().max(200).optional(),
  title: z.string().max(300).optional(),
  plannedHours: z.number().min(0).max(1000),
  actualHours: z.number().min(0).max(1000).nullable().default(null),
});
export type Task = z.infer<typeof TaskSchema>;

// A typical IHK proposal for this project: 40 h, realisation the largest part, documentation about a fifth.
const template: [Phase, string, number][] = [
  ['analyse', 'istAnalysis', 2],
  ['analyse', 'requirements', 1],
  ['analyse', 'riskAnalysis', 1],
  ['konzeption', 'alternatives', 2],
  ['konzeption', 'sizing', 1.5],
  ['konzeption', 'quorumFencing', 1.5],
  ['konzeption', 'costPlan', 1],
  ['realisierung', 'prepareSecondary', 3],
  ['realisierung', 'drbdSetup', 3],
  ['realisierung', 'clusterSetup', 3],
  ['realisierung', 'resources', 4],
  ['realisierung', 'dataMigration', 2],
  ['realisierung', 'hardening', 1],
  ['validierung', 'failoverTests', 4],
  ['validierung', 'fixes', 1],
  ['validierung', 'acceptance', 1],
  ['dokumentation', 'projectReport', 5],
  ['dokumentation', 'adminHandbook', 2],
  ['dokumentation', 'handover', 1],
];

export function defaultTasks(): Task[] {
  return template.map(([phase, id, plannedHours]) => ({
    id,
    phase,
    titleKey: `planning:timePlan.tasks.${id}`,
    plannedHours,
    actualHours: null,
  }));
}

export const TimePlanSchema = z.object({
  tasks: z.array(TaskSchema).max(200).default(defaultTasks),
  /** YYYY-MM-DD or empty (then the Gantt has hour offsets only). */
  startDate: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'planning:errors.date' }).default(''),
  hoursPerDay: z.number().positive().max(24).default(8),
  /**
   * Which hour limit applies: FISI final projects under the 2020 examination rules have 40 hours, under the
   * 1997 rules 35; 'custom' uses limitHours (a chamber with its own rule). Absent in older files: limitHours
   * decides (40 reads as the 2020 rule).
   */
  limitRule: z.enum(['ihk2020', 'ihk1997', 'custom']).optional(),
  limitHours: z.number().positive().max(1000).default(40),
});
export type TimePlanInput = z.infer<typeof TimePlanSchema>;

export type LimitRule = 'ihk2020' | 'ihk1997' | 'custom';
export const ruleHours: Record<Exclude<LimitRule, 'custom'>, number> = { ihk2020: 40, ihk1997: 35 };

/** The hour limit the plan is checked against, and the rule it comes from. */
export function hourLimit(tp: Pick<TimePlanInput, 'limitRule' | 'limitHours'>): { hours: number; rule: LimitRule } {
  const rule: LimitRule = tp.limitRule ?? (tp.limitHours === 40 ? 'ihk2020' : tp.limitHours === 35 ? 'ihk1997' : 'custom');
  return { hours: rule === 'custom' ? tp.limitHours : ruleHours[rule], rule };
}

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
  limitHours: z.number().positive().default(40),
});
export type TimePlanInput = z.infer<typeof TimePlanSchema>;

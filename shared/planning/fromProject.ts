import { AppError } from '../errors';
import type { PrimaryFacts } from './hardwareSchema';
import { primaryFromFacts } from './factsToPrimary';
import { PlanningSchema, type Planning } from './schema';
import { reason, type Reason } from './trace';

export interface PlanningInputs {
  planning: Planning;
  primary: PrimaryFacts | null;
  primarySource: 'planning' | 'facts' | null;
  hourlyRateEur: number;
  overheadPct: number;
  notes: Reason[];
}

const DEFAULT_RATE = 35;
const DEFAULT_OVERHEAD = 20;

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The one place that knows where planning data sits in a project file. The project schema is still being
 * written, so this reads defensively: `planning` (parsed with PlanningSchema, defaults when absent),
 * primary hardware from `planning.sizing.primary` (hand entry) or else the Ist-Analyse `facts`, rates and
 * start date from `meta`.
 */
export function planningInputsFromProject(projectJson: unknown): PlanningInputs {
  const root = obj(projectJson);
  if (!root) throw new AppError('planning:errors.projectNotObject');
  const parsed = PlanningSchema.safeParse(root.planning ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError('planning:errors.invalidPlanning', { path: first ? first.path.join('.') : '' }, parsed.error.message);
  }
  const planning = parsed.data;
  const notes: Reason[] = [];

  let primary: PrimaryFacts | null = planning.sizing.primary ?? null;
  let primarySource: PlanningInputs['primarySource'] = primary ? 'planning' : null;
  if (!primary && root.facts !== undefined) {
    const f = primaryFromFacts(root.facts);
    if (f.primary) {
      primary = f.primary;
      primarySource = 'facts';
      if (f.guessed.length) notes.push(reason('planning:notes.factsGuessed', { fields: f.guessed.join(', ') }));
    } else {
      notes.push(reason('planning:notes.factsIncomplete', { fields: f.missing.join(', ') }));
    }
  }
  if (!primary) notes.push(reason('planning:notes.noPrimary'));

  const rates = obj(obj(root.meta)?.rates);
  const hourlyRateEur = planning.costs.hourlyRateEur ?? num(rates?.apprentice) ?? DEFAULT_RATE;
  const overheadPct = planning.costs.overheadPct ?? num(rates?.overheadPercent) ?? DEFAULT_OVERHEAD;
  const metaStart = obj(root.meta)?.startDate;
  if (!planning.timePlan.startDate && typeof metaStart === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(metaStart)) {
    planning.timePlan.startDate = metaStart;
  }
  return { planning, primary, primarySource, hourlyRateEur, overheadPct, notes };
}

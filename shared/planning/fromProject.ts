import { AppError } from '../errors';
import { RatesSchema } from '../project/meta';
import type { PrimaryFacts } from './hardwareSchema';
import { primaryFromFacts } from './factsToPrimary';
import { PlanningSchema, type Planning } from './schema';
import { reason, type Reason } from './trace';

/** Where a rate came from: set in Kosten & Zeitplan, or the project's rates (Projekt step, with its defaults). */
export interface RateInput {
  value: number;
  source: 'planning' | 'project';
}

export interface PlanningInputs {
  planning: Planning;
  primary: PrimaryFacts | null;
  primarySource: 'planning' | 'facts' | null;
  hourlyRate: RateInput;
  overhead: RateInput;
  /** The time plan's start: its own date, else the project's start date, else empty. */
  startDate: string;
  notes: Reason[];
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * The one place that knows where planning data sits in a project file. Reads defensively (the CLI gets files
 * from anywhere): `planning` parsed with PlanningSchema (defaults when absent), primary hardware from
 * `planning.sizing.primary` (hand entry) or else the Ist-Analyse `facts`, rates and start date from `meta`
 * with the project schema's own defaults, so the CLI, the UI and the documents fall back to the same numbers.
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

  const meta = obj(root.meta);
  const ratesParsed = RatesSchema.safeParse(meta?.rates ?? {});
  const rates = ratesParsed.success ? ratesParsed.data : RatesSchema.parse({});
  const hourlyRate: RateInput =
    planning.costs.hourlyRateEur !== undefined ? { value: planning.costs.hourlyRateEur, source: 'planning' } : { value: rates.apprentice, source: 'project' };
  const overhead: RateInput =
    planning.costs.overheadPct !== undefined ? { value: planning.costs.overheadPct, source: 'planning' } : { value: rates.overheadPercent, source: 'project' };
  const metaStart = meta?.startDate;
  const startDate = planning.timePlan.startDate || (typeof metaStart === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(metaStart) ? metaStart : '');
  return { planning, primary, primarySource, hourlyRate, overhead, startDate, notes };
}

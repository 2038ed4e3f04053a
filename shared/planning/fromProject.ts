import { AppError } from '../errors';
import { RatesSchema } from '../project/meta';
import type { PrimaryFacts } from './hardwareSchema';
import { resolvePrimary, valuesFromPrimary, type PrimaryValues, type ResolvedPrimary } from './primaryFields';
import { PlanningSchema, type Planning } from './schema';
import { reason, type Reason } from './trace';

/** Where a rate came from: set in Kosten & Zeitplan, or the project's rates (Projekt step, with its defaults). */
export interface RateInput {
  value: number;
  source: 'planning' | 'project';
}

export interface PlanningInputs {
  planning: Planning;
  /** The existing server field by field: value, where it came from, what is missing. */
  primaryFields: ResolvedPrimary;
  primary: PrimaryFacts | null;
  /** 'facts' when the Ist-Analyse supplied any of it, 'planning' when every value was entered in Sizing. */
  primarySource: 'planning' | 'facts' | null;
  hourlyRate: RateInput;
  overhead: RateInput;
  /** The time plan's start: its own date, else the project's start date, else empty. */
  startDate: string;
  notes: Reason[];
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The corrections made in Sizing; an older file's complete hand entry counts as a correction of every field. */
export function sizingOverrides(planning: Planning): PrimaryValues {
  return planning.sizing.overrides ?? (planning.sizing.primary ? valuesFromPrimary(planning.sizing.primary) : {});
}

/**
 * The one place that knows where planning data sits in a project file. Reads defensively (the CLI gets files
 * from anywhere): `planning` parsed with PlanningSchema (defaults when absent), the primary from the
 * Ist-Analyse `facts` with the corrections of planning.sizing.overrides, rates and start date from `meta`
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

  const fields = resolvePrimary(root.facts, sizingOverrides(planning));
  const fromFacts = Object.values(fields.fields).some((f) => f.source === 'facts' || f.source === 'guessed');
  const anything = Object.values(fields.fields).some((f) => f.value !== undefined);
  if (!anything) notes.push(reason('planning:notes.noPrimary'));
  else if (fields.missing.length) notes.push(reason('planning:notes.primaryIncomplete', { count: fields.missing.length }));
  if (fields.guessed.length) notes.push(reason('planning:notes.primaryGuessed', { count: fields.guessed.length }));
  if (fields.overridden.length && fromFacts) notes.push(reason('planning:notes.primaryOverridden', { count: fields.overridden.length }));

  const meta = obj(root.meta);
  const ratesParsed = RatesSchema.safeParse(meta?.rates ?? {});
  const rates = ratesParsed.success ? ratesParsed.data : RatesSchema.parse({});
  const hourlyRate: RateInput =
    planning.costs.hourlyRateEur !== undefined ? { value: planning.costs.hourlyRateEur, source: 'planning' } : { value: rates.apprentice, source: 'project' };
  const overhead: RateInput =
    planning.costs.overheadPct !== undefined ? { value: planning.costs.overheadPct, source: 'planning' } : { value: rates.overheadPercent, source: 'project' };
  const metaStart = meta?.startDate;
  const startDate = planning.timePlan.startDate || (typeof metaStart === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(metaStart) ? metaStart : '');
  return {
    planning,
    primaryFields: fields,
    primary: fields.primary,
    primarySource: fields.primary ? (fromFacts ? 'facts' : 'planning') : null,
    hourlyRate,
    overhead,
    startDate,
    notes,
  };
}

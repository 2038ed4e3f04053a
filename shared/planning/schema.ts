import { z } from 'zod';
import { GrowthSchema, HardwareSpecSchema, PrimaryFactsSchema, SizingAssumptionsSchema } from './hardwareSchema';
import { criteria, decisionIds, defaultWeights } from './matrixDefaults';
import { QuorumFencingChoiceSchema } from './quorumSchema';
import { CostsInputSchema } from './costsSchema';
import { TimePlanSchema } from './timePlanSchema';
import { PrimaryValuesSchema } from './primaryFields';

const weight = (c: keyof typeof defaultWeights) => z.number().min(0).max(100).default(defaultWeights[c]);
const criterionEnum = z.enum(criteria);
const decisionEnum = z.enum(decisionIds as [string, ...string[]]);

/**
 * Weights are stored even when they do not sum to 100 % (the user may be in the middle of editing);
 * rankAlternatives rejects them with planning:errors.weightsSum.
 */
export const MatrixSchema = z.object({
  weights: z.object(Object.fromEntries(criteria.map((c) => [c, weight(c)])) as Record<(typeof criteria)[number], ReturnType<typeof weight>>).prefault({}),
  /** decision -> option -> criterion -> score 1-10; only edited cells. */
  scores: z.partialRecord(decisionEnum, z.record(z.string(), z.partialRecord(criterionEnum, z.number().int().min(1).max(10)))).default({}),
  /** decision -> option -> criterion -> rationale text; only edited cells. */
  rationales: z.partialRecord(decisionEnum, z.record(z.string(), z.partialRecord(criterionEnum, z.string().max(1000)))).default({}),
  chosen: z.partialRecord(decisionEnum, z.string()).default({}),
});

export const SizingSettingsSchema = z.object({
  /**
   * Values of the existing server corrected (or added) in Sizing, field by field; every other field comes
   * from the Ist-Analyse facts (shared/planning/primaryFields.ts).
   */
  overrides: PrimaryValuesSchema.optional(),
  /** Older files: a complete hand entry of the primary; read as overrides of every field. */
  primary: PrimaryFactsSchema.optional(),
  assumptions: SizingAssumptionsSchema.prefault({}),
  /** A concrete server considered as secondary. */
  candidate: HardwareSpecSchema.optional(),
});

/** Everything the planning step stores in the project file under `planning`. */
export const PlanningSchema = z.object({
  growth: GrowthSchema.prefault({}),
  sizing: SizingSettingsSchema.prefault({}),
  matrix: MatrixSchema.prefault({}),
  quorumFencing: QuorumFencingChoiceSchema.prefault({}),
  costs: CostsInputSchema.prefault({}),
  timePlan: TimePlanSchema.prefault({}),
});
export type Planning = z.infer<typeof PlanningSchema>;

export function defaultPlanning(): Planning {
  return PlanningSchema.parse({});
}

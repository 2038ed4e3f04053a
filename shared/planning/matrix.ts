import { AppError } from '../errors';
import {
  criteria, decisionIds, decisions, defaultScores, optionWarnings,
  type CriterionId, type DecisionId, type OptionId,
} from './matrixDefaults';
import { figure, reason, round, type Figure, type Reason } from './trace';

type PerOption<T> = Partial<Record<string, Partial<Record<CriterionId, T>>>>;

export interface MatrixInput {
  weights: Record<CriterionId, number>;
  /** Edited scores; missing cells use the defaults. */
  scores?: Partial<Record<DecisionId, PerOption<number>>>;
  /** Edited rationales; missing cells use the default text from the locale files. */
  rationales?: Partial<Record<DecisionId, PerOption<string>>>;
  chosen?: Partial<Record<DecisionId, string>>;
}

export interface MatrixCell {
  criterion: CriterionId;
  weight: number;
  score: number;
  /** weight * score / 100: the part of the weighted sum, for a stacked bar. */
  contribution: number;
  rationale: { text: string } | Reason;
  edited: boolean;
}

export interface RankedOption {
  option: OptionId;
  rank: number;
  weightedSum: Figure;
  cells: MatrixCell[];
  warnings: Reason[];
}

export interface RankedDecision {
  decision: DecisionId;
  options: RankedOption[];
  recommended: OptionId;
  chosen: OptionId;
  reason: Reason;
}

export function validateWeights(weights: Record<CriterionId, number>): void {
  for (const c of criteria) {
    const w = weights[c];
    if (!Number.isFinite(w) || w < 0 || w > 100) throw new AppError('planning:errors.weightRange', { criterion: c, weight: w });
  }
  const sum = criteria.reduce((acc, c) => acc + weights[c], 0);
  if (Math.abs(sum - 100) > 1e-6) throw new AppError('planning:errors.weightsSum', { sum: round(sum, 2) });
}

/** Nutzwertanalyse: weighted sum per option, sum(w_i * s_i) / 100 with weights in percent, ranked per decision. */
export function rankAlternatives(input: MatrixInput): RankedDecision[] {
  validateWeights(input.weights);
  return decisionIds.map((d) => rankDecision(d, input));
}

function rankDecision(d: DecisionId, input: MatrixInput): RankedDecision {
  const options = decisions[d] as readonly OptionId[];
  const defaults = defaultScores[d] as Record<string, Record<CriterionId, number>>;
  const unranked = options.map((option) => {
    const cells: MatrixCell[] = criteria.map((criterion) => {
      const edited = input.scores?.[d]?.[option]?.[criterion];
      const score = edited ?? defaults[option]![criterion];
      if (!Number.isInteger(score) || score < 1 || score > 10) {
        throw new AppError('planning:errors.scoreRange', { decision: d, option, criterion, score });
      }
      const text = input.rationales?.[d]?.[option]?.[criterion];
      const weight = input.weights[criterion];
      return {
        criterion,
        weight,
        score,
        contribution: (weight * score) / 100,
        rationale: text !== undefined && text.trim() !== '' ? { text } : reason(`planning:matrix.rationale.${d}.${option}.${criterion}`),
        edited: edited !== undefined || text !== undefined,
      };
    });
    const inputs: Record<string, number> = {};
    for (const c of cells) {
      inputs[`weight:${c.criterion}`] = c.weight;
      inputs[`score:${c.criterion}`] = c.score;
    }
    const sum = cells.reduce((acc, c) => acc + c.weight * c.score, 0) / 100;
    const w = optionWarnings[option];
    return { option, weightedSum: figure(sum, 'points', 'weightedSum', inputs), cells, warnings: w ? [reason(w)] : [] };
  });

  // Stable sort keeps the catalogue order among equal sums; equal sums share a rank (1, 1, 3).
  const sorted = [...unranked].sort((a, b) => b.weightedSum.value - a.weightedSum.value);
  const ranked: RankedOption[] = sorted.map((o) => ({
    ...o,
    rank: 1 + sorted.findIndex((x) => Math.abs(x.weightedSum.value - o.weightedSum.value) < 1e-9),
  }));

  const best = ranked[0]!;
  const chosenId = input.chosen?.[d];
  if (chosenId !== undefined && !options.includes(chosenId as OptionId)) {
    throw new AppError('planning:errors.unknownOption', { decision: d, option: chosenId });
  }
  const chosen = (chosenId ?? best.option) as OptionId;
  const chosenRow = ranked.find((o) => o.option === chosen)!;
  const why =
    chosenRow.rank === 1
      ? reason('planning:matrix.reasons.chosenIsBest', { option: chosen, sum: round(chosenRow.weightedSum.value, 2) })
      : reason('planning:matrix.reasons.chosenDiffers', {
          option: chosen,
          best: best.option,
          gap: round(best.weightedSum.value - chosenRow.weightedSum.value, 2),
        });
  return { decision: d, options: ranked, recommended: best.option, chosen, reason: why };
}

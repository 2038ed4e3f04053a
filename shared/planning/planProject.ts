import { toErrorValue, type ErrorValue } from '../errors';
import { sizeSecondaryNode, type SizingResult } from './sizing';
import { rankAlternatives, type RankedDecision } from './matrix';
import { validateQuorumFencing, type QfIssue } from './quorum';
import { failoverBudget, type FailoverBudget } from './failover';
import type { QuorumFencingChoice } from './quorumSchema';
import { estimateCosts, type CostEstimate } from './costs';
import { timePlan, type TimePlanResult } from './timePlan';
import type { PlanningInputs } from './fromProject';
import { reason, type Reason } from './trace';

/** A section either computed or failed with an error value; one bad input does not hide the other sections. */
export type Section<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export interface PlanReport {
  sizing: Section<SizingResult> | null;
  matrix: Section<RankedDecision[]>;
  quorumFencing: { choice: QuorumFencingChoice; issues: QfIssue[]; ok: boolean; unplanned: FailoverBudget; planned: FailoverBudget };
  costs: Section<CostEstimate>;
  timePlan: Section<TimePlanResult>;
  notes: Reason[];
}

function section<T>(f: () => T): Section<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: toErrorValue(e) };
  }
}

const nodeCountOf = { two: 2, twoPlusQdevice: 2, three: 3 } as const;

/** Runs every planning engine on the inputs of one project. */
export function buildPlanReport(inputs: PlanningInputs): PlanReport {
  const p = inputs.planning;
  const notes = [...inputs.notes];
  const sizing = inputs.primary
    ? section(() => sizeSecondaryNode({ primary: inputs.primary!, growth: p.growth, assumptions: p.sizing.assumptions, ...(p.sizing.candidate ? { candidate: p.sizing.candidate } : {}) }))
    : null;
  const matrix = section(() => rankAlternatives(p.matrix));
  const qf = validateQuorumFencing(p.quorumFencing);

  // The matrix choice and the quorum setup describe the same cluster; say so when they disagree.
  const chosenNodes = p.matrix.chosen.nodeCount as keyof typeof nodeCountOf | undefined;
  if (chosenNodes && chosenNodes in nodeCountOf) {
    const wantQdevice = chosenNodes === 'twoPlusQdevice';
    if (nodeCountOf[chosenNodes] !== p.quorumFencing.nodeCount || wantQdevice !== p.quorumFencing.qdevice) {
      notes.push(reason('planning:notes.nodeCountMismatch', { matrix: chosenNodes, nodes: p.quorumFencing.nodeCount }));
    }
  }

  const tp = section(() => timePlan(p.timePlan));
  const plannedHours = tp.ok ? tp.value.totals.planned.value : 0;
  const actualHours = tp.ok && tp.value.rows.some((r) => r.actualHours !== null) ? tp.value.totals.actual.value : undefined;
  const costs = section(() =>
    estimateCosts({
      costs: p.costs,
      ...(sizing?.ok ? { requirements: sizing.value.requirements, readSharePct: sizing.value.assumptions.readSharePct } : {}),
      plannedHours,
      ...(actualHours !== undefined ? { actualHours } : {}),
      hourlyRateEur: inputs.hourlyRateEur,
      overheadPct: inputs.overheadPct,
      horizonYears: p.growth.horizonYears,
    }),
  );
  return {
    sizing,
    matrix,
    quorumFencing: { choice: p.quorumFencing, ...qf, unplanned: failoverBudget(p.quorumFencing, 'unplanned'), planned: failoverBudget(p.quorumFencing, 'planned') },
    costs,
    timePlan: tp,
    notes,
  };
}

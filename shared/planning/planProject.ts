import { toErrorValue, type ErrorValue } from '../errors';
import { sizeSecondaryNode, type SizingResult } from './sizing';
import { rankAlternatives, type RankedDecision } from './matrix';
import { validateQuorumFencing, type QfIssue } from './quorum';
import { failoverBudget, type FailoverBudget } from './failover';
import type { QuorumFencingChoice } from './quorumSchema';
import { estimateCosts, type CostEstimate } from './costs';
import { timePlan, type TimePlanResult } from './timePlan';
import { planningInputsFromProject, type PlanningInputs } from './fromProject';
import { reason, type Reason } from './trace';

/** A section either computed or failed with an error value; one bad input does not hide the other sections. */
export type Section<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

/**
 * The whole plan of one project: what the Sizing, Architektur & Quorum and Kosten & Zeitplan steps show, what
 * the CLI `plan` prints and what the documents quote. Built only by planProject.
 */
export interface ProjectPlan {
  inputs: PlanningInputs;
  /** null while the primary server is not known. */
  sizing: Section<SizingResult> | null;
  matrix: Section<RankedDecision[]>;
  quorumFencing: { choice: QuorumFencingChoice; issues: QfIssue[]; ok: boolean; unplanned: FailoverBudget; planned: FailoverBudget };
  costs: Section<CostEstimate>;
  timePlan: Section<TimePlanResult>;
  /** Notes about the inputs (where the primary came from, what is missing, choices that disagree). */
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

/**
 * The one composition of the planning engines. Takes a project (parsed or raw JSON: the CLI reads files from
 * anywhere) and throws only when the file holds no project or invalid planning data (AppError codes
 * planning:errors.projectNotObject / invalidPlanning); everything else is reported per section.
 */
export function planProject(project: unknown): ProjectPlan {
  return composePlan(planningInputsFromProject(project));
}

function composePlan(inputs: PlanningInputs): ProjectPlan {
  const p = inputs.planning;
  const notes = [...inputs.notes];
  const sizing = inputs.primary
    ? section(() =>
        sizeSecondaryNode({
          primary: inputs.primary!,
          growth: p.growth,
          assumptions: p.sizing.assumptions,
          ...(p.sizing.candidate ? { candidate: p.sizing.candidate } : {}),
          ...(inputs.primaryFields.dataDevice ? { dataDevice: inputs.primaryFields.dataDevice } : {}),
          // Year 0 of the forecast is the project's start, so "year 4" can be named as a calendar year.
          ...(inputs.startDate ? { startYear: Number(inputs.startDate.slice(0, 4)) } : {}),
        }),
      )
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

  const tp = section(() => timePlan({ ...p.timePlan, startDate: inputs.startDate }));
  const plannedHours = tp.ok ? tp.value.totals.planned.value : 0;
  // Labour at the hours actually worked, once any are entered (Soll-Ist of the costs).
  const actualHours = tp.ok && tp.value.rows.some((r) => r.actualHours !== null) ? tp.value.totals.actual.value : undefined;
  const costs = section(() =>
    estimateCosts({
      costs: p.costs,
      ...(sizing?.ok ? { requirements: sizing.value.requirements } : {}),
      plannedHours,
      ...(actualHours !== undefined ? { actualHours } : {}),
      hourlyRateEur: inputs.hourlyRate.value,
      overheadPct: inputs.overhead.value,
      horizonYears: p.growth.horizonYears,
    }),
  );
  return {
    inputs,
    sizing,
    matrix,
    quorumFencing: { choice: p.quorumFencing, ...qf, unplanned: failoverBudget(p.quorumFencing, 'unplanned'), planned: failoverBudget(p.quorumFencing, 'planned') },
    costs,
    timePlan: tp,
    notes,
  };
}

import { hourLimit, phases, type LimitRule, type Phase, type Task, type TimePlanInput } from './timePlanSchema';
import { figure, reason, round, type Figure, type Reason } from './trace';

export interface SollIstRow {
  id: string;
  phase: Phase;
  title: { text: string } | Reason;
  plannedHours: number;
  actualHours: number | null;
  deltaHours: number | null;
  deltaPct: number | null;
}

export interface GanttBar {
  id: string;
  phase: Phase;
  /** Working-hour offsets from the project start. */
  startHour: number;
  endHour: number;
  /** ISO dates (Mon-Fri working days); null without a start date. */
  startDate: string | null;
  endDate: string | null;
  actualStartHour: number;
  actualEndHour: number;
}

export interface TimePlanResult {
  rows: SollIstRow[];
  phases: { phase: Phase; plannedHours: number; actualHours: number; deltaHours: number }[];
  totals: { planned: Figure; actual: Figure; delta: Figure };
  /** The hour limit checked against and the examination rule it comes from. */
  limit: { hours: number; rule: LimitRule };
  gantt: GanttBar[];
  warnings: Reason[];
}

const title = (t: Task): SollIstRow['title'] => (t.title?.trim() ? { text: t.title } : reason(t.titleKey ?? `planning:timePlan.tasks.${t.id}`));

/** Soll-Ist table, phase sums, the 40-hour check and Gantt bars in working hours and days. */
export function timePlan(input: TimePlanInput): TimePlanResult {
  const rows: SollIstRow[] = input.tasks.map((t) => {
    const actual = t.actualHours ?? null;
    const delta = actual === null ? null : actual - t.plannedHours;
    return {
      id: t.id,
      phase: t.phase,
      title: title(t),
      plannedHours: t.plannedHours,
      actualHours: actual,
      deltaHours: delta,
      deltaPct: delta === null || t.plannedHours === 0 ? null : (delta / t.plannedHours) * 100,
    };
  });

  const phaseRows = phases.map((phase) => {
    const inPhase = rows.filter((r) => r.phase === phase);
    const plannedHours = inPhase.reduce((s, r) => s + r.plannedHours, 0);
    const actualHours = inPhase.reduce((s, r) => s + (r.actualHours ?? 0), 0);
    const deltaHours = inPhase.reduce((s, r) => s + (r.deltaHours ?? 0), 0);
    return { phase, plannedHours, actualHours, deltaHours };
  });

  const planned = rows.reduce((s, r) => s + r.plannedHours, 0);
  const done = rows.filter((r) => r.actualHours !== null);
  const actual = done.reduce((s, r) => s + r.actualHours!, 0);
  const delta = done.reduce((s, r) => s + r.deltaHours!, 0);
  const totals = {
    planned: figure(planned, 'h', 'sumPlanned', { tasks: rows.length }),
    actual: figure(actual, 'h', 'sumActual', { tasksWithActual: done.length }),
    delta: figure(delta, 'h', 'sumDelta', { tasksWithActual: done.length }),
  };

  const warnings: Reason[] = [];
  const limit = hourLimit(input);
  if (planned > limit.hours) warnings.push(reason(`planning:timePlan.warnings.plannedOverLimit.${limit.rule}`, { hours: round(planned, 2), limit: limit.hours }));
  if (actual > limit.hours) warnings.push(reason(`planning:timePlan.warnings.actualOverLimit.${limit.rule}`, { hours: round(actual, 2), limit: limit.hours }));
  if (done.length > 0 && done.length < rows.length) warnings.push(reason('planning:timePlan.warnings.actualIncomplete', { done: done.length, total: rows.length }));

  const gantt: GanttBar[] = [];
  let at = 0;
  let actualAt = 0;
  for (const t of input.tasks) {
    const end = at + t.plannedHours;
    const actualEnd = actualAt + (t.actualHours ?? t.plannedHours);
    gantt.push({
      id: t.id,
      phase: t.phase,
      startHour: at,
      endHour: end,
      startDate: input.startDate ? workingDay(input.startDate, Math.floor(at / input.hoursPerDay)) : null,
      // A task ending exactly at the end of a day ends on that day, not the next.
      endDate: input.startDate ? workingDay(input.startDate, Math.max(Math.ceil(end / input.hoursPerDay) - 1, Math.floor(at / input.hoursPerDay))) : null,
      actualStartHour: actualAt,
      actualEndHour: actualEnd,
    });
    at = end;
    actualAt = actualEnd;
  }
  return { rows, phases: phaseRows, totals, limit, gantt, warnings };
}

/** The n-th working day (Mon-Fri, 0 = first) on or after the start date. Holidays are not known here. */
export function workingDay(startIso: string, n: number): string {
  const d = new Date(`${startIso}T00:00:00Z`);
  const isWeekend = () => d.getUTCDay() === 0 || d.getUTCDay() === 6;
  while (isWeekend()) d.setUTCDate(d.getUTCDate() + 1);
  for (let left = n; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!isWeekend()) left--;
  }
  return d.toISOString().slice(0, 10);
}

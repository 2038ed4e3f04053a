/**
 * "Abweichungen vom Projektantrag": the approved proposal (stored when it was exported as approved) against
 * today's plan and the hours actually worked. Pure, so the report chapter and its tests share it.
 */
import type { TimePlanResult } from '../planning/timePlan';
import { phases, type Phase } from '../planning/timePlanSchema';
import type { ProjectMeta } from '../project/meta';
import type { ProposalSnapshot } from './schema';

export interface PhaseDeviation {
  phase: Phase;
  approved: number;
  planned: number;
  /** null while no hours are booked in the phase. */
  actual: number | null;
}

export interface Deviations {
  approvedAt: string;
  title: { from: string; to: string } | null;
  start: { from: string; to: string } | null;
  end: { from: string; to: string } | null;
  phases: PhaseDeviation[];
  added: { id: string; title: string; hours: number }[];
  removed: { id: string; title: string; hours: number }[];
  changed: { id: string; title: string; from: number; to: number }[];
  requirementsAdded: string[];
  requirementsRemoved: string[];
  totals: { approved: number; planned: number; actual: number | null };
  /** Nothing differs between the approved proposal and today's plan (actual hours aside). */
  none: boolean;
}

const changedText = (from: string, to: string) => (from.trim() !== to.trim() ? { from, to } : null);

export function compareWithProposal(snap: ProposalSnapshot, meta: ProjectMeta, tp: TimePlanResult, titleOf: (id: string) => string): Deviations {
  const now = new Map(tp.rows.map((r) => [r.id, r]));
  const then = new Map(snap.tasks.map((t) => [t.id, t]));
  const booked = tp.rows.some((r) => r.actualHours !== null);
  const phaseRows: PhaseDeviation[] = phases
    .map((phase) => {
      const approved = snap.tasks.filter((t) => t.phase === phase).reduce((s, t) => s + t.plannedHours, 0);
      const p = tp.phases.find((x) => x.phase === phase);
      const anyActual = tp.rows.some((r) => r.phase === phase && r.actualHours !== null);
      return { phase, approved, planned: p?.plannedHours ?? 0, actual: anyActual ? (p?.actualHours ?? 0) : null };
    })
    .filter((r) => r.approved > 0 || r.planned > 0);
  const added = tp.rows.filter((r) => !then.has(r.id)).map((r) => ({ id: r.id, title: titleOf(r.id), hours: r.plannedHours }));
  const removed = snap.tasks.filter((t) => !now.has(t.id)).map((t) => ({ id: t.id, title: t.title, hours: t.plannedHours }));
  const changed = snap.tasks
    .filter((t) => now.has(t.id) && Math.abs(now.get(t.id)!.plannedHours - t.plannedHours) > 1e-9)
    .map((t) => ({ id: t.id, title: titleOf(t.id), from: t.plannedHours, to: now.get(t.id)!.plannedHours }));
  const reqNow = meta.requirements.filter((r) => r.text.trim());
  const reqThen = new Map(snap.requirements.map((r) => [r.id, r.text]));
  const requirementsAdded = reqNow.filter((r) => !reqThen.has(r.id) || reqThen.get(r.id)!.trim() !== r.text.trim()).map((r) => r.text.trim());
  const nowIds = new Map(reqNow.map((r) => [r.id, r.text.trim()]));
  const requirementsRemoved = snap.requirements.filter((r) => nowIds.get(r.id) !== r.text.trim()).map((r) => r.text);
  const title = changedText(snap.title, meta.title);
  const start = changedText(snap.startDate, meta.startDate);
  const end = changedText(snap.endDate, meta.endDate);
  const totals = {
    approved: snap.tasks.reduce((s, t) => s + t.plannedHours, 0),
    planned: tp.totals.planned.value,
    actual: booked ? tp.totals.actual.value : null,
  };
  const none = !title && !start && !end && !added.length && !removed.length && !changed.length && !requirementsAdded.length && !requirementsRemoved.length;
  return { approvedAt: snap.approvedAt, title, start, end, phases: phaseRows, added, removed, changed, requirementsAdded, requirementsRemoved, totals, none };
}

import { useCallback } from 'react';
import { toErrorValue, type ErrorValue } from '../../shared/errors';
import { planProject, type ProjectPlan } from '../../shared/planning/planProject';
import { defaultPlanning, type Planning } from '../../shared/planning/schema';
import type { Project } from '../../shared/project/schema';
import { useStore } from '../store';

/**
 * Access to `project.planning` for the three planning steps. Older project files (and the schema until the
 * planning part lands in it) may lack it; they read as the defaults until the first change writes them.
 */
const defaults = new WeakMap<Project, Planning>();

export function planningOf(project: Project): Planning {
  const stored = (project as Project & { planning?: Planning }).planning;
  if (stored) return stored;
  let d = defaults.get(project);
  if (!d) {
    d = defaultPlanning();
    defaults.set(project, d);
  }
  return d;
}

export function withPlanning(project: Project, planning: Planning): Project {
  return { ...project, planning } as Project;
}

export function usePlanning() {
  const project = useStore((s) => s.project);
  const updateProject = useStore((s) => s.updateProject);
  const update = useCallback(
    (change: (p: Planning) => Planning) => updateProject((p) => withPlanning(p, change(planningOf(p)))),
    [updateProject],
  );
  return { project, planning: project ? planningOf(project) : null, update };
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

/** Runs a planning engine; its AppErrors (invalid RAID disk count, weights not 100 % …) become values to show. */
export function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: toErrorValue(e) };
  }
}

const plans = new WeakMap<Project, Outcome<ProjectPlan>>();

/**
 * The plan of the open project, from the one composition of the planning engines (shared/planning/planProject),
 * computed once per project state: every planning step, its status and the sidebar read the same result.
 */
export function planOf(project: Project): Outcome<ProjectPlan> {
  let r = plans.get(project);
  if (!r) {
    r = attempt(() => planProject(project));
    plans.set(project, r);
  }
  return r;
}

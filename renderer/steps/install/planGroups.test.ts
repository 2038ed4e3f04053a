import { describe, expect, it } from 'vitest';
import { groupByPhase, pointOfNoReturnIndex, totalDurationS, type StepLike } from './planGroups';

const step = (id: string, phase: string, node: StepLike['node'], s: number, extra: Partial<StepLike> = {}): StepLike => ({ id, phase, node, expectedDurationS: s, destructive: false, ...extra });

describe('groupByPhase', () => {
  const steps = [
    step('prep@primary', 'prepare', 'primary', 5),
    step('prep@secondary', 'prepare', 'secondary', 5),
    step('pkg@secondary', 'packages', 'secondary', 90),
    step('pkg@primary', 'packages', 'primary', 60),
    step('pkg.qnetd@witness', 'packages', 'witness', 30),
    step('pkg.extra@secondary', 'packages', 'secondary', 10),
    step('cut.stop@primary', 'cutover', 'primary', 20, { destructive: true, pointOfNoReturn: true }),
  ];

  it('keeps the plan order of phases and, inside a phase, of nodes', () => {
    const g = groupByPhase(steps);
    expect(g.map((p) => p.phase)).toEqual(['prepare', 'packages', 'cutover']);
    expect(g[1]!.nodes.map((n) => n.node)).toEqual(['secondary', 'primary', 'witness']);
    expect(g[1]!.nodes[0]!.steps.map((s) => s.id)).toEqual(['pkg@secondary', 'pkg.extra@secondary']);
  });

  it('adds up the expected durations per phase and node and marks destructive phases', () => {
    const g = groupByPhase(steps);
    expect(g.map((p) => p.durationS)).toEqual([10, 190, 20]);
    expect(g[1]!.nodes.map((n) => n.durationS)).toEqual([100, 60, 30]);
    expect(g[2]).toMatchObject({ destructive: 1, pointOfNoReturn: true });
    expect(g[0]).toMatchObject({ destructive: 0, pointOfNoReturn: false });
    expect(totalDurationS(steps)).toBe(220);
  });

  it('finds the point of no return', () => {
    expect(pointOfNoReturnIndex(steps)).toBe(6);
    expect(pointOfNoReturnIndex(steps.slice(0, 3))).toBe(-1);
  });

  it('an empty plan has no phases', () => {
    expect(groupByPhase([])).toEqual([]);
  });
});

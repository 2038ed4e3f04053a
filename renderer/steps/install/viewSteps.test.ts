import { describe, expect, it } from 'vitest';
import type { DryRun } from '../../../shared/contract/methods/commission';
import { generatePlan } from '../../../shared/commission/generate';
import { labProject } from '../../../test/support/install/labProject';
import { dryViewSteps, viewSteps } from './viewSteps';

const project = labProject();
const plan = generatePlan(project, project.commission.inventory!);
const write = plan.steps.find((s) => s.apply.some((a) => a.kind === 'write' && !a.secret))!;
const path = (write.apply.find((a) => a.kind === 'write') as { path: string }).path;

function dry(hash: string): DryRun {
  return {
    mode: 'run',
    planHash: hash,
    notices: [],
    summary: plan.summary,
    nodes: plan.summary.nodes,
    steps: [
      {
        id: write.id, phase: write.phase, node: write.node, title: { de: 'x', en: 'x' }, explanation: { de: 'x', en: 'x' }, destructive: write.destructive, pointOfNoReturn: !!write.pointOfNoReturn,
        expectedDurationS: write.expectedDurationS, check: { command: 'true', done: true }, backupPaths: [path], hasRollback: false, secrets: [], verify: [],
        actions: [{ kind: 'write', path, mode: '0644', owner: 'root:root', secret: false, file: { change: 'modify', diff: '--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n' } }],
      },
    ],
  };
}

describe('viewSteps', () => {
  it('without a dry run: every step of the plan, commands as planned, file contents shown, secrets not', () => {
    const { steps, dryMatches } = viewSteps(plan);
    expect(dryMatches).toBe(false);
    expect(steps.map((s) => s.id)).toEqual(plan.steps.map((s) => s.id));
    const v = steps.find((s) => s.id === write.id)!;
    expect(v.actions.find((a) => a.kind === 'write')).toMatchObject({ path, content: expect.any(String) });
    for (const s of steps) for (const a of s.actions) if (a.kind === 'write' && a.secret) expect(a).not.toHaveProperty('content');
  });

  it('with a dry run of the same plan: its diff and check result, but the plan’s own texts and undo', () => {
    const { steps, dryMatches } = viewSteps(plan, dry(plan.hash));
    expect(dryMatches).toBe(true);
    const v = steps.find((s) => s.id === write.id)!;
    expect(v.title).toEqual(write.title);
    expect(v.check).toEqual({ command: 'true', done: true });
    expect(v.actions[0]).toMatchObject({ kind: 'write', file: { change: 'modify' } });
    expect(v.hasRollback).toBe(!!write.rollback?.length);
  });

  it('a dry run of another plan is ignored', () => {
    const { steps, dryMatches } = viewSteps(plan, dry('other-hash'));
    expect(dryMatches).toBe(false);
    expect(steps.find((s) => s.id === write.id)!.check?.done).toBeUndefined();
    expect(dryViewSteps(dry('x'))).toHaveLength(1);
  });
});

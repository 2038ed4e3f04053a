/**
 * Property tests of the plans on a model of node state (test/support/commission/nodeModel.ts), run the way
 * the executor runs them: an uninterrupted run verifies every step; a run interrupted anywhere (even inside a
 * step) and resumed ends in the same state; a rollback from anywhere before the point of no return returns
 * every node to its state before commissioning; apply twice is apply once; a check that says "done" is true.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labInventory, labProject } from '../../test/support/commission/labFixture';
import { seedInventory, seedProject } from '../../test/support/commission/seedFixture';
import { initialWorld } from '../../test/support/commission/initialWorld';
import { clone, keysOf, probeHolds, rollback, runStep, type Record_, type World } from '../../test/support/commission/nodeModel';
import { resolveInput } from './inputs/resolve';
import { planSpecs } from './generate';
import type { Inventory } from './inventorySchema';
import type { ModelProbe, StepSpec } from './spec';
import type { Project } from '../project/schema';

interface Case {
  name: string;
  project: () => Project;
  inventory: () => Inventory;
  /** Packages a node may already have (drawn at random). */
  maybe: Partial<Record<'primary' | 'secondary' | 'witness', string[]>>;
}

const cases: Case[] = [
  { name: 'lab ct: shared LUN, qdevice, no fencing', project: () => labProject('ct'), inventory: () => labInventory('ct'), maybe: { primary: ['nftables', 'fail2ban', 'rsync', 'psmisc'], secondary: ['rsync', 'nftables', 'psmisc'], witness: ['nftables'] } },
  { name: 'lab vm: DRBD on a new LV, two_node, SBD', project: () => labProject('vm'), inventory: () => labInventory('vm'), maybe: { primary: ['nftables', 'psmisc'], secondary: ['rsync', 'lvm2'] } },
  { name: 'seed: DRBD on a new LV, two_node, IPMI', project: () => seedProject(), inventory: () => seedInventory(), maybe: { primary: ['nftables', 'psmisc'], secondary: ['rsync', 'lvm2'] } },
  {
    name: 'lab ct as three full nodes',
    project: () =>
      labProject('ct', (p) => {
        const qf = p.planning.quorumFencing;
        qf.qdevice = false;
        qf.nodeCount = 3;
        p.hosts.node3 = p.hosts.witness;
        delete p.hosts.witness;
      }),
    inventory: () => {
      const inv = labInventory('ct');
      inv.nodes.node3 = inv.nodes.witness;
      delete inv.nodes.witness;
      return inv;
    },
    maybe: { secondary: ['rsync'] },
  },
];

function specsOf(c: Case): StepSpec[] {
  const { input, errors } = resolveInput(c.project(), c.inventory());
  if (!input) throw new Error(`no plan input: ${JSON.stringify(errors)}`);
  return planSpecs(input);
}

/** Runs steps in order like the executor; returns false and the failing step when a verify fails. */
function runAll(w: World, rec: Record_, steps: readonly StepSpec[]): string | undefined {
  for (const s of steps) if (!runStep(w, rec, s)) return s.id;
  return undefined;
}

/** Which of the maybe-packages each node already has (the world is built from it inside the property, so a counterexample stays readable). */
const extraArb = (c: Case) => fc.record(Object.fromEntries(Object.entries(c.maybe).map(([r, pkgs]) => [r, fc.subarray(pkgs!)]))) as fc.Arbitrary<Record<string, string[]>>;

/** A probe with every milestone taken away: does it still say "done" on its own? */
const withoutMarks = (p: ModelProbe, w: World, node: string) => {
  const k = Object.fromEntries(Object.entries(w.nodes[node as 'primary'] ?? {}).filter(([key]) => !key.startsWith('mark:')));
  return probeHolds(p, k);
};

for (const c of cases) {
  describe(`${c.name}: the plan on the node model`, () => {
    const steps = specsOf(c);
    const ponr = steps.findIndex((s) => s.pointOfNoReturn);

    it('runs through: every step verifies after it ran', () => {
      fc.assert(
        fc.property(extraArb(c), (extra) => {
          const w = initialWorld(c.inventory(), extra);
          expect(runAll(w, {}, steps)).toBeUndefined();
        }),
        { numRuns: 20 },
      );
    });

    it('an interruption anywhere, even inside a step, and a re-run end in the same state as an uninterrupted run', () => {
      fc.assert(
        fc.property(extraArb(c), fc.nat({ max: steps.length - 1 }), fc.nat({ max: 12 }), (extra, k, j) => {
          const w0 = initialWorld(c.inventory(), extra);
          const full = clone(w0);
          runAll(full, {}, steps);
          const w = clone(w0);
          const rec: Record_ = {};
          expect(runAll(w, rec, steps.slice(0, k))).toBeUndefined();
          runStep(w, rec, steps[k]!, Math.min(j, steps[k]!.apply.length));
          expect(runAll(w, rec, steps), `resumed after ${steps[k]!.id} action ${j}`).toBeUndefined();
          expect(keysOf(w)).toEqual(keysOf(full));
        }),
        { numRuns: 150 },
      );
    });

    it('a rollback from anywhere before the point of no return restores every node as it was', () => {
      fc.assert(
        fc.property(extraArb(c), fc.nat({ max: ponr }), fc.nat({ max: 12 }), (extra, k, j) => {
          const w0 = initialWorld(c.inventory(), extra);
          const w = clone(w0);
          const rec: Record_ = {};
          expect(runAll(w, rec, steps.slice(0, k))).toBeUndefined();
          if (k < ponr) runStep(w, rec, steps[k]!, Math.min(j, steps[k]!.apply.length));
          rollback(w, rec, steps);
          expect(keysOf(w), `rolled back after ${steps[k]?.id ?? 'nothing'}`).toEqual(keysOf(w0));
        }),
        { numRuns: 150 },
      );
    });

    it('rolls back the whole way from just before the point of no return, step by step', () => {
      const w0 = initialWorld(c.inventory());
      for (let k = 0; k <= ponr; k++) {
        const w = clone(w0);
        const rec: Record_ = {};
        runAll(w, rec, steps.slice(0, k));
        rollback(w, rec, steps);
        expect(keysOf(w), `after ${k} steps (${steps[k - 1]?.id ?? '-'})`).toEqual(keysOf(w0));
      }
    });

    it('applying a step twice is applying it once', () => {
      fc.assert(
        fc.property(extraArb(c), fc.nat({ max: steps.length - 1 }), (extra, k) => {
          const w0 = initialWorld(c.inventory(), extra);
          const w = clone(w0);
          runAll(w, {}, steps.slice(0, k));
          const once = clone(w);
          runStep(once, {}, steps[k]!, steps[k]!.apply.length);
          const twice = clone(once);
          runStep(twice, {}, steps[k]!, steps[k]!.apply.length);
          expect(keysOf(twice), steps[k]!.id).toEqual(keysOf(once));
        }),
        { numRuns: 150 },
      );
    });

    it('a check that says "done" on its own (without milestones) is true: applying would change nothing', () => {
      fc.assert(
        fc.property(extraArb(c), fc.nat({ max: steps.length }), (extra, k) => {
          const w0 = initialWorld(c.inventory(), extra);
          const w = clone(w0);
          runAll(w, {}, steps.slice(0, k));
          for (const s of steps) {
            if (!s.check || !withoutMarks(s.check, w, s.node)) continue;
            const after = clone(w);
            runStep(after, {}, s, s.apply.length);
            expect(keysOf(after), `${s.id} says done after ${k} steps`).toEqual(keysOf(w));
          }
        }),
        { numRuns: 40 },
      );
    });
  });
}

describe('negative controls: the model catches broken plans', () => {
  const steps = specsOf(cases[0]!);
  it('notices a step whose rollback is missing', () => {
    const broken = steps.map((s) => (s.id === 'packages.ha@primary' ? { ...s, rollback: undefined } : s));
    const w0 = initialWorld(cases[0]!.inventory());
    const w = clone(w0);
    const rec: Record_ = {};
    runAll(w, rec, broken.slice(0, broken.findIndex((s) => s.id === 'configs.sync@secondary')));
    rollback(w, rec, broken);
    expect(keysOf(w)).not.toEqual(keysOf(w0));
  });
  it('notices a check and verify that claim done too early (the run would skip real work)', () => {
    const yes = { probe: { command: 'true' }, holds: [] };
    const broken = steps.map((s) => (s.id === 'cutover.stopLegacy@primary' ? { ...s, check: yes, verify: [yes] } : s));
    const good = initialWorld(cases[0]!.inventory());
    runAll(good, {}, steps);
    const bad = initialWorld(cases[0]!.inventory());
    runAll(bad, {}, broken);
    expect(keysOf(bad)).not.toEqual(keysOf(good));
  });
});


import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { planProject } from './planProject';
import { criteria, decisions } from './matrixDefaults';
import { fencingIds, quorumIds } from './quorumSchema';
import { requirementIds } from './requirements';
import { phases, defaultTasks } from './timePlanSchema';
import { seedOffers, seedPrimary } from '../../test/support/planning/seed';

const dir = path.resolve(import.meta.dirname, '../i18n/locales');
const dict = {
  de: JSON.parse(readFileSync(path.join(dir, 'de/planning.json'), 'utf8')) as unknown,
  en: JSON.parse(readFileSync(path.join(dir, 'en/planning.json'), 'utf8')) as unknown,
};
const lookup = (d: unknown, key: string) => key.replace(/^planning:/, '').split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], d);

/** Collects every 'planning:' key in a result tree (reason keys, option keys) */
function keysIn(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === 'string' && /^planning:[\w.]+$/.test(v)) out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => keysIn(x, out));
  else if (typeof v === 'object' && v !== null) Object.values(v).forEach((x) => keysIn(x, out));
  return out;
}

const many = [
  {},
  { facts: { hardware: { cpuCores: 8 } } },
  {
    planning: {
      sizing: { primary: { ...seedPrimary, peakCpuPct: 60, disks: { ...seedPrimary.disks, raidLevel: 'raid5' } }, candidate: { ...seedPrimary, ramGb: 8, cores: 2, threads: 2, disks: { count: 2, sizeGb: 500, type: 'hdd', raidLevel: 'raid1' }, nics: [{ count: 1, speedGbps: 1 }] } },
      matrix: { chosen: { replication: 'sharedStorage', nodeCount: 'three' } },
      quorumFencing: { twoNode: true, qdevice: true, nodeCount: 3, fencing: ['none', 'drbdResourceFencing', 'sbdDiskless', 'sbdDisk', 'virsh', 'ipmi'], corosyncLinks: 1, sbd: { watchdogTimeoutS: 10, msgwaitS: 5, stonithTimeoutS: 5 } },
      costs: { offers: seedOffers, chosenOfferId: 'budget-1u', downtimeCostPerHourEur: 1 },
      timePlan: { tasks: defaultTasks().map((t) => ({ ...t, plannedHours: 5, actualHours: t.id === 'sizing' ? null : 9 })) },
    },
  },
  { planning: { sizing: { primary: seedPrimary }, matrix: { weights: { cost: 90 } }, quorumFencing: { fencing: [] }, costs: { offers: [] } } },
];

describe('planning translations', () => {
  const used = new Set<string>();
  for (const p of many) keysIn(planProject(p), used);
  // Keys built from ids in the UI and the text rendering.
  for (const [d, opts] of Object.entries(decisions)) {
    used.add(`planning:matrix.decisions.${d}`);
    for (const o of opts) {
      used.add(`planning:matrix.options.${o}`);
      for (const c of criteria) used.add(`planning:matrix.rationale.${d}.${o}.${c}`);
    }
  }
  for (const c of criteria) used.add(`planning:matrix.criteria.${c}`);
  for (const id of [...quorumIds, ...fencingIds]) for (const s of ['label', 'needs', 'protects', 'cost', 'complexity', 'explanation']) used.add(`planning:quorumFencing.options.${id}.${s}`);
  for (const id of requirementIds) used.add(`planning:sizing.warnings.candidate.${id}`).add(`planning:sizing.requirements.${id}`);
  for (const ph of phases) used.add(`planning:timePlan.phases.${ph}`);
  for (const p of many) {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) {
        const o = v as Record<string, unknown>;
        if (typeof o.unit === 'string' && typeof o.formula === 'string') used.add(`planning:units.${o.unit}`);
        Object.values(o).forEach(walk);
      }
    };
    walk(planProject(p));
  }
  for (const t of defaultTasks()) used.add(t.titleKey!);

  // Every complete key written as a literal in the planning sources and the plan command.
  const sources = [
    ...readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(import.meta.dirname, f)),
    path.resolve(import.meta.dirname, '../../main/cli/commands/plan.ts'),
  ];
  // Prefixes such as the argument labels of per-item inputs ('planning:matrix.criteria') are objects, not texts.
  for (const f of sources) {
    for (const m of readFileSync(f, 'utf8').matchAll(/['`](planning:[\w.]+)['`]/g)) if (typeof lookup(dict.de, m[1]!) !== 'object') used.add(m[1]!);
  }

  it('covers the keys the engines produce', () => {
    expect(used.size).toBeGreaterThan(250);
    expect(used).toContain('planning:quorumFencing.rules.twoNodeAndQdevice');
    expect(used).toContain('planning:sizing.warnings.primaryNotRaid10');
  });

  for (const lng of ['de', 'en'] as const) {
    it(`every used key has a text in ${lng}`, () => {
      // Units with plural forms exist as <unit>_one and <unit>_other.
      const has = (k: string) => typeof lookup(dict[lng], k) === 'string' || (typeof lookup(dict[lng], `${k}_one`) === 'string' && typeof lookup(dict[lng], `${k}_other`) === 'string');
      expect([...used].filter((k) => !has(k))).toEqual([]);
    });

    it(`every nested $t() reference resolves in ${lng}`, () => {
      const texts: string[] = [];
      const walk = (v: unknown) => (typeof v === 'string' ? texts.push(v) : typeof v === 'object' && v ? Object.values(v).forEach(walk) : 0);
      walk(dict[lng]);
      for (const t of texts) {
        for (const m of t.matchAll(/\$t\(planning:([\w.]+)\.\{\{(\w+)\}\}\)/g)) {
          const base = lookup(dict[lng], m[1]!);
          expect(typeof base === 'object' && base !== null, m[0]).toBe(true);
        }
      }
    });
  }

  it('German texts use real umlauts, not ae/oe/ue spellings', () => {
    const de = JSON.stringify(dict.de);
    expect(de).toMatch(/[äöüß]/);
    expect(de).not.toMatch(/\b(fuer|koennen|muessen|groesser|Primaerserver)\b/);
  });
});

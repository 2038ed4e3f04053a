import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { nodeTranslator } from '../../main/i18n/nodeI18n';
import { explainFigure, formatQuantity, type Translate } from './explain';
import { inputDef } from './figureInputs';
import { planProject } from './planProject';
import { sizeSecondaryNode } from './sizing';
import { defaultTasks } from './timePlanSchema';
import type { Figure } from './trace';
import { seedFacts, seedGrowth, seedOffers, seedPrimary } from '../../test/support/planning/seed';

const dir = path.resolve(import.meta.dirname, '../i18n/locales');
const dict = {
  de: JSON.parse(readFileSync(path.join(dir, 'de/planning.json'), 'utf8')) as Record<string, Record<string, unknown>>,
  en: JSON.parse(readFileSync(path.join(dir, 'en/planning.json'), 'utf8')) as Record<string, Record<string, unknown>>,
};
const lookup = (d: unknown, key: string) => key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], d);

function figuresIn(v: unknown, out: Figure[] = []): Figure[] {
  if (Array.isArray(v)) v.forEach((x) => figuresIn(x, out));
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (typeof o.formula === 'string' && typeof o.value === 'number' && typeof o.inputs === 'object') out.push(o as unknown as Figure);
    Object.values(o).forEach((x) => figuresIn(x, out));
  }
  return out;
}

// Plans that between them produce every kind of figure: hand entry, facts, LVM, a candidate, SBD, no fencing,
// consensus and fence times set by hand, three nodes, actual hours, offers with and without a choice.
const projects = [
  {},
  { facts: seedFacts },
  {
    meta: { startDate: '2026-11-02' },
    planning: {
      sizing: { primary: { ...seedPrimary, peakCpuPct: 60 }, assumptions: { drbdVolumeGb: 3000 } },
      costs: { offers: seedOffers, chosenOfferId: 'dell-r650xs', otherOneTime: [{ label: '10-GbE-DAC', amountEur: 60 }] },
      timePlan: { tasks: defaultTasks().map((t, i) => ({ ...t, actualHours: i < 3 ? t.plannedHours + 1 : null })) },
      quorumFencing: { fencing: ['sbdDisk', 'drbdResourceFencing'], timing: { consensusMs: 4000, fenceDelayMs: 1000 } },
    },
  },
  {
    planning: {
      sizing: { primary: seedPrimary, candidate: { ...seedOffers[1]!.spec, disks: { count: 2, sizeGb: 2000, type: 'hdd', raidLevel: 'raid1' } } },
      costs: { offers: seedOffers, chosenOfferId: 'budget-1u', downtimeCostPerHourEur: 1 },
      quorumFencing: { nodeCount: 3, qdevice: false, fencing: ['none'], riskAcceptance: { who: 'x', when: '2026-11-20', reason: 'y' }, timing: { fenceActionMs: 7000 } },
    },
  },
  { planning: { sizing: { primary: { ...seedPrimary, disks: { count: 5, sizeGb: 1000, type: 'ssd', raidLevel: 'raid5' } } }, quorumFencing: { twoNode: true, qdevice: false, fencing: ['ipmi', 'fenceDelay'] } } },
];
const lvm = sizeSecondaryNode({
  primary: { ...seedPrimary, disks: { count: 4, sizeGb: 2000, type: 'nvme', raidLevel: 'raid6' } },
  growth: seedGrowth,
  dataDevice: { vg: { name: 'vg_mail', sizeGb: 4000, freeGb: 3000 }, dataLvs: [{ name: 'vmail', sizeGb: 900, mountpoint: '/var/vmail' }] },
});
const figures = [...projects.flatMap((p) => figuresIn(planProject(p))), ...figuresIn(lvm)];

describe('readable formulas', () => {
  it('the sample covers every formula id of the engines', () => {
    const ids = new Set(figures.map((f) => f.formula));
    const declared = (d: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : declared(v as Record<string, unknown>, `${prefix}${k}.`)));
    // raid0/raid1/none variants are not all produced by these plans; every produced one is declared.
    const known = new Set(declared(dict.de.formulas as Record<string, unknown>));
    expect([...ids].filter((id) => !known.has(id))).toEqual([]);
    expect(ids.size).toBeGreaterThan(45);
  });

  for (const lng of ['de', 'en'] as const) {
    it(`every formula in ${lng} names only the figure's own inputs, and every input has a label and a unit`, () => {
      const problems: string[] = [];
      for (const f of figures) {
        const text = lookup(dict[lng].formulas, f.formula);
        if (typeof text !== 'string') {
          problems.push(`no formula text ${f.formula}`);
          continue;
        }
        for (const m of text.matchAll(/\{\{(\w+)\}\}/g)) if (!(m[1]! in f.inputs)) problems.push(`${f.formula}: {{${m[1]}}} is not an input`);
        for (const name of Object.keys(f.inputs)) {
          const d = inputDef(name);
          if (!d) problems.push(`${f.formula}: input ${name} not in figureInputs`);
          else if (typeof lookup(dict[lng].inputs, d.base) !== 'string') problems.push(`no label for input ${d.base}`);
          const unit = d?.def.unit;
          if (unit && !['count', 'factor'].includes(unit) && typeof lookup(dict[lng].units, unit) !== 'string' && typeof lookup(dict[lng].units, `${unit}_one`) !== 'string') {
            problems.push(`no unit ${unit}`);
          }
        }
        const unit = f.unit;
        if (typeof lookup(dict[lng].units, unit) !== 'string' && typeof lookup(dict[lng].units, `${unit}_other`) !== 'string') problems.push(`no unit ${unit}`);
      }
      expect([...new Set(problems)]).toEqual([]);
    });
  }
});

describe('explainFigure', () => {
  let de: Translate;
  let en: Translate;
  beforeAll(async () => {
    const wrap = (t: TFunction): Translate => (k, p) => t(k, p ?? {});
    de = wrap(await nodeTranslator('de'));
    en = wrap(await nodeTranslator('en'));
  });
  const seed = sizeSecondaryNode({ primary: seedPrimary, growth: seedGrowth });

  it('the DRBD meta-data: formula in words, with the values, each input with its unit, in German', () => {
    const e = explainFigure(seed.drbd.metadataSectors, de, 'de');
    expect(e.formula).toBe('⌈Größe des Datenträgers in Sektoren zu 512 Byte ÷ 2¹⁸⌉ × 8 × Anzahl Gegenstellen + 72');
    expect(e.withValues).toBe('⌈7.714.843.750 Sektoren ÷ 2¹⁸⌉ × 8 × 1 + 72');
    expect(e.inputs).toEqual([
      { name: 'sectors', label: 'Größe des Datenträgers in Sektoren zu 512 Byte', value: '7.714.843.750 Sektoren' },
      { name: 'peers', label: 'Anzahl Gegenstellen', value: '1' },
    ]);
    expect(e.result).toBe('235.512 Sektoren');
  });

  it('the fence time is a named method with a unit, not code', () => {
    const plan = planProject({});
    const fence = plan.quorumFencing.unplanned.segments.find((s) => s.id === 'fenceAction')!.figure;
    const e = explainFigure(fence, de, 'de');
    expect(e.formula).toBe('Erfahrungswert für die gewählte Fencing-Methode');
    expect(e.withValues).toBeNull();
    expect(e.inputs.map((i) => `${i.label}: ${i.value}`)).toEqual(['Fencing-Methode: IPMI/iLO/iDRAC', 'angenommene Dauer: 10.000 ms']);
    const delay = explainFigure(plan.quorumFencing.unplanned.segments.find((s) => s.id === 'fenceDelay')!.figure, en, 'en');
    expect(delay.formula).toBe('5 s if two_node and a fence delay are chosen, else 0 s');
    expect(delay.inputs.map((i) => `${i.label}: ${i.value}`)).toEqual(['two_node chosen: no', 'fence delay chosen: no']);
  });

  it('the time-plan delta and the matrix sum read as words, per-item inputs name their item', () => {
    const plan = planProject({ planning: { timePlan: { tasks: defaultTasks().map((t, i) => ({ ...t, actualHours: i < 2 ? 3 : null })) } } });
    const tp = plan.timePlan.ok ? plan.timePlan.value : null;
    expect(explainFigure(tp!.totals.delta, de, 'de')).toMatchObject({ formula: 'Summe von (Ist − Soll) über die Aufgaben mit Ist-Stunden', withValues: 'Summe von (Ist − Soll) über die 2 Aufgaben' });
    const m = plan.matrix.ok ? plan.matrix.value[0]!.options[0]!.weightedSum : null;
    expect(explainFigure(m!, de, 'de').inputs[0]).toEqual({ name: 'weight:availability', label: 'Gewicht: Verfügbarkeit', value: '25 %' });
  });

  it('plural forms: 1 Kern, 8 Kerne, 1 core, 0,99 Jahre', () => {
    expect(formatQuantity(de, 'de', 1, 'cores')).toBe('1 Kern');
    expect(formatQuantity(de, 'de', 8, 'cores')).toBe('8 Kerne');
    expect(formatQuantity(en, 'en', 1, 'cores')).toBe('1 core');
    expect(formatQuantity(de, 'de', 0.99, 'years', 2)).toBe('0,99 Jahre');
    expect(formatQuantity(de, 'de', 1, 'years', 1)).toBe('1 Jahr');
    expect(formatQuantity(en, 'en', 1500, 'EUR/year', 0)).toBe('€1,500 per year');
    expect(formatQuantity(de, 'de', 1500, 'EUR/year', 0)).toBe('1.500\u00a0€ pro Jahr');
    expect(formatQuantity(de, 'de', 35, 'EUR/h')).toBe('35\u00a0€ je Stunde');
  });
});

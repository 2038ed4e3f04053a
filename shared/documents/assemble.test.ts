import { describe, expect, it } from 'vitest';
import { applyAddition, sectionNumbers } from './assemble';
import { b } from './model';
import { outlines } from './outline';

describe('section numbers', () => {
  it('numbers the report 1, 1.1, 3.2.1 and the annex A1.., front and back matter unnumbered', () => {
    const n = sectionNumbers(outlines.report);
    expect(n.get('report.declaration')).toBeUndefined();
    expect(n.get('report.intro')).toBe('1');
    expect(n.get('report.scope')).toBe('1.5');
    expect(n.get('report.economics')).toBe('3.2');
    expect(n.get('report.makeOrBuy')).toBe('3.2.1');
    expect(n.get('report.amortisation')).toBe('3.2.3');
    expect(n.get('report.utility')).toBe('3.3');
    expect(n.get('report.conclusion')).toBe('7');
    expect(n.get('report.sources')).toBeUndefined();
    expect(n.get('report.annexHandbook')).toBe('A1');
    expect(n.get('report.annexSteps')).toBe('A4');
    expect(n.get('report.annexUtility')).toBe('A5');
    expect(n.get('report.annexConfigs')).toBe('A6');
  });

  it('has the IHK chapters in order and unique ids in every document', () => {
    const top = outlines.report.filter((s) => s.level === 1 && s.numbering === 'main').map((s) => s.id);
    expect(top).toEqual(['report.intro', 'report.planning', 'report.analysis', 'report.design', 'report.realisation', 'report.validation', 'report.conclusion']);
    for (const o of Object.values(outlines)) expect(new Set(o.map((s) => s.id)).size).toBe(o.length);
  });
});

describe('chapter additions', () => {
  const generated = [b.p('Generated prose.'), b.table([], [['x']]), b.p('Data is missing.', 'pending'), b.p('A finding.', 'note')];

  it('append adds the paragraphs at the end and drops the pending note', () => {
    const out = applyAddition(generated, { mode: 'append', text: 'First.\n\nSecond.' });
    expect(out.map((x) => (x.kind === 'paragraph' ? x.text : x.kind))).toEqual(['Generated prose.', 'table', 'A finding.', 'First.', 'Second.']);
    expect(out.at(-1)).toMatchObject({ style: 'user' });
  });

  it('replace swaps the prose where it stood and keeps tables and notes', () => {
    const out = applyAddition(generated, { mode: 'replace', text: 'My own words.' });
    expect(out.map((x) => (x.kind === 'paragraph' ? x.text : x.kind))).toEqual(['My own words.', 'table', 'A finding.']);
  });

  it('empty or blank text changes nothing', () => {
    expect(applyAddition(generated, { mode: 'replace', text: '  \n\n ' })).toBe(generated);
    expect(applyAddition(generated, undefined)).toBe(generated);
  });
});

/**
 * Projektdokumentation in the IHK structure: cover, declaration, contents, chapters 1–7 (the main text the
 * chamber's page limit counts), Quellen, Anhang.
 */
import { assemble, type SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { examSeason, frame } from '../frame';
import { b, type Block, type Cover, type DocModel } from '../model';
import { outlines } from '../outline';
import { who } from '../prose';
import { analysisBodies } from './analysis';
import { backBodies } from './back';
import { conclusionBodies } from './conclusion';
import { designBodies } from './design';
import { introBodies } from './intro';
import { planningBodies } from './planning';
import { realisationBodies } from './realisation';
import { validationBodies } from './validation';

const bodies: SectionBodies = {
  'report.declaration': (c) => declaration(c),
  ...introBodies, ...planningBodies, ...analysisBodies, ...designBodies, ...realisationBodies, ...validationBodies, ...conclusionBodies, ...backBodies,
};

export function buildReport(c: BuildContext): DocModel {
  const o = outlines.report;
  const front = o.filter((s) => s.id === 'report.declaration');
  const firstBack = o.findIndex((s) => s.id === 'report.sources');
  const main = o.slice(front.length, firstBack);
  const back = o.slice(firstBack);
  const blocks: Block[] = [
    ...assemble(c, front, bodies),
    { kind: 'toc', title: c.d('common.contents') },
    { kind: 'mainText', edge: 'start' },
    ...assemble(c, main, bodies),
    { kind: 'mainText', edge: 'end' },
    ...assemble(c, back, bodies),
  ];
  return frame(c, blocks, { cover: reportCover(c) });
}

export function reportCover(c: BuildContext): Cover {
  const w = who(c);
  const m = c.src.project.meta;
  const season = examSeason(c, m.endDate);
  return {
    overline: [season, c.d('cover.profession')].filter(Boolean).join(' – '),
    title: w.title || c.d('pending.noTitleShort'),
    subtitle: c.d('cover.reportSubtitle'),
    lines: [
      [c.d('people.trainee'), w.trainee],
      ...(m.examNumber.trim() ? [[c.d('people.examNumber'), m.examNumber.trim()] as [string, string]] : []),
      [c.d('people.company'), w.company || w.customer],
      [c.d('people.customer'), w.customer],
      [c.d('people.supervisor'), w.supervisor],
      [c.d('cover.period'), m.startDate && m.endDate ? `${c.fmt.date(m.startDate)} – ${c.fmt.date(m.endDate)}` : ''],
      [c.d('cover.generated'), c.fmt.date(c.src.generatedAt)],
    ],
    fillIns: [c.d('cover.examiner')],
  };
}

function declaration(c: BuildContext): Block[] {
  const w = who(c);
  return [
    b.p(c.d('report.declarationText')),
    b.p(c.d('report.declarationTool', { version: c.src.appVersion })),
    { kind: 'signatures', placeDateLabel: c.d('signatures.placeDate'), signatureLabel: c.d('signatures.signature'), fields: [{ role: c.d('signatures.trainee'), name: w.trainee }] },
  ];
}

/**
 * The document model: what a chapter builder produces and the PDF renderer in main/documents draws. Plain
 * data with every text already in the reader's language, so builders are pure and testable without pdfkit,
 * and the renderer knows nothing about projects.
 */
import type { Chart } from './charts';

export const documentKinds = ['proposal', 'report', 'handbook', 'acceptance'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export type DocLanguage = 'de' | 'en';

/** A run of text; `bold`/`mono` are the only styles running text needs. */
export interface Span {
  text: string;
  bold?: boolean;
  mono?: boolean;
}
export type RichText = string | Span[];

export interface Heading {
  kind: 'heading';
  /** 1 = chapter, 2 = section, 3 = subsection. */
  level: 1 | 2 | 3;
  /** "3.2" for numbered headings; absent for front and back matter (Quellen, Anhang headings have their own). */
  number?: string;
  text: string;
  /** Stable anchor for the table of contents and the outline. */
  id: string;
  /** Start on a new page (chapters of the report do). */
  pageBreak?: boolean;
  /** false: not listed in the contents (the declaration, the contents page itself). */
  inToc?: boolean;
  /** Room in points the heading needs below it on its page (a block that must stay together: the signatures). */
  keep?: number;
}

/** `pending`: data that has not arrived yet (never filler); `user`: text the user added in the Dokumentation step. */
export type ParagraphStyle = 'normal' | 'pending' | 'note' | 'warning' | 'user' | 'small';

export interface Paragraph {
  kind: 'paragraph';
  text: RichText;
  style?: ParagraphStyle;
}

export interface BulletList {
  kind: 'bullets';
  items: RichText[];
  numbered?: boolean;
}

export interface TableColumn {
  title: string;
  /** Relative width; the renderer scales the columns to the text width. */
  width: number;
  align?: 'left' | 'right' | 'center';
  mono?: boolean;
}

export interface Table {
  kind: 'table';
  columns: TableColumn[];
  rows: string[][];
  /** Row indexes drawn bold with a rule above (sums). */
  totalRows?: number[];
  caption?: string;
}

/** Label/value pairs in two columns (document control, key figures). */
export interface KeyValues {
  kind: 'keyValues';
  rows: [string, string][];
}

export interface CodeBlock {
  kind: 'code';
  lines: string[];
  caption?: string;
}

export interface ChartBlock {
  kind: 'chart';
  chart: Chart;
  caption: string;
}

export interface Signatures {
  kind: 'signatures';
  /** One signature box per party: role ("Auftraggeber") and the name printed under the line. */
  fields: { role: string; name: string }[];
  placeDateLabel: string;
  signatureLabel: string;
}

/** Blank lines to fill in by hand (examiner's name on the cover, open points on paper). */
export interface FillIn {
  kind: 'fillIn';
  labels: string[];
}

export interface PageBreak {
  kind: 'pageBreak';
}

/** Where the table of contents goes; the renderer fills in the page numbers. */
export interface TocBlock {
  kind: 'toc';
  title: string;
}

/** The document's title on its first page when it has no cover (the proposal, the acceptance record). */
export interface TitleBlock {
  kind: 'title';
  text: string;
  subtitle?: string;
}

/** Marks the start and end of the main text whose pages count against the chamber's limit. */
export interface MainTextMark {
  kind: 'mainText';
  edge: 'start' | 'end';
}

export type Block =
  | Heading
  | Paragraph
  | BulletList
  | Table
  | KeyValues
  | CodeBlock
  | ChartBlock
  | Signatures
  | FillIn
  | PageBreak
  | TocBlock
  | TitleBlock
  | MainTextMark;

export interface Cover {
  /** Small line above the title, e.g. "Abschlussprüfung Winter 2026/27 – Fachinformatiker/in Systemintegration". */
  overline: string;
  title: string;
  subtitle: string;
  /** Label/value lines in the lower half (Prüfling, Ausbildungsbetrieb, Zeitraum …). */
  lines: [string, string][];
  /** Blank lines to fill in by hand (e.g. the examiner). */
  fillIns?: string[];
}

export interface DocModel {
  kind: DocumentKind;
  lang: DocLanguage;
  /** PDF metadata. */
  meta: { title: string; author: string; subject: string; keywords: string[]; creator: string };
  /** Running header: left (project) and right (document) parts; the footer carries page numbers. */
  header: { left: string; right: string };
  footer: { left: string; pageLabel: string };
  cover?: Cover;
  blocks: Block[];
}

/** Small constructors so chapter builders read like the document they make. */
export const b = {
  h: (level: Heading['level'], id: string, text: string, number?: string, pageBreak?: boolean): Heading => ({
    kind: 'heading', level, id, text, ...(number ? { number } : {}), ...(pageBreak ? { pageBreak } : {}),
  }),
  p: (text: RichText, style?: ParagraphStyle): Paragraph => (style ? { kind: 'paragraph', text, style } : { kind: 'paragraph', text }),
  bullets: (items: RichText[], numbered?: boolean): BulletList => (numbered ? { kind: 'bullets', items, numbered } : { kind: 'bullets', items }),
  table: (columns: TableColumn[], rows: string[][], opts: { totalRows?: number[]; caption?: string } = {}): Table => ({ kind: 'table', columns, rows, ...opts }),
  kv: (rows: [string, string][]): KeyValues => ({ kind: 'keyValues', rows }),
  code: (lines: string[], caption?: string): CodeBlock => (caption ? { kind: 'code', lines, caption } : { kind: 'code', lines }),
  chart: (chart: Chart, caption: string): ChartBlock => ({ kind: 'chart', chart, caption }),
  pageBreak: (): PageBreak => ({ kind: 'pageBreak' }),
};

export const col = (title: string, width: number, align?: TableColumn['align'], mono?: boolean): TableColumn => ({
  title, width, ...(align ? { align } : {}), ...(mono ? { mono } : {}),
});

/** Every text a model shows, for the glyph-coverage and translation checks. */
export function modelTexts(m: DocModel): string[] {
  const out: string[] = [m.meta.title, m.meta.author, m.meta.subject, m.header.left, m.header.right, m.footer.left, m.footer.pageLabel];
  const rich = (r: RichText) => (typeof r === 'string' ? out.push(r) : r.forEach((s) => out.push(s.text)));
  if (m.cover) out.push(m.cover.overline, m.cover.title, m.cover.subtitle, ...m.cover.lines.flat(), ...(m.cover.fillIns ?? []));
  for (const blk of m.blocks) {
    switch (blk.kind) {
      case 'heading': out.push(blk.text); break;
      case 'paragraph': rich(blk.text); break;
      case 'bullets': blk.items.forEach(rich); break;
      case 'table': out.push(...blk.columns.map((c) => c.title), ...blk.rows.flat(), ...(blk.caption ? [blk.caption] : [])); break;
      case 'keyValues': out.push(...blk.rows.flat()); break;
      case 'code': out.push(...blk.lines, ...(blk.caption ? [blk.caption] : [])); break;
      case 'chart': out.push(blk.caption, ...chartTexts(blk.chart)); break;
      case 'signatures': out.push(blk.placeDateLabel, blk.signatureLabel, ...blk.fields.flatMap((f) => [f.role, f.name])); break;
      case 'fillIn': out.push(...blk.labels); break;
      case 'toc': out.push(blk.title); break;
      case 'title': out.push(blk.text, ...(blk.subtitle ? [blk.subtitle] : [])); break;
      default: break;
    }
  }
  return out;
}

function chartTexts(c: Chart): string[] {
  switch (c.type) {
    case 'bars': return [...c.categories, ...c.series.map((s) => s.name), c.unit];
    case 'lines': return [...c.xLabels, ...c.series.map((s) => s.name), c.unit, ...(c.bars ? [c.bars.name] : [])];
    case 'gantt': return [...c.rows.map((r) => r.label), ...c.legend.map((l) => l.name), ...c.axisLabels.map((a) => a.label), c.unit];
    case 'timeline': return [...c.lanes.map((l) => l.label), ...c.events.map((e) => e.label), ...c.legend.map((l) => l.name), c.unit];
    case 'topology': return [...c.nodes.flatMap((n) => [n.label, ...n.lines]), ...c.links.map((l) => l.label), ...(c.vip ? [c.vip.label] : [])];
  }
}

import type { ChapterAddition } from './schema';
import type { BuildContext } from './context';
import { b, type Block } from './model';
import type { SectionDef } from './outline';

export type SectionBodies = Record<string, (c: BuildContext) => Block[]>;

/** Section numbers from the outline: 1, 1.1, 1.1.1 for the main text, A1, A2 in the annex. */
export function sectionNumbers(outline: SectionDef[]): Map<string, string> {
  const out = new Map<string, string>();
  const counters = [0, 0, 0];
  let annex = 0;
  for (const sec of outline) {
    if (sec.numbering === 'main') {
      counters[sec.level - 1]!++;
      for (let i = sec.level; i < 3; i++) counters[i] = 0;
      out.set(sec.id, counters.slice(0, sec.level).join('.'));
    } else if (sec.numbering === 'annex') out.set(sec.id, `A${++annex}`);
  }
  return out;
}

/** The user's paragraphs: blank lines separate them. */
export function userParagraphs(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => b.p(p, 'user'));
}

/**
 * Applies the user's addition to a chapter: 'append' adds the paragraphs at the end (dropping a "pending"
 * note), 'replace' swaps the generated prose (and any "pending" note) for them where the prose stood;
 * tables, charts and lists stay, because they are the project's data.
 */
export function applyAddition(blocks: Block[], add: ChapterAddition | undefined): Block[] {
  const extra = add ? userParagraphs(add.text) : [];
  if (!extra.length) return blocks;
  // A "pending" note says the chapter has no content yet; the user's text is that content.
  if (add!.mode === 'append') return [...blocks.filter((x) => !(x.kind === 'paragraph' && x.style === 'pending')), ...extra];
  const isProse = (x: Block) => x.kind === 'paragraph' && (x.style === undefined || x.style === 'normal' || x.style === 'pending');
  const first = blocks.findIndex(isProse);
  const kept = blocks.filter((x) => !isProse(x));
  if (first < 0) return [...extra, ...blocks];
  const before = blocks.slice(0, first).filter((x) => !isProse(x)).length;
  return [...kept.slice(0, before), ...extra, ...kept.slice(before)];
}

/** Headings from the outline, each section's body from its builder, the user's additions applied. */
export function assemble(c: BuildContext, outline: SectionDef[], bodies: SectionBodies): Block[] {
  const numbers = sectionNumbers(outline);
  const additions = c.src.project.documents.additions;
  const out: Block[] = [];
  for (const sec of outline) {
    const number = numbers.get(sec.id);
    out.push({
      kind: 'heading', level: sec.level, id: sec.id, text: c.d(`titles.${sec.id}`),
      ...(number ? { number } : {}), ...(sec.pageBreak ? { pageBreak: true } : {}), ...(sec.inToc === false ? { inToc: false } : {}),
    });
    const body = bodies[sec.id]?.(c) ?? [];
    out.push(...(sec.editable ? applyAddition(body, additions[sec.id]) : body));
  }
  return out;
}

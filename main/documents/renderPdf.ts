import { AppError } from '../../shared/errors';
import type { Block, DocModel, Heading } from '../../shared/documents/model';
import { drawCode, drawFillIn, drawSignatures } from './draw/blocks';
import { drawChart } from './draw/charts/index';
import { drawCover } from './draw/cover';
import { drawFrames } from './draw/frame';
import { drawKeyValues, keyValuesLead } from './draw/keyValues';
import { drawTable, tableLead } from './draw/table';
import { drawBullets, drawHeading, drawParagraph, drawTitle } from './draw/text';
import { drawToc, tocPages, type TocEntry } from './draw/toc';
import { fontPaths, type FontName } from './fonts';
import { createPdf, PdfWriter } from './writer';

export interface RenderedHeading {
  id: string;
  level: number;
  number?: string;
  text: string;
  /** 1-based page number as printed. */
  page: number;
}

export interface RenderResult {
  pdf: Buffer;
  pageCount: number;
  headings: RenderedHeading[];
  /** Pages of the main text (chapters 1 to the conclusion), which chambers limit (commonly 15). */
  mainText: { firstPage: number; lastPage: number; pages: number } | null;
}

export interface RenderOptions {
  fonts?: Record<FontName, string>;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Fixed dates make byte-comparable output in tests. */
  creationDate?: Date;
}

/**
 * Turns a document model into a PDF in one pass: the contents pages are reserved where the model puts them
 * (their size is known from the headings), every heading records its page, and at the end the contents,
 * running headers and page numbers are drawn over the buffered pages.
 */
export async function renderPdf(model: DocModel, opts: RenderOptions = {}): Promise<RenderResult> {
  const doc = createPdf(opts.fonts ?? fontPaths(), {
    Title: model.meta.title,
    Author: model.meta.author,
    Subject: model.meta.subject,
    Keywords: model.meta.keywords.join(', '),
    Creator: model.meta.creator,
    Producer: 'Mail HA Studio (pdfkit)',
    CreationDate: opts.creationDate ?? new Date(),
  }, model.lang === 'de' ? 'de-DE' : 'en-GB');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const w = new PdfWriter(doc);
  doc.addPage();
  if (model.cover) {
    drawCover(w, model.cover);
    w.addPage();
  }
  const headings = model.blocks.filter((b): b is Heading => b.kind === 'heading');
  const tocHeadings = headings.filter((h) => h.level <= 3 && h.inToc !== false);
  let toc: { title: string; first: number } | null = null;
  const placed: RenderedHeading[] = [];
  const outline: PDFKit.PDFOutline[] = [];
  let mainStart: number | null = null;
  let mainEnd: number | null = null;

  const total = model.blocks.length;
  for (let i = 0; i < total; i++) {
    if (opts.signal?.aborted) throw new AppError('docs:errors.cancelled');
    const block = model.blocks[i]!;
    const following = model.blocks[i + 1];
    drawBlock(w, block, model, following, {
      toc: (title) => {
        if (!w.atTop) w.addPage();
        toc = { title, first: w.pageIndex };
        const n = tocPages(w, tocHeadings);
        for (let k = 0; k < n; k++) w.addPage();
      },
      heading: (h, y) => {
        doc.addNamedDestination(h.id, 'XYZ', w.left, y, null);
        const title = h.number ? `${h.number} ${h.text}` : h.text;
        const parent = outline[h.level - 2] ?? doc.outline;
        const item = parent.addItem(title);
        outline[h.level - 1] = item;
        outline.length = h.level;
        placed.push({ id: h.id, level: h.level, ...(h.number ? { number: h.number } : {}), text: h.text, page: w.pageIndex + 1 });
      },
      mark: (edge) => {
        if (edge === 'start') mainStart = w.pageIndex + 1;
        else mainEnd = w.atTop ? w.pageIndex : w.pageIndex + 1;
      },
    });
    if (i % 8 === 0) {
      opts.onProgress?.(i, total);
      // Let cancel requests and progress events through during long documents.
      await new Promise((r) => setImmediate(r));
    }
  }
  const pageCount = doc.bufferedPageRange().count;
  if (toc) {
    const t = toc as { title: string; first: number };
    const byId = new Map(placed.map((p) => [p.id, p.page]));
    const entries: TocEntry[] = tocHeadings.map((h) => ({ heading: h, page: byId.get(h.id) ?? 0 }));
    drawToc(w, t.title, t.first, entries, (p) => String(p));
  }
  drawFrames(w, model, pageCount, !!model.cover);
  doc.end();
  await ended;
  opts.onProgress?.(total, total);
  const ms = mainStart as number | null;
  const me = mainEnd as number | null;
  return {
    pdf: Buffer.concat(chunks),
    pageCount,
    headings: placed,
    mainText: ms !== null && me !== null ? { firstPage: ms, lastPage: me, pages: me - ms + 1 } : null,
  };
}

interface Hooks {
  toc(title: string): void;
  heading(h: Heading, y: number): void;
  mark(edge: 'start' | 'end'): void;
}

/** The room a block needs where it starts, so the heading above it is not left alone at the foot of a page. */
function leadOf(w: PdfWriter, block: Block | undefined): number {
  if (block?.kind === 'table') return tableLead(w, block);
  if (block?.kind === 'keyValues') return keyValuesLead(w, block);
  return 0;
}

function drawBlock(w: PdfWriter, block: Block, model: DocModel, next: Block | undefined, hooks: Hooks): void {
  switch (block.kind) {
    case 'heading': {
      const y = drawHeading(w, block, next?.kind === 'heading' ? next : undefined, leadOf(w, next));
      hooks.heading(block, y);
      break;
    }
    case 'paragraph': drawParagraph(w, block); break;
    case 'bullets': drawBullets(w, block); break;
    case 'table': drawTable(w, block); break;
    case 'keyValues': drawKeyValues(w, block); break;
    case 'code': drawCode(w, block); break;
    case 'chart': drawChart(w, block, model.lang); break;
    case 'signatures': drawSignatures(w, block); break;
    case 'fillIn': drawFillIn(w, block); break;
    case 'pageBreak': if (!w.atTop) w.addPage(); break;
    case 'toc': hooks.toc(block.title); break;
    case 'mainText': hooks.mark(block.edge); break;
    case 'title': drawTitle(w, block); break;
  }
}

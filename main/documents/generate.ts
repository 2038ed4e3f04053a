import type { TFunction } from 'i18next';
import { buildDocument, type DocLanguage, type DocumentKind } from '../../shared/documents/index';
import { checkPageLimit, type PageLimitCheck } from '../../shared/documents/pageLimit';
import type { Project } from '../../shared/project/schema';
import { AppError } from '../../shared/errors';
import { nodeTranslator } from '../i18n/nodeI18n';
import { writeFileAtomic } from '../project/atomicWrite';
import { fileError } from '../project/projectFiles';
import { gatherSources, type GatherOptions } from './gather';
import { renderPdf, type RenderedHeading } from './renderPdf';

export type GenerateStage = 'gather' | 'build' | 'render' | 'write';

export interface GenerateOptions extends Omit<GatherOptions, 'lang'> {
  kind: DocumentKind;
  lang: DocLanguage;
  project: Project;
  /** Where to write the PDF; without it only the bytes are returned. */
  outPath?: string;
  onProgress?: (stage: GenerateStage, done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface GenerateResult {
  pdf: Buffer;
  pages: number;
  headings: RenderedHeading[];
  /** The report's main text against the chamber's limit (null for other documents). */
  pageLimit: PageLimitCheck | null;
  /** Where the handbook's data came from. */
  source: 'live' | 'unreachable' | 'project';
}

const translators = new Map<DocLanguage, Promise<TFunction>>();
const translator = (lang: DocLanguage) => {
  let t = translators.get(lang);
  if (!t) translators.set(lang, (t = nodeTranslator(lang)));
  return t;
};

/** Gathers the data, builds the document model, renders it to PDF and writes it atomically. */
export async function generateDocument(o: GenerateOptions): Promise<GenerateResult> {
  const check = () => {
    if (o.signal?.aborted) throw new AppError('docs:errors.cancelled');
  };
  o.onProgress?.('gather', 0, 1);
  const src = await gatherSources(o.project, { ...o, lang: o.lang });
  check();
  o.onProgress?.('build', 0, 1);
  const t = await translator(o.lang);
  const model = buildDocument(o.kind, src, (k, p) => t(k, p ?? {}), o.lang);
  check();
  const r = await renderPdf(model, { onProgress: (d, n) => o.onProgress?.('render', d, n), ...(o.signal ? { signal: o.signal } : {}) });
  check();
  if (o.outPath) {
    o.onProgress?.('write', 0, 1);
    try {
      await writeFileAtomic(o.outPath, r.pdf);
    } catch (e) {
      throw fileError(e, o.outPath);
    }
  }
  return {
    pdf: r.pdf,
    pages: r.pageCount,
    headings: r.headings,
    pageLimit: o.kind === 'report' ? checkPageLimit(r.mainText) : null,
    source: src.live?.ok ? 'live' : src.live ? 'unreachable' : 'project',
  };
}

import type { Translate } from '../planning/reportText';
import type { Reason } from '../planning/trace';
import { makeFmt, type Fmt } from './format';
import type { DocLanguage, DocumentKind } from './model';
import type { DocumentSources } from './sources';

/** Everything a chapter builder gets: the data, a translator in the document's language, formatters. */
export interface BuildContext {
  kind: DocumentKind;
  lang: DocLanguage;
  t: Translate;
  /** Translates a docs: key (shorthand for t('docs:' + key)). */
  d(key: string, params?: Record<string, string | number>): string;
  /** A planning Reason (decision, warning) as a sentence. */
  r(reason: Reason): string;
  fmt: Fmt;
  src: DocumentSources;
  /** Running figure and table numbers ("Abbildung 3"). */
  nextFigure(): number;
  nextTable(): number;
}

export function makeContext(kind: DocumentKind, src: DocumentSources, t: Translate, lang: DocLanguage): BuildContext {
  let figures = 0;
  let tables = 0;
  return {
    kind,
    lang,
    t,
    d: (key, params) => t(`docs:${key}`, params),
    r: (reason) => t(reason.key, reason.params),
    fmt: makeFmt(lang),
    src,
    nextFigure: () => ++figures,
    nextTable: () => ++tables,
  };
}

/** "Abbildung 3: …" / "Figure 3: …" */
export const figureCaption = (c: BuildContext, text: string) => c.d('common.figure', { n: c.nextFigure(), text });
export const tableCaption = (c: BuildContext, text: string) => c.d('common.table', { n: c.nextTable(), text });

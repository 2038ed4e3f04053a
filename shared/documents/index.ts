/**
 * The documents as pure functions: sources in, document model out. main/documents renders the model to PDF.
 */
import type { Translate } from '../planning/reportText';
import { buildAcceptance } from './acceptance';
import { makeContext } from './context';
import { buildHandbook } from './handbook/index';
import type { DocLanguage, DocModel, DocumentKind } from './model';
import { buildProposal } from './proposal';
import { buildReport } from './report/index';
import type { DocumentSources } from './sources';

const builders = { proposal: buildProposal, report: buildReport, handbook: buildHandbook, acceptance: buildAcceptance } as const;

export function buildDocument(kind: DocumentKind, src: DocumentSources, t: Translate, lang: DocLanguage): DocModel {
  return builders[kind](makeContext(kind, src, t, lang));
}

export { documentKinds } from './model';
export type { DocModel, DocumentKind, DocLanguage } from './model';
export type { DocumentSources } from './sources';

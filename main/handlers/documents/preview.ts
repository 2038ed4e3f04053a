import path from 'node:path';
import { generateDocument } from '../../documents/generate';
import { nodeTranslator } from '../../i18n/nodeI18n';
import { documentsDir } from '../dialog/documentsDir';
import { AppError } from '../../../shared/errors';
import { wasExported } from './exportedPaths';
import type { Handler } from '../types';

export const documentsPreview: Handler<'documents.preview'> = async ({ project, kind, lang }, { services }) => {
  const r = await generateDocument({ kind, lang, project, now: services.now() });
  return { pdfBase64: r.pdf.toString('base64'), pages: r.pages, pageLimit: r.pageLimit };
};

/** "Projektdokumentation – Hochverfügbarer Mailserver.pdf" in the documents folder; umlauts kept. */
export const documentsSuggestPath: Handler<'documents.suggestPath'> = async ({ kind, lang, title }) => {
  const t = await nodeTranslator(lang);
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  const name = [t(`docs:kinds.${kind}`), clean(title)].filter(Boolean).join(' – ');
  return { path: path.join(documentsDir(), `${name}.pdf`) };
};

/** Opens only a PDF this process exported (see exportedPaths). */
export const documentsOpen: Handler<'documents.open'> = async ({ path: file }, { services }) => {
  if (!wasExported(services, file)) throw new AppError('docs:errors.notExported', { path: file });
  const open = services.dialogs.openPath;
  return { opened: open ? await open(file) : false };
};

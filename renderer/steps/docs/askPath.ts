import i18next from 'i18next';
import type { DocumentKind } from '../../../shared/documents/model';
import { toErrorValue } from '../../../shared/errors';
import { ApiCallError, call } from '../../api/client';
import { useStore } from '../../store';

/**
 * Where to write the PDF: the native save dialog in the app; in the browser harness the in-app path prompt,
 * prefilled with a full path in the documents folder. Null when the user cancels.
 */
export async function askPdfPath(kind: DocumentKind, lang: 'de' | 'en', title: string): Promise<string | null> {
  const { api, showError, setPathPrompt } = useStore.getState();
  if (!api) return null;
  try {
    const t = i18next.getFixedT(lang, 'docs');
    const name = [t(`kinds.${kind}`), title.trim()].filter(Boolean).join(' – ');
    const r = await call(api, 'dialog.saveFile', { kind: 'pdf', suggestedName: `${name.slice(0, 190)}.pdf` });
    if (r.native) return r.path;
    const { path } = await call(api, 'documents.suggestPath', { kind, lang, title });
    const ui = i18next.getFixedT(null, 'docs');
    return await new Promise((resolve) => {
      setPathPrompt({
        mode: 'save',
        initial: path,
        file: { title: ui('step.save.title'), label: ui('step.save.label'), hint: ui('step.save.hint'), submit: ui('step.save.submit'), onSubmit: resolve, onCancel: () => resolve(null) },
      });
    });
  } catch (e) {
    showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
    return null;
  }
}

import i18next from 'i18next';
import type { FileKind } from '../../../shared/contract/methods/project';
import { toErrorValue } from '../../../shared/errors';
import { ApiCallError, call } from '../../api/client';
import { useStore } from '../../store';

/**
 * Asks for a file of a kind: the native dialog in the app, the in-app path prompt in the browser harness.
 * Resolves to null when the user cancels.
 */
export async function pickFile(kind: FileKind, mode: 'open' | 'save', suggestedName = ''): Promise<string | null> {
  const { api, showError, setPathPrompt } = useStore.getState();
  if (!api) return null;
  let r: { native: boolean; path: string | null };
  try {
    r = mode === 'open' ? await call(api, 'dialog.openFile', { kind }) : await call(api, 'dialog.saveFile', { kind, suggestedName });
  } catch (e) {
    showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
    return null;
  }
  if (r.native) return r.path;
  const t = i18next.getFixedT(null, 'anaui');
  return new Promise((resolve) => {
    setPathPrompt({
      mode,
      initial: suggestedName,
      file: {
        title: t(`files.${kind}.title`),
        label: t(`files.${kind}.label`),
        hint: t('files.hint'),
        submit: mode === 'open' ? t('files.open') : t('files.save'),
        onSubmit: (path) => resolve(path),
        onCancel: () => resolve(null),
      },
    });
  });
}

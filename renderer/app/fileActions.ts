import { useStore } from '../store';

/** Open/Save go through the native dialog when there is one, else through the in-app path prompt. */
export async function openWithDialog(): Promise<void> {
  const { api, openProject, setPathPrompt, recent } = useStore.getState();
  if (!api) return;
  const r = await api.call('dialog.openProject', {});
  if (!r.ok) return useStore.getState().showError(r.error);
  if (r.value.native) {
    if (r.value.path) await openProject(r.value.path);
  } else {
    setPathPrompt({ mode: 'open', initial: recent[0]?.path ?? '' });
  }
}

export async function saveWithDialog(forceAsk: boolean): Promise<void> {
  const { api, filePath, project, saveProject, setPathPrompt } = useStore.getState();
  if (!api || !project) return;
  if (filePath && !forceAsk) {
    await saveProject();
    return;
  }
  const suggested = suggestedFileName(project.meta.customer, project.meta.title);
  const r = await api.call('dialog.saveProject', { suggestedName: suggested });
  if (!r.ok) return useStore.getState().showError(r.error);
  if (r.value.native) {
    if (r.value.path) await saveProject(r.value.path);
  } else {
    setPathPrompt({ mode: 'save', initial: filePath ?? r.value.suggestedPath ?? suggested });
  }
}

/** "Müller & Söhne – HA-Mailserver" -> "Müller-Söhne-HA-Mailserver.mhs.json": umlauts kept, separators as dashes. */
export function suggestedFileName(customer: string, title: string): string {
  const base = [customer, title]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'Projekt'}.mhs.json`;
}

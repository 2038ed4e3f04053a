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
    setPathPrompt({ mode: 'save', initial: filePath ?? suggested });
  }
}

export function suggestedFileName(customer: string, title: string): string {
  const base = [customer, title]
    .filter(Boolean)
    .join('-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return `${base || 'projekt'}.mhs.json`;
}

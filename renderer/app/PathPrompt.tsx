import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import type { PathPrompt as Prompt } from '../store/appSlice';

/** Asks for a file path where no native dialog exists (browser harness); the app uses the OS dialog. */
export function PathPrompt() {
  const prompt = useStore((s) => s.pathPrompt);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (prompt && !d.open) d.showModal();
    else if (!prompt && d.open) d.close();
  }, [prompt]);
  const cancel = () => {
    prompt?.file?.onCancel?.();
    useStore.getState().setPathPrompt(null);
  };
  return (
    <dialog ref={ref} className="dialog" onClose={() => { if (useStore.getState().pathPrompt === prompt) cancel(); }} aria-labelledby="path-title">
      {/* One form per prompt, keyed by it: the field starts with the prompt's path when the dialog opens, so no
          later effect can overwrite what the user has already typed. */}
      {prompt && <PathForm key={promptKey(prompt)} prompt={prompt} onCancel={cancel} />}
    </dialog>
  );
}

const keys = new WeakMap<Prompt, number>();
let nextKey = 0;
function promptKey(p: Prompt): number {
  let k = keys.get(p);
  if (k === undefined) keys.set(p, (k = ++nextKey));
  return k;
}

function PathForm({ prompt, onCancel }: { prompt: Prompt; onCancel: () => void }) {
  const { t } = useTranslation('project');
  const [value, setValue] = useState(prompt.initial);
  const submit = async () => {
    const { setPathPrompt, openProject, saveProject } = useStore.getState();
    const path = value.trim();
    if (!path) return;
    setPathPrompt(null);
    if (prompt.file) prompt.file.onSubmit(path);
    else if (prompt.mode === 'open') await openProject(path);
    else await saveProject(path);
  };
  const file = prompt.file;
  return (
    <form method="dialog" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2 id="path-title">{file ? file.title : prompt.mode === 'save' ? t('pathPrompt.saveTitle') : t('pathPrompt.openTitle')}</h2>
      <label htmlFor="path-input">{file ? file.label : t('pathPrompt.label')}</label>
      <input id="path-input" name="path" value={value} onChange={(e) => setValue(e.target.value)} autoFocus spellCheck={false} />
      <p className="hint">{file ? file.hint : t('pathPrompt.hint')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>{t('common:cancel')}</button>
        <button type="submit" className="primary">{file ? file.submit : prompt.mode === 'save' ? t('common:actions.save') : t('common:actions.open')}</button>
      </div>
    </form>
  );
}

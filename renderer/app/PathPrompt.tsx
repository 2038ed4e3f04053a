import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

/** Asks for a file path where no native dialog exists (browser harness); the app uses the OS dialog. */
export function PathPrompt() {
  const { t } = useTranslation('project');
  const prompt = useStore((s) => s.pathPrompt);
  const setPrompt = useStore((s) => s.setPathPrompt);
  const openProject = useStore((s) => s.openProject);
  const saveProject = useStore((s) => s.saveProject);
  const [value, setValue] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (prompt) {
      setValue(prompt.initial);
      if (!d.open) d.showModal();
    } else if (d.open) d.close();
  }, [prompt]);

  const submit = async () => {
    if (!prompt || !value.trim()) return;
    setPrompt(null);
    if (prompt.file) prompt.file.onSubmit(value.trim());
    else if (prompt.mode === 'open') await openProject(value.trim());
    else await saveProject(value.trim());
  };
  const cancel = () => {
    prompt?.file?.onCancel?.();
    setPrompt(null);
  };
  const file = prompt?.file;

  return (
    <dialog ref={ref} className="dialog" onClose={() => { if (useStore.getState().pathPrompt === prompt) cancel(); }} aria-labelledby="path-title">
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2 id="path-title">{file ? file.title : prompt?.mode === 'save' ? t('pathPrompt.saveTitle') : t('pathPrompt.openTitle')}</h2>
        <label htmlFor="path-input">{file ? file.label : t('pathPrompt.label')}</label>
        <input id="path-input" name="path" value={value} onChange={(e) => setValue(e.target.value)} autoFocus spellCheck={false} />
        <p className="hint">{file ? file.hint : t('pathPrompt.hint')}</p>
        <div className="dialog-actions">
          <button type="button" onClick={cancel}>{t('common:cancel')}</button>
          <button type="submit" className="primary">{file ? file.submit : prompt?.mode === 'save' ? t('common:actions.save') : t('common:actions.open')}</button>
        </div>
      </form>
    </dialog>
  );
}

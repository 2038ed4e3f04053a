import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

/** Shows an error value: the translated message first, the technical detail folded below. */
export function ErrorDialog() {
  const { t } = useTranslation('errors');
  const error = useStore((s) => s.error);
  const close = useStore((s) => s.showError);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (error && !d.open) d.showModal();
    if (!error && d.open) d.close();
  }, [error]);
  const message = error ? t(error.code, { ...error.params, defaultValue: t('errors:unknown', { code: error.code }) }) : '';
  return (
    <dialog ref={ref} className="dialog error-dialog" onClose={() => close(null)} aria-labelledby="error-title">
      <h2 id="error-title">{t('errors:title')}</h2>
      <p className="error-message">{message}</p>
      {error?.detail ? (
        <details>
          <summary>{t('errors:details')}</summary>
          <pre>{error.detail}</pre>
        </details>
      ) : null}
      <div className="dialog-actions">
        <button className="primary" autoFocus onClick={() => close(null)}>{t('common:ok')}</button>
      </div>
    </dialog>
  );
}

import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  /** An i18n key, or a key with parameters (e.g. the RAID rule with its level and disk count). */
  error?: string | { key: string; params?: Record<string, string | number> };
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

/** A labelled form field with its translated error (an i18n key) and optional hint. */
export function Field({ label, error, hint, children }: Props) {
  const id = useId();
  const { t } = useTranslation();
  const msgId = `${id}-msg`;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, error || hint ? msgId : undefined)}
      {error ? (
        <div id={msgId} className="field-msg error" role="alert">
          {typeof error === 'string' ? t(error) : t(error.key, error.params ?? {})}
        </div>
      ) : hint ? (
        <div id={msgId} className="field-msg">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

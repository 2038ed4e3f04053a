import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: number | undefined;
  /** Called with every valid entry; undefined when the field was emptied. */
  onChange(value: number | undefined): void;
  min?: number;
  max?: number;
  integer?: boolean;
  /** Empty is allowed (the engine then uses its default or leaves the value out). */
  optional?: boolean;
  unit?: string;
  hint?: ReactNode;
  name?: string;
  step?: number | 'any';
  className?: string;
  /** Decimals shown for a value that came from elsewhere (e.g. 2000.398934016 GB from lsblk); the stored value stays exact. */
  digits?: number;
}

type Check = { ok: true; value: number | undefined } | { ok: false; message: string };

/**
 * A number input that keeps what the user typed while it is not (yet) valid and only passes valid numbers
 * on, so the project never holds NaN or values its schema rejects.
 */
export function NumField({ label, value, onChange, min, max, integer, optional, unit, hint, name, step = 'any', className, digits }: Props) {
  const { t } = useTranslation('planui');
  const id = useId();
  const show = (v: number | undefined) => (v === undefined ? '' : digits === undefined ? String(v) : String(Math.round(v * 10 ** digits) / 10 ** digits));
  const [text, setText] = useState(show(value));
  const [shown, setShown] = useState(value);
  const [touched, setTouched] = useState(false);
  // Follow changes from elsewhere (reload, reset) without overwriting what the user is typing.
  if (value !== shown) {
    setShown(value);
    const r = check(text);
    if (!r.ok || r.value !== value) setText(show(value));
  }

  function check(s: string): Check {
    if (s.trim() === '') return optional ? { ok: true, value: undefined } : { ok: false, message: t('validation.required') };
    const n = Number(s.replace(',', '.'));
    if (!Number.isFinite(n)) return { ok: false, message: t('validation.number') };
    if (integer && !Number.isInteger(n)) return { ok: false, message: t('validation.integer') };
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
      return { ok: false, message: max === undefined ? t('validation.min', { min }) : t('validation.range', { min: min ?? 0, max }) };
    }
    return { ok: true, value: n };
  }

  const r = check(text);
  const error = !r.ok && (touched || text.trim() !== '') ? r.message : undefined;
  const msgId = `${id}-msg`;
  return (
    <div className={`field${error ? ' field-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="with-unit">
        <input id={id} name={name} type="number" inputMode="decimal" step={step} min={min} max={max} value={text}
          aria-invalid={error ? true : undefined} aria-describedby={error || hint ? msgId : undefined}
          onChange={(e) => {
            setText(e.target.value);
            const c = check(e.target.value);
            if (c.ok) {
              setShown(c.value);
              onChange(c.value);
            } else if (e.target.value.trim() === '' && !optional) {
              setShown(undefined);
              onChange(undefined);
            }
          }}
          onBlur={() => setTouched(true)} />
        {unit ? <span className="unit">{unit}</span> : null}
      </div>
      {error ? (
        <div id={msgId} className="field-msg error" role="alert">{error}</div>
      ) : hint ? (
        <div id={msgId} className="field-msg">{hint}</div>
      ) : null}
    </div>
  );
}

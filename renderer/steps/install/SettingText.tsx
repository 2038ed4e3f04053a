import { useState } from 'react';
import type { ZodType } from 'zod';
import { Field } from '../../components/Field';

interface Props {
  label: string;
  name: string;
  value: string | undefined;
  schema: ZodType<string>;
  /** i18n key (with namespace) of the message for text the schema rejects. */
  invalidKey: string;
  onChange(value: string | undefined): void;
  hint?: string;
  placeholder?: string;
  /** Extra check beyond the schema (e.g. address octets ≤ 255): an i18n key with namespace, or undefined when fine. */
  extra?: (v: string) => string | undefined;
}

/**
 * A text setting that keeps what the user types and only stores what the settings schema accepts (empty =
 * not set), so the project never holds a value its file format rejects.
 */
export function SettingText({ label, name, value, schema, invalidKey, onChange, hint, placeholder, extra }: Props) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  const [touched, setTouched] = useState(false);
  if (value !== shown) {
    setShown(value);
    if ((text.trim() || undefined) !== value) setText(value ?? '');
  }
  const problem = (s: string): string | undefined => {
    const v = s.trim();
    if (!v) return undefined;
    if (!schema.safeParse(v).success) return invalidKey;
    return extra?.(v);
  };
  const error = touched || text.trim() ? problem(text) : undefined;
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, d) => (
        <input id={id} name={name} aria-describedby={d} aria-invalid={error ? true : undefined} value={text} placeholder={placeholder} spellCheck={false}
          onBlur={() => setTouched(true)}
          onChange={(e) => {
            setText(e.target.value);
            const v = e.target.value.trim();
            if (!v) {
              setShown(undefined);
              onChange(undefined);
            } else if (!problem(v)) {
              setShown(v);
              onChange(v);
            }
          }} />
      )}
    </Field>
  );
}

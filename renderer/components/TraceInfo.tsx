import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { explainFigure, formatQuantity } from '../../shared/planning/explain';
import type { Figure } from '../../shared/planning/trace';
import { useTranslate } from './quantity';
import './planning.css';

/** How a figure is shown: a scale and unit other than the engine's (milliseconds shown as seconds). */
export interface Display {
  scale: number;
  unit: string;
}

/** The one open explanation: opening another closes it, so two never pile up over each other. */
let openOne: HTMLDetailsElement | null = null;

/**
 * The "Wie berechnet?" disclosure next to a computed figure: the formula in words, the same with the values,
 * every input with its label and unit, and the result, in the UI's language. It opens beside its icon on the
 * side with room, so the icons of the same column stay free, and closes on Escape, on any click (a click
 * meant for a covered neighbour reaches it with the next one) or when another one opens.
 */
export function TraceInfo({ figure, label, display, digits }: { figure: Figure; label?: string; display?: Display; digits?: number }) {
  const { t: tr } = useTranslation('planui');
  const { t, lang } = useTranslate();
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const [side, setSide] = useState<'left' | 'right'>('left');
  useEffect(() => {
    if (!open) return;
    // Any click closes it, inside the explanation too (it only informs), except on its own icon, which toggles.
    const close = (e: Event) => {
      const onIcon = ref.current?.querySelector('summary')?.contains(e.target as Node);
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !onIcon) ref.current?.removeAttribute('open');
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const onToggle = () => {
    const el = ref.current;
    if (!el) return;
    if (el.open) {
      if (openOne && openOne !== el) openOne.removeAttribute('open');
      openOne = el;
      // Beside the icon, towards the side of the page with more room.
      const box = el.getBoundingClientRect();
      const main = el.closest('main')?.getBoundingClientRect();
      setSide(box.left - (main?.left ?? 0) > 400 ? 'left' : 'right');
    } else if (openOne === el) openOne = null;
    setOpen(el.open);
  };
  const e = explainFigure(figure, t, lang);
  const result = display ? formatQuantity(t, lang, figure.value * display.scale, display.unit, digits) : e.result;
  return (
    <details className={`trace trace-${side}`} ref={ref} onToggle={onToggle}>
      <summary aria-label={label ? tr('trace.howFor', { what: label }) : tr('trace.how')} title={tr('trace.how')}>
        <span className="trace-i" aria-hidden="true">i</span>
      </summary>
      {open ? (
        <div className="trace-pop" role="note">
          <div className="trace-title">{label ? tr('trace.howFor', { what: label }) : tr('trace.how')}</div>
          <div className="trace-formula">= {e.formula}</div>
          {e.withValues ? <div className="trace-formula trace-values">= {e.withValues}</div> : null}
          {e.inputs.length ? (
            <table className="trace-inputs">
              <caption>{tr('trace.inputs')}</caption>
              <tbody>
                {e.inputs.map((i) => (
                  <tr key={i.name}>
                    <th scope="row">{i.label}</th>
                    <td>{i.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="trace-result">
            {tr('trace.result')}: <strong>{result}</strong>
          </div>
        </div>
      ) : null}
    </details>
  );
}

/** A computed figure: its value with unit (plural forms included) and the trace disclosure. */
export function Fig({ figure, digits = 1, label, display, className }: { figure: Figure; digits?: number; label?: string; display?: Display; className?: string }) {
  const { t, lang } = useTranslate();
  const shown = display ? formatQuantity(t, lang, figure.value * display.scale, display.unit, digits) : formatQuantity(t, lang, figure.value, figure.unit, digits);
  return (
    <span className={`fig${className ? ` ${className}` : ''}`}>
      <span className="fig-value">{shown}</span>
      <TraceInfo figure={figure} label={label} display={display} digits={digits} />
    </span>
  );
}

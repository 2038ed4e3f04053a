import { inputDef } from './figureInputs';
import type { Figure, FigureInput } from './trace';

/** Any translator with i18next's call shape (main's nodeTranslator, the renderer's t). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;
export type Lang = 'de' | 'en';

export function formatNumber(lang: Lang, v: number, digits = 2): string {
  if (!Number.isFinite(v)) return '–';
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
}

/** Decimals that keep small values readable without showing float noise on large ones. */
function autoDigits(v: number): number {
  const a = Math.abs(v);
  return Number.isInteger(v) ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 4;
}

/**
 * A value with its unit in the reader's language: "4.000 GB", "1 Kern", "8 Kerne", "70 %". Units with
 * plural forms (cores, years ...) have _one/_other keys under planning:units; a plain unit has one key.
 */
export function formatQuantity(t: Translate, lang: Lang, value: number, unit: string, digits?: number): string {
  if (unit === 'EUR' || unit.startsWith('EUR/')) {
    // Money as the language writes it ("1.680 €", "€1,680"); the rest of the unit follows in words.
    const d = digits ?? (Number.isInteger(value) ? 0 : 2);
    const money = Number.isFinite(value)
      ? new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR', minimumFractionDigits: d, maximumFractionDigits: d }).format(value)
      : '–';
    return unit === 'EUR' ? money : `${money} ${t(`planning:units.${unit}`)}`;
  }
  const n = formatNumber(lang, value, digits ?? autoDigits(value));
  if (unit === '' || unit === 'count' || unit === 'factor') return n;
  const shown = digits === undefined ? value : Number(value.toFixed(digits));
  const label = t(`planning:units.${unit}`, { count: shown });
  return label === `planning:units.${unit}` ? `${n} ${unit}` : `${n} ${label}`;
}

/** The label of an input name in the reader's language (per-item inputs name their item). */
export function inputLabel(t: Translate, name: string): string {
  const d = inputDef(name);
  if (!d) return name;
  if (d.arg === undefined) return t(`planning:inputs.${d.base}`);
  const what = d.def.arg === 'literal' ? d.arg : t(`${d.def.arg}.${d.arg}`);
  return t(`planning:inputs.${d.base}`, { what });
}

/** An input value as the reader writes it: number with unit, RAID level and disk type by name, yes/no. */
export function formatInput(t: Translate, lang: Lang, name: string, value: FigureInput): string {
  const d = inputDef(name);
  const kind = d?.def.kind ?? 'number';
  if (typeof value === 'boolean') return t(`planning:values.bool.${value}`);
  if (typeof value === 'number') return formatQuantity(t, lang, value, d?.def.unit ?? '');
  if (kind === 'raidLevel' || kind === 'diskType' || kind === 'fencingMethod') return t(`planning:values.${kind}.${value}`);
  return value;
}

export interface FigureExplanation {
  /** The formula over the inputs' names, e.g. "⌊Anzahl Platten ÷ 2⌋ × Größe je Platte". */
  formula: string;
  /** The same with the values put in, e.g. "⌊4 ÷ 2⌋ × 2.000 GB"; null when the formula names no input. */
  withValues: string | null;
  inputs: { name: string; label: string; value: string }[];
  /** The result with its unit. */
  result: string;
}

/**
 * A figure as a person reads it, in the reader's language: the formula in words, the formula with the values,
 * each input with its label and unit, and the result. The UI's "Wie berechnet?", the CLI and the PDF use it.
 */
export function explainFigure(f: Figure, t: Translate, lang: Lang, digits?: number): FigureExplanation {
  const names = Object.keys(f.inputs);
  const labels: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const name of names) {
    // Interpolation names cannot contain ':'; per-item inputs are listed but never placed in a formula.
    if (name.includes(':')) continue;
    labels[name] = inputLabel(t, name);
    values[name] = formatInput(t, lang, name, f.inputs[name]!);
  }
  const key = `planning:formulas.${f.formula}`;
  const formula = t(key, labels);
  const withValues = t(key, values);
  return {
    formula,
    withValues: withValues === formula ? null : withValues,
    inputs: names.map((name) => ({ name, label: inputLabel(t, name), value: formatInput(t, lang, name, f.inputs[name]!) })),
    result: formatQuantity(t, lang, f.value, f.unit, digits),
  };
}

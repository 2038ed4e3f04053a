/**
 * Traceability: every figure the planning steps show carries the formula and the inputs it came from, so the
 * UI, the CLI and the IHK report can answer "where does this number come from?". The formula is an id whose
 * readable text lives in planning:formulas.<id> (one placeholder per input name); input names are the
 * vocabulary of figureInputs.ts, so each has one label and one unit in every language. Decisions carry
 * reasons as i18n keys with parameters, never as finished sentences, so they render in the reader's language.
 */
export type FigureInput = number | string | boolean;

export interface Figure {
  value: number;
  unit: string;
  /** Formula id: planning:formulas.<formula> is the readable formula over the input names. */
  formula: string;
  /** Input name (figureInputs.ts; `name:argument` for per-item inputs) -> value. */
  inputs: Record<string, FigureInput>;
}

export interface Reason {
  /** Full i18n key with namespace, e.g. 'planning:sizing.warnings.primaryRamTooSmall'. */
  key: string;
  params?: Record<string, string | number>;
}

export function figure(value: number, unit: string, formula: string, inputs: Record<string, FigureInput>): Figure {
  return { value, unit, formula, inputs };
}

export function reason(key: string, params?: Record<string, string | number>): Reason {
  return params ? { key, params } : { key };
}

/** Rounds for display and for parameters in reasons; figures keep their exact value. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Errors are values: a stable code that doubles as the i18n key (namespace:key) plus parameters for the
 * message. Main throws AppError; the contract layer turns it into a plain ErrorValue for the renderer/CLI.
 */
export interface ErrorValue {
  code: string;
  params?: Record<string, string | number>;
  /** Technical detail (stderr, parser position ...), shown folded; never contains secrets. */
  detail?: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  readonly detail?: string;

  constructor(code: string, params: Record<string, string | number> = {}, detail?: string) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.detail = detail;
  }

  toValue(): ErrorValue {
    return { code: this.code, params: this.params, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

export function isErrorValue(v: unknown): v is ErrorValue {
  return typeof v === 'object' && v !== null && typeof (v as ErrorValue).code === 'string';
}

/** Anything thrown becomes an ErrorValue; unknown errors keep their message as detail. */
export function toErrorValue(e: unknown): ErrorValue {
  if (e instanceof AppError) return e.toValue();
  if (isErrorValue(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'errors:internal', detail: msg };
}

/** What every collector is: a constant command for `sh -c` on the server and a pure parser of its output. */
import type { CollectorResult, Facts } from '../../shared/analysis/facts.js';

export interface Collector {
  id: string;
  /** i18n key of the title shown in the UI. */
  titleKey: string;
  /** Run by `sh -c` on the server; built only from constants (the offline script runs this one). */
  command: string;
  /** Collectors whose facts this one's command uses (listed earlier in the run order); a live analysis starts it after they are done. */
  after?: readonly string[];
  /**
   * The command built from what the collectors in `after` found (paths the server configured, quoted with
   * shQuote); without it, or when they found nothing, `command`.
   */
  commandFor?: (found: Facts) => string;
  /** Needs root (run via sudo) for complete results. */
  needsSudo: boolean;
  /** Pure; never throws: partial facts plus notes. */
  parse(raw: string): CollectorResult;
  /**
   * Optional incremental form of parse for collectors with very large output (the mail log): feed stdout
   * chunks as they arrive, then end(). Gives the same result as parse(whole output).
   */
  stream?: () => { push(chunk: string): void; end(): CollectorResult };
}

/** Wraps a parser so that even a bug in it yields a note instead of an exception. */
export function safeParse(id: string, fn: (raw: string) => CollectorResult): (raw: string) => CollectorResult {
  return (raw: string) => {
    try {
      return fn(typeof raw === 'string' ? raw : '');
    } catch (e) {
      return { notes: [{ key: 'analysis:notes.parserError', params: { collector: id, detail: e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200) }, source: id }] };
    }
  };
}

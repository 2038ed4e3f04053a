/**
 * A CLI command is one small module: it parses its own argv and writes to the given streams.
 * Commands call the same handlers the app uses (main/handlers), never their own copies of the logic.
 *
 * What every command gets from runCli (main/cli/index.ts) without doing anything: `io.lang` from --lang,
 * MHS_LANG or the locale; every line it prints cleaned for the terminal (no escape sequences or control
 * characters from a server can reach it); thrown errors reported translated with the shared exit codes.
 * Helpers for commands: cliT (translator), reportError (prints, returns the exit code), CliExit (stop with a
 * code from deep inside), and in runtime.ts callHandler (dispatch + report).
 */
import type { TFunction } from 'i18next';
import type { ErrorValue } from '../../shared/errors';
import type { Language } from '../../shared/i18n/namespaces';
import { nodeTranslator } from '../i18n/nodeI18n';
import { exitCodeFor } from './exitCodes';

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Language for human-readable output ('de' | 'en'); JSON output is language-neutral. */
  lang: 'de' | 'en';
}

export interface CliCommand {
  /** e.g. "project", "plan", "analyse" */
  name: string;
  /** One-line usage shown by `--help`. */
  usage: string;
  /** Optional i18n key of a one-line description shown under the usage in `--help`. */
  descriptionKey?: string;
  /**
   * The command answers `--help` itself (e.g. it has sub-commands with their own help): runCli then passes
   * `--help` on to run() instead of printing the global help.
   */
  ownHelp?: boolean;
  /** Returns the process exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Thrown by a command (or a helper it calls) to stop with this exit code; the message is already printed. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
  }
}

const translators = new Map<Language, Promise<TFunction>>();

/** The translator for the command's language (loaded once per language and process). */
export function cliT(io: Pick<CliIO, 'lang'>): Promise<TFunction> {
  let t = translators.get(io.lang);
  if (!t) translators.set(io.lang, (t = nodeTranslator(io.lang)));
  return t;
}

/**
 * Prints an error as the app shows it (translated message, then the technical detail indented) plus what to
 * do for the errors that need an answer from the user, and returns the exit code for it.
 */
export async function reportError(io: CliIO, e: ErrorValue): Promise<number> {
  const t = await cliT(io);
  const params = e.params ?? {};
  if (e.code === 'ssh:errors.hostKeyUnknown') {
    io.err(t('common:cli.hostKeyUnknown', params));
    return exitCodeFor(e.code);
  }
  io.err(`${t('common:cli.error')}: ${t(e.code, { ...params, defaultValue: t('errors:unknown', { code: e.code }) })}`);
  if (e.code === 'ssh:errors.hostKeyChanged') io.err(t('common:cli.hostKeyChanged', params));
  if (e.detail) io.err(`  ${e.detail.split('\n').join('\n  ')}`);
  return exitCodeFor(e.code);
}

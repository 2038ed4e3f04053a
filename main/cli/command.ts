/**
 * A CLI command is one small module: it parses its own argv and writes to the given streams.
 * Commands call the same handlers the app uses (main/handlers), never their own copies of the logic.
 */
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
  /** Returns the process exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

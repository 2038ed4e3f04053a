/**
 * The ONE place that turns strings into POSIX shell words. Every argument that ends up in a remote (or local)
 * shell command line goes through shQuote/shCommand; nobody builds quoted strings by hand.
 *
 * Strategy: words made only of characters that no POSIX shell (sh, dash, bash, zsh in sh mode) treats
 * specially stay as they are (readable audit log); everything else is wrapped in single quotes, inside which
 * nothing is special except the single quote itself, which becomes '\'' (close, escaped quote, reopen).
 * NUL cannot be part of a C string, so no shell argument can carry it: we refuse it instead of silently cutting.
 */
import { AppError } from '../errors';

// Deliberately small: no '=' (zsh EQUALS expansion), no '%' (job specs), no '~' (tilde expansion), no '!'
// (history expansion in interactive bash), no glob or brace characters.
const SAFE_WORD = /^[A-Za-z0-9_./,:@+-]+$/;

export function shQuote(arg: string): string {
  if (typeof arg !== 'string') throw new TypeError('shQuote expects a string');
  if (arg.includes('\0')) throw new AppError('ssh:errors.nulInArgument', {}, 'A shell argument cannot contain a NUL byte');
  if (SAFE_WORD.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Quotes each element and joins with single spaces: the result is one shell command line. */
export function shCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new AppError('ssh:errors.emptyCommand', {}, 'shCommand needs at least one word');
  return argv.map(shQuote).join(' ');
}

import { shQuote } from '../../shell/quote';

/**
 * A command as printed in the handbook: real names quoted like every command the app runs, placeholders
 * (<Ressourcengruppe>) left as they are so the reader sees what to fill in.
 */
export function printed(argv: string[]): string {
  return argv.map((a) => (/^<[^<>]+>$/.test(a) ? a : shQuote(a))).join(' ');
}

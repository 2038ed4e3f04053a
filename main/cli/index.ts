import { cleanForTerminal } from '../../shared/analysis/cleanText';
import { toErrorValue } from '../../shared/errors';
import { CliExit, cliT, reportError, type CliCommand, type CliIO } from './command';
import { analyseCommand, collectorScriptCommand, importCollectorCommand } from './commands/analyse';
import { clusterCommand } from './commands/cluster';
import { commissionCommand } from './commands/commission';
import { docsCommand } from './commands/docs';
import { failoverCommand } from './commands/failover';
import { hostsCommand } from './commands/hosts';
import { planCommand } from './commands/plan';
import { projectCommand } from './commands/project';
import { DOCUMENTED_EXIT_CODES, ExitCode } from './exitCodes';

/**
 * `npm run cli -- <command>` / `npx mail-ha-studio <command>`: the app's handlers without a window.
 * Language: --lang de|en, else MHS_LANG, else the OS locale (German for de_*). See main/cli/README.md.
 */
/** Every command, in the order `--help` lists them (exported for tests). */
export const commands: CliCommand[] = [projectCommand, analyseCommand, importCollectorCommand, collectorScriptCommand, planCommand, hostsCommand, commissionCommand, clusterCommand, docsCommand, failoverCommand];

/** Every line goes through here: nothing a server printed can steer the user's terminal. */
export function terminalIO(io: CliIO): CliIO {
  return { lang: io.lang, out: (l) => io.out(cleanForTerminal(l)), err: (l) => io.err(cleanForTerminal(l)) };
}

async function printHelp(io: CliIO): Promise<void> {
  const t = await cliT(io);
  io.err(t('common:cli.help.title'));
  io.err('');
  io.err(t('common:cli.help.usage'));
  for (const c of commands) {
    io.err(`  ${c.usage}`);
    if (c.descriptionKey) io.err(`      ${t(c.descriptionKey)}`);
  }
  io.err('');
  io.err(t('common:cli.help.options'));
  io.err('');
  io.err(t('common:cli.help.exitCodes'));
  for (const [name, code] of DOCUMENTED_EXIT_CODES) io.err(`  ${String(code).padStart(3)}  ${t(`common:cli.help.exit.${name}`)}`);
}

/**
 * Runs one command. `--lang de|en` anywhere in argv overrides io.lang. Whatever a command throws ends as a
 * translated message and an exit code, never as a stack trace.
 */
export async function runCli(argv: string[], rawIo: CliIO): Promise<number> {
  const { lang, rest } = cliLanguage(argv, rawIo.lang);
  const io = terminalIO({ ...rawIo, lang });
  const [name, ...args] = rest;
  const cmd = commands.find((c) => c.name === name);
  if (!cmd || name === '--help' || name === 'help' || (args.includes('--help') && !cmd.ownHelp)) {
    await printHelp(io);
    return cmd || !name || name === '--help' || name === 'help' ? ExitCode.ok : ExitCode.usage;
  }
  try {
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof CliExit) return e.exitCode;
    return reportError(io, toErrorValue(e));
  }
}

/** Language from `--lang X` / `--lang=X` (removed from argv), else `fallback`, else the environment. */
export function cliLanguage(argv: string[], fallback?: 'de' | 'en'): { lang: 'de' | 'en'; rest: string[] } {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const rest = [...argv];
  let chosen: string | undefined;
  if (i >= 0) {
    const a = argv[i] ?? '';
    chosen = a.includes('=') ? a.split('=')[1] : argv[i + 1];
    rest.splice(i, a.includes('=') ? 1 : 2);
  }
  if (chosen === undefined && fallback) return { lang: fallback, rest };
  const locale = chosen ?? process.env.MHS_LANG ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? Intl.DateTimeFormat().resolvedOptions().locale;
  return { lang: (locale ?? '').toLowerCase().startsWith('de') ? 'de' : 'en', rest };
}

const isMain = process.argv[1] && /cli[/\\]index\.(ts|js|mjs)$|cli\.mjs$/.test(process.argv[1]);
if (isMain) {
  const { lang } = cliLanguage([]);
  const io: CliIO = { lang, out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
  runCli(process.argv.slice(2), io).then(
    // Exit only once stdout and stderr are flushed: into a pipe they are written asynchronously, and a large
    // --json result would be cut off by an immediate exit.
    (code) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code))),
    (e: unknown) => {
      process.stderr.write(`${cleanForTerminal(e instanceof Error ? e.message : String(e))}\n`);
      process.exit(ExitCode.failed);
    },
  );
}

import type { CliCommand, CliIO } from './command';
import { analyseCommand, collectorScriptCommand, importCollectorCommand } from './commands/analyse';
import { planCommand } from './commands/plan';
import { projectCommand } from './commands/project';

/**
 * `npm run cli -- <command>` / `npx mail-ha-studio <command>`: the app's handlers without a window.
 * Language: --lang de|en, else MHS_LANG, else the OS locale (German for de_*).
 */
const commands: CliCommand[] = [projectCommand, analyseCommand, importCollectorCommand, collectorScriptCommand, planCommand];

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = commands.find((c) => c.name === name);
  if (!cmd || name === '--help' || name === 'help') {
    io.err('Mail HA Studio CLI\n\nusage:');
    for (const c of commands) io.err(`  ${c.usage}`);
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  return cmd.run(rest, io);
}

export function cliLanguage(argv: string[]): { lang: 'de' | 'en'; rest: string[] } {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  let chosen = process.env.MHS_LANG;
  const rest = [...argv];
  if (i >= 0) {
    const a = argv[i]!;
    chosen = a.includes('=') ? a.split('=')[1] : argv[i + 1];
    rest.splice(i, a.includes('=') ? 1 : 2);
  }
  const locale = chosen ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? Intl.DateTimeFormat().resolvedOptions().locale;
  return { lang: locale.toLowerCase().startsWith('de') ? 'de' : 'en', rest };
}

const isMain = process.argv[1] && /cli[/\\]index\.(ts|js|mjs)$|cli\.mjs$/.test(process.argv[1]);
if (isMain) {
  const { lang, rest } = cliLanguage(process.argv.slice(2));
  const io: CliIO = { lang, out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
  runCli(rest, io).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}

import path from 'node:path';
import type { Project } from '../../../shared/project/schema';
import { applyPlanSettings, planKeys } from '../../commission/planSettings';
import { parseArgs } from '../args';
import { cliT, reportError, type CliCommand, type CliIO } from '../command';
import { ExitCode } from '../exitCodes';
import { callHandler } from '../runtime';
import { AppError } from '../../../shared/errors';

async function help(io: CliIO): Promise<void> {
  const t = await cliT(io);
  io.err(`usage: ${planSetCommand.usage}`);
  io.err('');
  io.err(t('install:cli.planSet.keys'));
  const w = Math.max(...planKeys.map((k) => k.key.length));
  for (const k of planKeys) io.err(`  ${k.key.padEnd(w)}  ${k.values}`);
  io.err('');
  io.err(t('install:cli.planSet.empty'));
}

/**
 * `plan set --project F KEY=VALUE ...`: planning decisions and commissioning settings without the wizard
 * (keys in main/commission/planSettings.ts, listed by `plan set --help`). All or nothing: a bad key or value
 * leaves the file as it was.
 */
export const planSetCommand: CliCommand = {
  name: 'plan set',
  usage: 'plan set --project FILE KEY=VALUE... (plan set --help lists the keys)',
  descriptionKey: 'install:cli.help.planSet',
  async run(argv, io) {
    const { positional, options } = parseArgs(argv, ['project']);
    if (options.help || argv.includes('-h')) {
      await help(io);
      return ExitCode.ok;
    }
    if (typeof options.project !== 'string' || positional.length === 0) {
      await help(io);
      return ExitCode.usage;
    }
    const file = path.resolve(options.project);
    const { project } = await callHandler<{ project: Project }>(io, 'project.open', { path: file });
    let next: Project;
    try {
      next = applyPlanSettings(project, positional, new Date());
    } catch (e) {
      if (e instanceof AppError) return reportError(io, e.toValue());
      throw e;
    }
    await callHandler(io, 'project.save', { path: file, project: next });
    const t = await cliT(io);
    io.out(t('install:cli.planSet.saved', { count: positional.length, path: file }));
    return ExitCode.ok;
  },
};

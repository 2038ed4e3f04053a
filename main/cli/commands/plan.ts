import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, toErrorValue, type ErrorValue } from '../../../shared/errors';
import { planProject, renderPlanText, type ProjectPlan } from '../../../shared/planning';
import { nodeTranslator } from '../../i18n/nodeI18n';
import { parseArgs } from '../args';
import type { CliCommand, CliIO } from '../command';
import { planSetCommand } from './planSet';

// Kept local rather than imported from the project command, so `plan` does not pull in the handler runtime.
async function reportError(io: CliIO, e: ErrorValue): Promise<void> {
  const t = await nodeTranslator(io.lang);
  io.err(`${t('planning:cli.error')}: ${t(e.code, { ...e.params, defaultValue: e.code })}`);
  if (e.detail) io.err(`  ${e.detail.split('\n').join('\n  ')}`);
}

/**
 * `plan --project FILE [--json]`: sizing, decision matrix, quorum/fencing with failover budget, costs and
 * time plan for one project file, from planProject, the composition the planning steps and documents use.
 * Exit codes: 0 plan complete, 1 the plan has errors (a section failed or quorum/fencing rules are broken),
 * 2 usage, 3 the file could not be read.
 */
export const planCommand: CliCommand = {
  name: 'plan',
  usage: 'plan --project FILE [--json] | plan set --project FILE KEY=VALUE...',
  // `plan set --help` lists the keys, so --help must reach this command instead of the global help.
  ownHelp: true,
  descriptionKey: 'common:cli.help.plan',
  async run(argv, io) {
    // `plan set` writes planning decisions and commissioning settings (main/cli/commands/planSet.ts).
    if (argv[0] === 'set') return planSetCommand.run(argv.slice(1), io);
    if (argv.includes('--help') || argv.includes('-h')) {
      io.err(`usage: ${this.usage}`);
      return 0;
    }
    const { options } = parseArgs(argv, ['project']);
    if (typeof options.project !== 'string') {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const file = path.resolve(options.project);
    let projectJson: unknown;
    try {
      projectJson = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      await reportError(io, new AppError('planning:errors.readProject', { path: file }, e instanceof Error ? e.message : String(e)).toValue());
      return 3;
    }
    let report: ProjectPlan;
    try {
      report = planProject(projectJson);
    } catch (e) {
      await reportError(io, toErrorValue(e));
      return 3;
    }
    if (options.json === true) io.out(JSON.stringify(report, null, 2));
    else {
      const t = await nodeTranslator(io.lang);
      for (const line of renderPlanText(report, (k, p) => t(k, p ?? {}), io.lang)) io.out(line);
    }
    const sections = [report.sizing, report.matrix, report.costs, report.timePlan];
    return sections.some((s) => s !== null && !s.ok) || !report.quorumFencing.ok ? 1 : 0;
  },
};

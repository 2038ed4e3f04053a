/**
 * `plan set` for the lab tests while main/cli/commands/plan.ts does not yet hand `plan set` to the
 * executor's planSetCommand (see coord requests); the same command object, run as the CLI would.
 *   npx tsx test/lab/commission/planSet.ts --project F KEY=VALUE...
 */
import { planSetCommand } from '../../../main/cli/commands/planSet';

const code = await planSetCommand.run(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), lang: 'en' });
process.exit(code);

import path from 'node:path';
import type { MethodName } from '../../../shared/contract';
import type { ErrorValue } from '../../../shared/errors';
import type { Project } from '../../../shared/project/schema';
import { parseArgs } from '../args';
import { cliT, reportError as report, type CliCommand, type CliIO } from '../command';
import { ExitCode } from '../exitCodes';
import { callHandler } from '../runtime';

const META_OPTIONS = ['customer', 'title', 'engineer', 'start', 'end'] as const;

const callOrReport = <T>(io: CliIO, method: MethodName, input: unknown): Promise<T> => callHandler<T>(io, method, input);

/** Kept for commands that import it from here; the shared one (main/cli/command.ts) also returns the exit code. */
export async function reportError(io: CliIO, e: ErrorValue): Promise<void> {
  await report(io, e);
}

async function show(project: Project, io: CliIO, json: boolean) {
  if (json) return io.out(JSON.stringify(project, null, 2));
  const t = await cliT(io);
  const m = project.meta;
  const rows: [string, string][] = [
    [t('project:fields.customer'), m.customer],
    [t('project:fields.title'), m.title],
    [t('project:fields.engineer'), m.engineer],
    [t('project:fields.startDate'), m.startDate],
    [t('project:fields.endDate'), m.endDate],
    [t('project:fields.rates.engineer'), `${m.rates.engineer} €/h`],
    [t('project:fields.rates.apprentice'), `${m.rates.apprentice} €/h`],
    [t('project:fields.rates.overheadPercent'), `${m.rates.overheadPercent} %`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) io.out(`${k.padEnd(w)}  ${v || '–'}`);
  for (const [k, v] of [['descriptionIst', m.descriptionIst], ['descriptionSoll', m.descriptionSoll]] as const) {
    if (v) io.out(`\n${t(`project:fields.${k}`)}:\n  ${v.split('\n').join('\n  ')}`);
  }
  io.out(`\n${t('common:cli.steps')}:`);
  for (const [id, s] of Object.entries(project.steps)) io.out(`  ${t(`wizard:steps.${id}.title`).padEnd(24)} ${t(`wizard:status.${s.status}`)}`);
}

/** `project new|show|validate FILE`: the same handlers as the app's Projekt step. */
export const projectCommand: CliCommand = {
  name: 'project',
  usage: 'project new FILE [--customer X --title X --engineer X --start YYYY-MM-DD --end YYYY-MM-DD] | project show FILE [--json] | project validate FILE',
  descriptionKey: 'common:cli.help.project',
  async run(argv, io) {
    const { positional, options } = parseArgs(argv, [...META_OPTIONS]);
    const [sub, fileArg] = positional;
    if (!sub || !fileArg || !['new', 'show', 'validate'].includes(sub)) {
      io.err(`usage: ${this.usage}`);
      return ExitCode.usage;
    }
    const file = path.resolve(fileArg);
    if (sub === 'new') {
      const created = await callOrReport<{ project: Project }>(io, 'project.new', {});
      const o = options;
      const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
      const meta = {
        ...created.project.meta,
        ...(str('customer') !== undefined && { customer: str('customer') }),
        ...(str('title') !== undefined && { title: str('title') }),
        ...(str('engineer') !== undefined && { engineer: str('engineer') }),
        ...(str('start') !== undefined && { startDate: str('start') }),
        ...(str('end') !== undefined && { endDate: str('end') }),
      };
      const saved = await callOrReport<{ path: string }>(io, 'project.save', { path: file, project: { ...created.project, meta } });
      const t = await cliT(io);
      io.out(t('common:cli.created', { path: saved.path }));
      return 0;
    }
    if (sub === 'validate') {
      const r = await callOrReport<{ ok: boolean; migratedFrom?: number }>(io, 'project.validate', { path: file });
      const t = await cliT(io);
      io.out(t('common:cli.valid', { path: file }));
      if (r.migratedFrom) io.out(t('project:file.migrated', { from: r.migratedFrom }));
      return 0;
    }
    const opened = await callOrReport<{ project: Project }>(io, 'project.open', { path: file });
    await show(opened.project, io, options.json === true);
    return 0;
  },
};

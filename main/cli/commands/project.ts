import path from 'node:path';
import type { MethodName, Result } from '../../../shared/contract';
import type { ErrorValue } from '../../../shared/errors';
import type { Project } from '../../../shared/project/schema';
import { nodeTranslator } from '../../i18n/nodeI18n';
import { parseArgs } from '../args';
import type { CliCommand, CliIO } from '../command';
import { cliDispatch } from '../runtime';

const META_OPTIONS = ['customer', 'title', 'engineer', 'start', 'end'] as const;

async function callOrReport<T>(io: CliIO, method: MethodName, input: unknown): Promise<T | undefined> {
  const r = (await cliDispatch()(method, input)) as Result<T>;
  if (r.ok) return r.value;
  await reportError(io, r.error);
  return undefined;
}

export async function reportError(io: CliIO, e: ErrorValue): Promise<void> {
  const t = await nodeTranslator(io.lang);
  io.err(`${t('common:cli.error')}: ${t(e.code, { ...e.params, defaultValue: e.code })}`);
  if (e.detail) io.err(`  ${e.detail.split('\n').join('\n  ')}`);
}

async function show(project: Project, io: CliIO, json: boolean) {
  if (json) return io.out(JSON.stringify(project, null, 2));
  const t = await nodeTranslator(io.lang);
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
  async run(argv, io) {
    const { positional, options } = parseArgs(argv, [...META_OPTIONS]);
    const [sub, fileArg] = positional;
    if (!sub || !fileArg || !['new', 'show', 'validate'].includes(sub)) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const file = path.resolve(fileArg);
    if (sub === 'new') {
      const created = await callOrReport<{ project: Project }>(io, 'project.new', {});
      if (!created) return 1;
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
      if (!saved) return 1;
      const t = await nodeTranslator(io.lang);
      io.out(t('common:cli.created', { path: saved.path }));
      return 0;
    }
    if (sub === 'validate') {
      const r = await callOrReport<{ ok: boolean; migratedFrom?: number }>(io, 'project.validate', { path: file });
      if (!r) return 1;
      const t = await nodeTranslator(io.lang);
      io.out(t('common:cli.valid', { path: file }));
      if (r.migratedFrom) io.out(t('project:file.migrated', { from: r.migratedFrom }));
      return 0;
    }
    const opened = await callOrReport<{ project: Project }>(io, 'project.open', { path: file });
    if (!opened) return 1;
    await show(opened.project, io, options.json === true);
    return 0;
  },
};

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { FORMAT_VERSION, newProject } from './schema';
import { parseProjectText, serializeProject } from './parse';

const ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const NOW = new Date('2026-11-25T10:00:00.000Z');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('parseProjectText', () => {
  it('round-trips a project with German text', () => {
    const p = newProject(ID, NOW);
    p.meta.customer = 'Müller & Söhne GmbH';
    p.meta.descriptionIst = 'Ein Server, keine Redundanz.\nRAID10 über 4 × 2 TB.';
    const back = parseProjectText(serializeProject(p)).project;
    expect(back).toEqual(p);
    expect(back.formatVersion).toBe(FORMAT_VERSION);
  });

  it('fills defaults for every step and the hourly rates', () => {
    const p = newProject(ID, NOW);
    expect(p.steps.analysis.status).toBe('notStarted');
    expect(p.meta.rates.engineer).toBeGreaterThan(0);
  });

  it('names a truncated file as truncated', () => {
    const text = serializeProject(newProject(ID, NOW));
    expect(codeOf(() => parseProjectText(text.slice(0, Math.floor(text.length / 2))))).toBe('project:errors.truncated');
  });

  it('rejects garbage, empty and binary content with distinct codes', () => {
    expect(codeOf(() => parseProjectText('hello world'))).toBe('project:errors.notJson');
    expect(codeOf(() => parseProjectText('   '))).toBe('project:errors.empty');
    expect(codeOf(() => parseProjectText('\u0000\u0001PK\u0003'))).toBe('project:errors.binary');
    expect(codeOf(() => parseProjectText('{"some":"other json"}'))).toBe('project:errors.notAProject');
    expect(codeOf(() => parseProjectText('[1,2]'))).toBe('project:errors.notAProject');
  });

  it('names the invalid fields of a hand-edited file', () => {
    const doc = JSON.parse(serializeProject(newProject(ID, NOW)));
    doc.meta.rates.engineer = -5;
    doc.meta.startDate = '25.11.2026';
    try {
      parseProjectText(JSON.stringify(doc));
      expect.unreachable();
    } catch (e) {
      const err = e as AppError;
      expect(err.code).toBe('project:errors.invalid');
      expect(String(err.params.fields)).toContain('meta.rates.engineer');
      expect(String(err.params.fields)).toContain('meta.startDate');
    }
  });

  it('rejects an end date before the start date', () => {
    const doc = JSON.parse(serializeProject(newProject(ID, NOW)));
    doc.meta.startDate = '2026-12-01';
    doc.meta.endDate = '2026-11-01';
    expect(codeOf(() => parseProjectText(JSON.stringify(doc)))).toBe('project:errors.invalid');
  });

  it('refuses a file written by a newer version and says which', () => {
    const doc = JSON.parse(serializeProject(newProject(ID, NOW)));
    doc.formatVersion = FORMAT_VERSION + 1;
    try {
      parseProjectText(JSON.stringify(doc));
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('project:errors.newerVersion');
      expect((e as AppError).params).toEqual({ version: FORMAT_VERSION + 1, supported: FORMAT_VERSION });
    }
  });

  it('migrates a format-1 file (single hourly rate) and reports it', () => {
    const v1 = {
      format: 'mail-ha-studio/project',
      formatVersion: 1,
      id: ID,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      meta: { customer: 'Alt GmbH', hourlyRate: 72.5 },
    };
    const { project, migratedFrom } = parseProjectText(JSON.stringify(v1));
    expect(migratedFrom).toBe(1);
    expect(project.meta.rates.engineer).toBe(72.5);
    expect(project.meta.customer).toBe('Alt GmbH');
    expect(project.steps.project.status).toBe('notStarted');
    expect(project.formatVersion).toBe(FORMAT_VERSION);
  });

  it('migrates a format-2 file (before Installation, Failover-Tests and Dokumentation had sections) and keeps its data', () => {
    const v2 = {
      format: 'mail-ha-studio/project',
      formatVersion: 2,
      id: ID,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      meta: { customer: 'Zwei GmbH' },
      hosts: { primary: { host: 'mail.zwei.test', port: 22, user: 'root', auth: { method: 'agent' } } },
    };
    const { project, migratedFrom } = parseProjectText(JSON.stringify(v2));
    expect(migratedFrom).toBe(2);
    expect(project.meta.customer).toBe('Zwei GmbH');
    expect(project.hosts.primary?.host).toBe('mail.zwei.test');
    expect(project.commission.settings.clusterName).toBe('mailcluster');
    expect(project.commission.record).toBeUndefined();
    expect(project.formatVersion).toBe(FORMAT_VERSION);
  });

  it('opens a file whose failover runs were saved before mail tallies had "not verified"', () => {
    // A stored run of a real lab (ct), written before notVerified existed: its tallies lack the field.
    const run = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/support/failover/runs/ct-acceptance.json'), 'utf8'));
    expect(run.cases.some((c: { mails?: { tally: object } }) => c.mails && !('notVerified' in c.mails.tally))).toBe(true);
    const doc = JSON.parse(serializeProject(newProject(ID, NOW)));
    doc.failover.runs = [run];
    const { project } = parseProjectText(JSON.stringify(doc));
    const tallies = project.failover.runs[0]!.cases.flatMap((c) => (c.mails ? [c.mails.tally] : []));
    expect(tallies.length).toBeGreaterThan(0);
    for (const t of tallies) expect(t.notVerified).toEqual([]);
    expect(tallies.map((t) => t.lost)).toEqual(run.cases.filter((c: { mails?: unknown }) => c.mails).map((c: { mails: { tally: { lost: number[] } } }) => c.mails.tally.lost));
  });
});

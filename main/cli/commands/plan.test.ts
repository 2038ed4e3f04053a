import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../index';
import { planCommand } from './plan';
import { newProject } from '../../../shared/project/schema';
import type { CliIO } from '../command';
import { seedFacts, seedOffers } from '../../../test/support/planning/seed';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-plan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(lang: 'de' | 'en' = 'de') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { lang, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { value, out, err, text: () => out.join('\n') };
}

function projectFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

// The seed project: Ist-Analyse facts of the E5-2620 v4 server, two offers, project start Monday 2026-11-02.
const seed = {
  meta: { startDate: '2026-11-02', rates: { engineer: 95, apprentice: 35, overheadPercent: 20 } },
  facts: seedFacts,
  planning: {
    sizing: { primary: { cpuModel: 'Intel Xeon E5-2620 v4', cores: 8, threads: 16, ramGb: 32, disks: { count: 4, sizeGb: 2000, type: 'sas', raidLevel: 'raid10' }, nics: [{ count: 2, speedGbps: 1 }], data: { vmailGb: 1500, mariadbGb: 40, spoolGb: 10 }, mariadbBufferPoolGb: 8, mailsPerDay: 20000 } },
    costs: { offers: seedOffers, chosenOfferId: 'dell-r650xs', otherOneTime: [{ label: '10-GbE-DAC', amountEur: 60 }] },
  },
};

describe('plan command', () => {
  it('plan set --help lists the keys (not the global help); plan --help its usage', async () => {
    const r = io('en');
    expect(await runCli(['plan', 'set', '--help'], r.value)).toBe(0);
    const text = r.err.join('\n');
    for (const key of ['replication', 'quorum', 'fencing', 'risk.by', 'risk.reason', 'vip', 'vip.name']) expect(text).toMatch(new RegExp(`^  ${key.replace('.', '\\.')}\\s`, 'm'));
    expect(text).not.toContain('Exit codes');
    const u = io('en');
    expect(await runCli(['plan', '--help'], u.value)).toBe(0);
    expect(u.err.join('\n')).toContain('usage: plan --project FILE');
  });

  it('prints the whole plan in German, every key translated', async () => {
    const o = io('de');
    expect(await planCommand.run(['--project', projectFile('seed.json', seed)], o.value)).toBe(0);
    const t = o.text();
    expect(t).not.toMatch(/planning:/);
    expect(t).toContain('== Dimensionierung des zweiten Knotens ==');
    // The table has the columns its header names, with labels instead of ids (sas, raid10).
    expect(t).toMatch(/Eigenschaft\s+Bestehender Server\s+Empfehlung zweiter Knoten\n/);
    expect(t).toMatch(/Platten\s+4 × 2\.000 GB SAS \(10\.000 U\/min\)\s+6 × 2\.000 GB SAS \(10\.000 U\/min\)/);
    expect(t).toMatch(/RAID-Level\s+RAID 10\s+RAID 10/);
    expect(t).not.toMatch(/\b(sas|raid10)\b/);
    // DRBD on the primary's 4000 - 50 = 3950 GB: ceil(7,714,843,750/2^18)*8+72 = 235,512 sectors, as a formula in words
    expect(t).toContain('DRBD-Volume: 3.950 GB');
    expect(t).toContain('DRBD-Metadaten (intern): 235.512 Sektoren\n      = ⌈Größe des Datenträgers in Sektoren zu 512 Byte ÷ 2¹⁸⌉ × 8 × Anzahl Gegenstellen + 72\n      = ⌈7.714.843.750 Sektoren ÷ 2¹⁸⌉ × 8 × 1 + 72');
    expect(t).toContain('Im Jahr 4 des Planungszeitraums (2030) überschreiten die Daten 80 % des DRBD-Volumes (3.950 GB).');
    // Initial sync over today's 1 GbE (10.3 h, network-bound) and the recommended 10 GbE (3.1 h, disk-bound)
    expect(t).toMatch(/Erstsynchronisation über die heutige Leitung \(1 Gbit\/s\): 10,3 h[\s\S]*106,7 MB\/s, begrenzt durch das Netz/);
    expect(t).toMatch(/Erstsynchronisation über die empfohlene Leitung \(10 Gbit\/s\): 3,1 h[\s\S]*349,2 MB\/s, begrenzt durch die Platten/);
    expect(t).toMatch(/\*1\. Aktiv\/Passiv\s+7,75 Punkte/);
    expect(t).toContain('„DRBD (Block-Replikation)“ hat mit 7,8 Punkten den höchsten Nutzwert.');
    expect(t).toContain('Quorum: Quorum-Device (corosync-qnetd)');
    expect(t).toContain('Fencing: IPMI/iLO/iDRAC (fence_ipmilan), DRBD-Fencing auf Ressourcenebene');
    // 1 + 1.2 + 0 + 10 + 2 + 3 + 1 + 10 + 2 + 2 = 32.2 s (token 1000 ms by default)
    expect(t).toContain('Ungeplanter Ausfall: 32,2 s');
    // 9540 / (11000 - 1399.8) = 0.99 years
    expect(t).toContain('Amortisationsdauer: 0,99 Jahre\n      = Investition ÷ (vermiedene Ausfallkosten − laufende Kosten)');
    // The planned switchover stops the old node first.
    expect(t).toMatch(/Geplantes Umschalten: 21 s\n {3}Dienste auf dem alten Knoten stoppen\s+8 s\n {3}DRBD hochstufen/);
    expect(t).toContain('Grenze: 40 Stunden (FISI-Abschlussprojekt nach der Prüfungsordnung von 2020)');
    expect(t).toContain('Zeitraum: 2026-11-02 bis 2026-11-06');
    expect(o.err).toEqual([]);
  });

  it('prints English with --lang en semantics (io.lang)', async () => {
    const o = io('en');
    expect(await planCommand.run(['--project', projectFile('seed-en.json', seed)], o.value)).toBe(0);
    const t = o.text();
    expect(t).not.toMatch(/planning:/);
    expect(t).toContain('== Sizing of the second node ==');
    expect(t).toContain('Unplanned failure: 32.2 s');
    expect(t).toContain('Period: 2026-11-02 to 2026-11-06');
  });

  it('--json gives the language-neutral report with traceable figures', async () => {
    const o = io();
    expect(await planCommand.run(['--project', projectFile('seed-json.json', seed), '--json'], o.value)).toBe(0);
    const r = JSON.parse(o.text());
    expect(r.sizing.value.drbd.metadataSectors).toMatchObject({ value: 235512, unit: 'sectors', formula: 'drbdMetadataSectors', inputs: { sectors: 7714843750, peers: 1 } });
    expect(r.matrix.value.map((d: { chosen: string }) => d.chosen)).toEqual(['activePassive', 'drbd', 'pacemaker', 'twoPlusQdevice']);
    expect(r.quorumFencing.unplanned.totalMs.value).toBe(32200);
    expect(r.costs.value.oneTime.total.value).toBeCloseTo(9540, 6);
    expect(r.timePlan.value.totals.planned.value).toBe(40);
  });

  it('without planning data uses defaults and the facts of the Ist-Analyse', async () => {
    const o = io();
    expect(await planCommand.run(['--project', projectFile('facts-only.json', { facts: seedFacts }), '--json'], o.value)).toBe(0);
    const r = JSON.parse(o.text());
    expect(r.sizing.value.primary.usableGb.value).toBeCloseTo(4000.797868032, 6);
    expect(r.notes).toEqual([{ key: 'planning:notes.primaryGuessed', params: { count: 1 } }]);
  });

  it('exit 1 when the plan breaks a rule; the report is still printed', async () => {
    const o = io();
    const file = projectFile('bad.json', { planning: { quorumFencing: { twoNode: true, qdevice: true } } });
    expect(await planCommand.run(['--project', file], o.value)).toBe(1);
    expect(o.text()).toContain('two_node und Quorum-Device lassen sich nicht kombinieren.');
    expect(o.text()).toContain('Keine Daten zum bestehenden Server');
    expect(o.text()).toContain('Es fehlen: CPU-Kerne, Threads, Arbeitsspeicher (RAM)');
  });

  it('plan set writes a decision through the planning settings command, and plan reads it back', async () => {
    const file = projectFile('set.json', { ...newProject('6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', new Date('2026-11-25T10:00:00Z')), facts: seedFacts });
    const o = io();
    expect(await planCommand.run(['set', '--project', file, 'replication=drbd'], o.value)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).planning.matrix.chosen.replication).toBe('drbd');
    const r = io();
    await planCommand.run(['--project', file, '--json'], r.value);
    expect(JSON.parse(r.text()).matrix.value.find((d: { decision: string }) => d.decision === 'replication').chosen).toBe('drbd');
  });

  it('usage and file errors', async () => {
    const u = io();
    expect(await planCommand.run([], u.value)).toBe(2);
    expect(u.err[0]).toContain('plan --project FILE [--json]');

    const m = io();
    expect(await planCommand.run(['--project', path.join(dir, 'missing.json')], m.value)).toBe(3);
    expect(m.err.join('\n')).toContain('konnte nicht gelesen werden');

    const j = io('en');
    expect(await planCommand.run(['--project', projectFile('broken.json', '{ not json')], j.value)).toBe(3);
    expect(j.err.join('\n')).toContain('Could not read the project file');

    const p = io();
    expect(await planCommand.run(['--project', projectFile('invalid.json', { planning: { growth: { horizonYears: 99 } } })], p.value)).toBe(3);
    expect(p.err.join('\n')).toContain('Die Planungsdaten in der Projektdatei sind ungültig (bei „growth.horizonYears“).');
  });
});

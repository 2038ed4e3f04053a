import { describe, expect, it } from 'vitest';
import { planProject } from '../planning/planProject';
import type { Project } from '../project/schema';
import { ProjectSchema } from '../project/schema';
import { seedProject } from '../../test/support/documents/seedProject';
import { auditCommands, commissionedProject } from '../../test/support/documents/results';
import { strictTranslator } from '../../test/support/documents/strictTranslator';
import { buildDocument } from './index';
import { documentKinds, modelTexts, type Block, type DocModel, type Table } from './model';
import { outlines } from './outline';
import { realisationFrom } from './realisation';
import type { DocumentSources } from './sources';

function sources(project: Project, extra: Partial<DocumentSources> = {}): DocumentSources {
  return { project, plan: planProject(project), generatedAt: '2026-11-27T10:00:00Z', appVersion: '0.1.0', ...extra };
}

function withRealisation(p: Project): DocumentSources {
  return sources(p, { realisation: realisationFrom(p.commission.record!, auditCommands(p), () => undefined, (role) => p.hosts[role as 'primary'] && { host: p.hosts[role as 'primary']!.host, port: 22 }) });
}

async function build(kind: (typeof documentKinds)[number], src: DocumentSources, lang: 'de' | 'en') {
  const { t, missing } = await strictTranslator(lang);
  const model = buildDocument(kind, src, t, lang);
  return { model, missing, text: modelTexts(model).join('\n') };
}

const headingsOf = (m: DocModel) => m.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading');
const pendings = (m: DocModel) => m.blocks.filter((b) => b.kind === 'paragraph' && b.style === 'pending');

describe('every document string is translated', { timeout: 180_000 }, () => {
  for (const lang of ['de', 'en'] as const) {
    for (const kind of documentKinds) {
      it(`${kind} (${lang}): no missing key, for a planned and for a commissioned project`, async () => {
        for (const src of [sources(seedProject()), withRealisation(commissionedProject(seedProject({ actualHours: true })))]) {
          const { missing, text } = await build(kind, src, lang);
          expect(missing, 'missing translation keys').toEqual([]);
          expect(text).not.toMatch(/\b(docs|planning|failover):[a-z]/);
          expect(text).not.toMatch(/undefined|NaN|\[object/);
        }
      });
    }
  }
});

describe('report from the planned seed project (offline, no cluster yet)', () => {
  it('has the IHK structure with every heading of the outline, numbered', async () => {
    const { model } = await build('report', sources(seedProject()), 'de');
    const hs = headingsOf(model);
    expect(hs.filter((h) => !h.id.startsWith('annex-')).map((h) => h.id)).toEqual(outlines.report.map((s) => s.id));
    // The acceptance record inside the annex keeps its own headings, out of the contents.
    expect(hs.filter((h) => h.id.startsWith('annex-')).every((h) => h.inToc === false && h.level === 3)).toBe(true);
    expect(hs.find((h) => h.id === 'report.makeOrBuy')).toMatchObject({ number: '3.2.1', text: 'Make-or-Buy-Entscheidung' });
    expect(model.blocks.filter((b) => b.kind === 'mainText').map((b) => (b as { edge: string }).edge)).toEqual(['start', 'end']);
  });

  it('quotes the planning engines: DRBD metadata, amortisation, failover budget, hours', async () => {
    const src = sources(seedProject());
    const { text } = await build('report', src, 'de');
    const plan = src.plan;
    const s = plan.sizing!.ok ? plan.sizing!.value : null;
    const de = (v: number, d: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: d }).format(v);
    expect(text).toContain(`Die internen DRBD-Metadaten belegen ${de(s!.drbd.metadataSectors.value, 0)} Sektoren`);
    const ce = plan.costs.ok ? plan.costs.value : null;
    expect(ce!.amortisation.kind).toBe('years');
    const years = ce!.amortisation.kind === 'years' ? ce!.amortisation.years.value : 0;
    expect(text).toContain(`= ${de(years, 2)} Jahre`);
    expect(text).toContain(`höchstens ${de(plan.quorumFencing.unplanned.totalMs.value / 1000, 1)}\u00a0s`);
    expect(text).toContain('Das Projekt umfasst 19 Aufgaben in 5 Phasen mit zusammen 40 Stunden');
  });

  it('says plainly what is pending and invents nothing for realisation, validation, configs', async () => {
    const { model } = await build('report', sources(seedProject()), 'de');
    const texts = pendings(model).map((p) => (p.kind === 'paragraph' ? String(p.text) : ''));
    expect(texts).toContain('Die Inbetriebnahme ist noch nicht gelaufen: Dieses Kapitel füllt sich aus dem Protokoll des Schritts „Installation“.');
    expect(texts.some((t) => t.startsWith('Die Failover-Tests sind noch nicht gelaufen'))).toBe(true);
    expect(texts).toContain('Es ist noch kein genehmigter Projektantrag gespeichert. Den Antrag im Schritt „Dokumentation“ als genehmigt exportieren; dann vergleicht dieses Kapitel ihn mit der Durchführung.');
    // No made-up step, test result or config file.
    const tables = model.blocks.filter((b): b is Table => b.kind === 'table');
    expect(tables.some((t) => t.columns.some((c) => c.title === 'Testfall' && !t.caption?.includes('Geplante')))).toBe(false);
    expect(model.blocks.some((b) => b.kind === 'code')).toBe(false);
  });
});

describe('report and handbook of a commissioned, tested cluster (real result shapes)', () => {
  const p = () => commissionedProject(seedProject({ actualHours: true }));

  it('Realisierung lists the record steps in time order with node, duration and audit excerpts', async () => {
    const { model, text } = await build('report', withRealisation(p()), 'de');
    expect(text).toContain('Von 4 Schritten auf mail01, mail02 wurden 3 ausgeführt, 1 übersprungen');
    const phases = model.blocks.find((b): b is Table => b.kind === 'table' && !!b.caption?.includes('Inbetriebnahme je Phase'))!;
    expect(phases.rows).toEqual([['–', '4', '1', 'mail01, mail02', '621\u00a0s']]);
    const steps = model.blocks.find((b): b is Table => b.kind === 'table' && !!b.caption?.includes('Schritte der Inbetriebnahme'))!;
    expect(steps.rows.map((r) => r[1])).toEqual(['packages.ha@primary', 'packages.ha@secondary', 'drbd.createMd@primary', 'cutover.final@primary']);
    expect(steps.rows[1]).toEqual(['2', 'packages.ha@secondary', 'mail02', '17.11.2026, 08:01', '480\u00a0s', 'ausgeführt']);
    const code = model.blocks.find((b) => b.kind === 'code');
    expect(code && code.kind === 'code' ? code.lines : []).toContain("$ drbdadm create-md --force 'r0'");
    expect(text).toContain('Unterbrechung des Mailbetriebs während der Umstellung (vom Stoppen auf dem alten Server bis zur ersten Antwort an der Service-IP): 23,4\u00a0s.');
  });

  it('Validierung shows outage per protocol, lost mails and verdicts from the acceptance run, with time lines', async () => {
    const { model, text } = await build('report', withRealisation(p()), 'de');
    const t = model.blocks.find((b): b is Table => b.kind === 'table' && !!b.caption?.startsWith('Tabelle') && b.columns[0]?.title === 'Testfall')!;
    // Last success before the failures (fault + 400 ms) to the first after them (fault + 3.8 s).
    expect(t.rows[0]).toEqual(['Geplanter Standby', '3,4\u00a0s\nSMTP (25)', '40/40 angenommen, 0 verloren, 0 doppelt', '≤ 21\u00a0s', 'bestanden']);
    expect(t.rows[1]![2]).toBe('40/40 angenommen, 1 verloren, 0 doppelt');
    expect(t.rows[1]![4]).toBe('nicht bestanden');
    expect(model.blocks.filter((b) => b.kind === 'chart' && b.chart.type === 'timeline')).toHaveLength(2);
    expect(text).toContain('Die abgenommenen Failover-Tests liefen am');
    expect(text).toContain('Postfix-Fehler');
    expect(pendings(model).map((x) => (x.kind === 'paragraph' ? String(x.text) : '')).filter((x) => /Inbetriebnahme|Failover-Tests sind noch/.test(x))).toEqual([]);
  });

  it('the handbook uses the real node names, cluster name and says it is built from the project', async () => {
    const { text } = await build('handbook', sources(p()), 'de');
    expect(text).toContain('crm node standby mail01');
    // Resource names as the commissioning plan creates them (shared/commission/names.ts).
    expect(text).toContain('crm resource move g_mail mail02');
    expect(text).toContain('drbdadm connect --discard-my-data mail');
    expect(text).toContain('Projektdatei (der Cluster wurde nicht abgefragt)');
    expect(text).toContain('Mailcluster mailha');
    expect(text).toContain('cat /proc/drbd');
    expect(text).not.toMatch(/<(Ressourcengruppe|DRBD-Ressource|Zweitknoten|Primärknoten)>/);
  });

  it('a cluster on a shared LUN gets no DRBD command, and split brain means a doubly mounted LUN', async () => {
    const q = p();
    q.commission.settings.sharedDevice = '/dev/disk/by-id/scsi-lun0';
    const { text } = await build('handbook', sources(q), 'de');
    expect(text).not.toMatch(/drbdadm|\/proc\/drbd/);
    expect(text).toContain('findmnt /srv/mail');
    expect(text).toContain('Mit einer gemeinsamen LUN (/dev/disk/by-id/scsi-lun0) gibt es kein DRBD-Split-Brain.');
    expect(text).not.toContain('Namen in spitzen Klammern');
    // The emergency plan speaks of the LUN, not of DRBD; with fencing it still says the cluster fences.
    expect(text).not.toMatch(/DRBD (spiegelt|verbunden)/);
    expect(text).toContain('Die gemeinsame LUN gibt es nur einmal, der Schaden trifft beide Knoten.');
    expect(text).toContain('Der Cluster fenct den Knoten');
  });

  it('the emergency plan of a cluster without fencing does not promise fencing', async () => {
    const q = p();
    q.commission.settings.sharedDevice = '/dev/disk/by-id/scsi-lun0';
    q.planning.quorumFencing = { ...q.planning.quorumFencing, fencing: ['none'], riskAcceptance: { who: 'Petra Groß', when: '2026-11-20', reason: 'Labor' } };
    const { text } = await build('handbook', sources(q), 'de');
    expect(text).not.toMatch(/fenct den Knoten|Das Fencing entscheidet/);
    expect(text).toContain('Ohne Fencing verlässt er sich darauf, dass der ausgefallene Knoten wirklich aus ist');
    expect(text).toContain('Das Quorum entscheidet, welcher Knoten weiterläuft');
  });

  it('the handbook lists only the cluster components its plan installs', async () => {
    const drbd = (await build('handbook', sources(seedProject()), 'de')).text;
    expect(drbd).toContain('drbd-utils');
    const q = seedProject();
    q.planning.matrix.chosen.replication = 'sharedStorage';
    q.planning.quorumFencing = { ...q.planning.quorumFencing, fencing: ['none'], riskAcceptance: { who: 'Petra Groß', when: '2026-11-20', reason: 'Labor' } };
    const { text } = await build('handbook', sources(q), 'de');
    expect(text).toContain('pacemaker');
    expect(text).not.toMatch(/drbd-utils|\bsbd\b/);
  });

  it('a planned-only handbook marks the node names it cannot know yet', async () => {
    const { text } = await build('handbook', sources(seedProject()), 'de');
    expect(text).toContain('crm node standby mail01');
    expect(text).toContain('crm resource move g_mail <Zweitknoten>');
    expect(text).toContain('Namen in spitzen Klammern');
  });

  it('the handbook takes resource names from a live cluster and says so', async () => {
    const live = {
      readAt: '2026-11-27T09:58:00Z', clusterName: 'mailha',
      nodes: [{ name: 'mail01', address: '10.20.0.11', online: true }, { name: 'mail02', address: '10.20.0.12', online: true }],
      resources: [
        { id: 'p_drbd_mail', agent: 'ocf:linbit:drbd', group: 'ms_drbd_mail', node: 'mail01', role: 'Promoted' },
        { id: 'p_vip', agent: 'ocf:heartbeat:IPaddr2', group: 'g_mail', node: 'mail01' },
        { id: 'p_mariadb', agent: 'ocf:heartbeat:mysql', group: 'g_mail', node: 'mail01' },
      ],
      constraints: [], stonith: [{ id: 'st_sbd', agent: 'stonith:fence_sbd' }], drbd: [{ resource: 'mail', role: 'Primary', version: '8.4.11' }],
      versions: [{ name: 'pacemaker', version: '2.1.5-a3f44794f94' }], vip: '10.20.0.10',
      corosyncConf: 'totem {\n  version: 2\n  cluster_name: mailha\n}\n',
    };
    const { text } = await build('handbook', sources(p(), { live: { ok: true, cluster: live } }), 'de');
    expect(text).toContain('crm resource move g_mail mail02');
    expect(text).toContain('drbdadm connect --discard-my-data mail');
    expect(text).toContain('crm resource cleanup ms_drbd_mail');
    expect(text).toContain('laufender Cluster, gelesen am 27.11.2026, 09:58 UTC');
    expect(text).toContain('cluster_name: mailha');
    expect(text).not.toContain('<Ressourcengruppe>');
  });

  it('the plan\'s own layout (services beside g_mail through ocf:mhs:unit): MariaDB is found by its name, no placeholder left', async () => {
    const live = {
      readAt: '2026-12-02T04:50:00Z', clusterName: 'mailcluster',
      nodes: [{ name: 'legacy', online: true }, { name: 'secondary', online: true }],
      resources: [
        { id: 'p_vip', agent: 'ocf:heartbeat:IPaddr2', group: 'g_mail', node: 'secondary' },
        { id: 'p_mariadb', agent: 'ocf:mhs:unit', node: 'secondary' },
        { id: 'p_postfix', agent: 'ocf:mhs:unit', node: 'secondary' },
      ],
      constraints: [], stonith: [], versions: [],
    };
    const { text } = await build('handbook', sources(p(), { live: { ok: true, cluster: live } }), 'de');
    expect(text).toContain('crm resource cleanup p_mariadb');
    expect(text).not.toMatch(/<(Ressourcengruppe|MariaDB-Ressource|Zweitknoten)>/);
  });
});

describe('proposal', () => {
  it('phase hours are the sums of their task hours and the total is their sum', async () => {
    const p = seedProject();
    // A hand-edited plan like the seed's: a documentation phase whose tasks carry more hours than 2.
    p.planning.timePlan.tasks = p.planning.timePlan.tasks.map((t) => (t.id === 'projectReport' ? { ...t, plannedHours: 7 } : t));
    const { model } = await build('proposal', sources(ProjectSchema.parse(p)), 'de');
    const table = model.blocks.find((b): b is Table => b.kind === 'table' && b.columns[0]?.title === 'Phase / Aufgabe')!;
    const n = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));
    let phaseSum = 0;
    let taskSum = 0;
    let grand = 0;
    for (const [i, row] of table.rows.entries()) {
      const isTotal = table.totalRows!.includes(i);
      if (i === table.rows.length - 1) grand = n(row[1]!);
      else if (isTotal) {
        expect(taskSum).toBeCloseTo(phaseSum, 9);
        phaseSum = n(row[1]!);
        taskSum = 0;
      } else taskSum += n(row[1]!);
    }
    expect(taskSum).toBeCloseTo(phaseSum, 9);
    const phases = table.rows.filter((_, i) => table.totalRows!.includes(i) && i < table.rows.length - 1).reduce((s, r) => s + n(r[1]!), 0);
    expect(grand).toBe(phases);
    expect(grand).toBe(42);
    expect(table.rows.find((r) => r[0] === 'Dokumentation')![1]).toBe('10');
  });

  it('has the chamber form structure and the people on top', async () => {
    const { model, text } = await build('proposal', sources(seedProject()), 'de');
    expect(headingsOf(model).map((h) => `${h.number} ${h.text}`)).toEqual([
      '1 Thema der Projektarbeit', '2 Geplante Durchführung', '3 Projektbeschreibung', '3.1 Ist-Zustand und Problembeschreibung',
      '3.2 Soll-Zustand und Anforderungen', '3.3 Nutzen', '3.4 Aufgaben', '3.5 Schnittstellen', '3.6 Projektumfeld', '4 Phasenmodell',
      '5 Projektphasen mit Zeitplanung in Stunden', '6 Geplante Anhänge', '7 Präsentationsmittel',
    ]);
    expect(text).toContain('Erweitertes Wasserfallmodell');
    expect(text).toContain('Laptop, Beamer, Präsentationssoftware');
    expect(text).toContain('Geplant sind 40 Stunden (Obergrenze für die Projektarbeit: 40 Stunden), aufgeteilt auf diese Phasen und Aufgaben:');
    expect(pendings(model)).toEqual([]);
  });
});

describe('deviations from the approved proposal', () => {
  it('compares the stored snapshot with today and the actual hours', async () => {
    const p = seedProject({ actualHours: true });
    p.documents.approvedProposal = {
      approvedAt: '2026-10-26T12:00:00Z', lang: 'de', title: 'Hochverfügbarer Mailserver', startDate: '2026-11-02', endDate: '2026-11-20',
      tasks: p.planning.timePlan.tasks.filter((t) => t.id !== 'handover').map((t) => ({ id: t.id, phase: t.phase, title: t.id, plannedHours: t.id === 'hardening' ? 2 : t.plannedHours })),
      requirements: [{ id: 'r1', text: 'Umschaltung bei Ausfall ohne manuellen Eingriff' }],
    };
    const { text } = await build('report', sources(ProjectSchema.parse(p)), 'de');
    expect(text).toContain('Der Projektantrag wurde am 26.10.2026 mit 40 Stunden genehmigt.');
    expect(text).toContain('Projekttitel geändert: „Hochverfügbarer Mailserver“ → „Hochverfügbarer Mailserver mit Pacemaker und DRBD“');
    expect(text).toContain('Projektende verschoben: 20.11.2026 → 27.11.2026');
    expect(text).toContain('Neue Aufgabe: Übergabe und Einweisung (1 h)');
    expect(text).toContain('Geänderte Planung: Absichern (Firewall, fail2ban) von 2 h auf 1 h');
    expect(text).toContain('Neue oder geänderte Anforderung: Kein Verlust angenommener Mails');
    expect(text).toContain('Insgesamt wurden 0,5 Stunden mehr geleistet als beantragt.');
  });
});

describe('chapter additions from the Dokumentation step', () => {
  it('replace puts the user text where the prose was; append adds it; both in the model', async () => {
    const p = seedProject();
    p.documents.additions['report.lessons'] = { mode: 'append', text: 'Ich habe gelernt, Fencing zuerst zu testen.' };
    p.documents.additions['report.scope'] = { mode: 'replace', text: 'Eigene Abgrenzung.' };
    const { model, text } = await build('report', sources(ProjectSchema.parse(p)), 'de');
    expect(text).toContain('Ich habe gelernt, Fencing zuerst zu testen.');
    expect(text).toContain('Eigene Abgrenzung.');
    expect(text).not.toContain('Nicht Teil des Projekts sind die Archivierung');
    expect(text).not.toContain('Die eigenen Erkenntnisse aus dem Projekt fehlen noch');
    expect(model.blocks.some((b) => b.kind === 'paragraph' && b.style === 'user')).toBe(true);
  });
});

describe('what the Dokumentation step lists as missing', () => {
  it('one note said in several chapters is listed once, with every chapter', async () => {
    const { pendingNotes } = await import('./notices');
    const { model } = await build('report', sources(seedProject()), 'de');
    const notes = pendingNotes(model);
    const commissioning = notes.find((n) => n.text.startsWith('Die Inbetriebnahme ist noch nicht gelaufen'))!;
    expect(commissioning.chapterTitle).toBe('5.1 Ablauf der Inbetriebnahme, 5.2 Durchgeführte Schritte, 5.3 Umstellung, A4 Protokoll der Inbetriebnahme');
    expect(new Set(notes.map((n) => n.text)).size).toBe(notes.length);
  });
});

import { newProject, ProjectSchema, type Project } from '../../../shared/project/schema';
import { seedFacts, seedOffers, seedPrimary } from '../planning/seed';

/**
 * The seed's server as a whole project, planned offline (no cluster yet): what an apprentice has before the
 * Installation step. Documents built from it must quote the planning engines' figures and say plainly that
 * commissioning and tests are pending.
 */
export function seedProject(opts: { actualHours?: boolean } = {}): Project {
  const p = newProject('6f1c2a8e-3b9d-4c57-9e21-7d4a5b8c0f13', new Date('2026-10-20T08:00:00Z'));
  p.meta = {
    ...p.meta,
    customer: 'Müller & Söhne Maschinenbau GmbH',
    title: 'Hochverfügbarer Mailserver mit Pacemaker und DRBD',
    engineer: 'Jana Schröder',
    company: 'Müller & Söhne Maschinenbau GmbH',
    supervisor: 'Thomas Weiß',
    examNumber: '1234567',
    startDate: '2026-11-02',
    endDate: '2026-11-27',
    descriptionIst: 'Der Mailserver der Firma läuft seit 2017 auf einem einzelnen Server (Debian 12). Fällt er aus, können 120 Mitarbeitende weder Mails senden noch empfangen.',
    descriptionSoll: 'Ein Zwei-Knoten-Cluster mit automatischem Failover, getestet und dokumentiert.',
    processModel: 'extendedWaterfall',
    processModelReason: 'Die Phasen bauen aufeinander auf; Failover-Tests können eine Rückkehr zur Konzeption nötig machen.',
    projectEnvironment: 'Die IT-Abteilung betreut 140 Arbeitsplätze an einem Standort; der Serverraum hat eine USV.',
    benefit: 'Der Mailbetrieb übersteht den Ausfall eines Servers ohne Eingriff.',
    scopeExclusions: 'Nicht Teil des Projekts sind die Archivierung nach GoBD und die Umstellung der Clients.',
    requirements: [
      { id: 'r1', text: 'Umschaltung bei Ausfall ohne manuellen Eingriff' },
      { id: 'r2', text: 'Kein Verlust angenommener Mails' },
    ],
    contacts: [
      { id: 'c1', role: 'IT-Leitung (Auftraggeber)', name: 'Petra Groß', organisation: 'Müller & Söhne', reach: '+49 621 123-100', escalation: 2 },
      { id: 'c2', role: 'Administrator', name: 'Jürgen Köhler', organisation: 'Müller & Söhne', reach: 'it@mueller-soehne.example', escalation: 1 },
    ],
    presentationAids: 'Laptop, Beamer, Präsentationssoftware',
    plannedAttachments: ['Kostenaufstellung', 'Betriebshandbuch', 'Abnahmeprotokoll'],
  };
  // The seed server's facts with a fortnight of mail-log days (about 20 000 received per working day).
  const days = Array.from({ length: 14 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 9, 5 + i)).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const received = weekend ? 6200 + i * 13 : 19000 + ((i * 677) % 2400);
    return { date, received, delivered: received - 310, forwarded: 40, deferred: 120, deferrals: 260, bounced: 35, rejected: 2100 + i * 7, bytesReceived: received * 61_000, bytesDelivered: (received - 310) * 61_000 };
  });
  p.facts = { ...(seedFacts as Project['facts']), hostname: 'mail01', source: 'ssh', collectedAt: '2026-10-20T09:12:00Z', os: { prettyName: 'Debian GNU/Linux 12 (bookworm)', codename: 'bookworm', kernel: '6.1.0-26-amd64' }, postfix: { version: '3.7.11', myhostname: 'mail.mueller-soehne.example', role: 'direct' }, dovecot: { version: '2.3.19.1', protocols: ['imap', 'pop3', 'lmtp'] }, mariadb: { version: '10.11.6', datadir: '/var/lib/mysql' }, mailVolume: { days }, collectors: { maillog: { status: 'ok' } } };
  p.planning.growth = { mailVolumePctPerYear: 10, storagePctPerYear: 20, horizonYears: 5 };
  // The hand-checked primary of the seed (Sizing step), so the figures do not depend on how facts are mapped.
  p.planning.sizing.primary = seedPrimary;
  p.planning.costs.offers = seedOffers;
  p.planning.costs.chosenOfferId = 'dell-r650xs';
  p.planning.costs.otherOneTime = [{ label: '10-GbE-DAC-Kabel', amountEur: 60 }];
  if (opts.actualHours) {
    p.planning.timePlan.tasks = p.planning.timePlan.tasks.map((t, i) => ({ ...t, actualHours: t.plannedHours + (i % 3 === 0 ? 0.5 : i % 3 === 1 ? -0.5 : 0) }));
  }
  return ProjectSchema.parse(p);
}

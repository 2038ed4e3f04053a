// The legacy server's mail accounts: three domains, a few dozen mailboxes and some aliases.
import { CREDENTIALS } from './config.js';

export const DOMAINS = ['example-gmbh.test', 'example-shop.test', 'verein-example.test'] as const;

const PEOPLE = [
  'anna.schmidt', 'ben.mueller', 'clara.weber', 'david.fischer', 'eva.wagner', 'felix.becker', 'greta.hoffmann',
  'hannes.schulz', 'ida.koch', 'jonas.richter', 'karla.klein', 'lukas.wolf', 'mia.schroeder', 'noah.neumann',
  'olga.schwarz', 'paul.zimmermann', 'rita.braun', 'sven.krueger',
];

const ROLES: Record<(typeof DOMAINS)[number], string[]> = {
  'example-gmbh.test': ['info', 'vertrieb', 'buchhaltung', 'support', 'personal', 'einkauf', 'probe'],
  'example-shop.test': ['shop', 'bestellungen', 'retouren', 'newsletter', 'service'],
  'verein-example.test': ['vorstand', 'kasse', 'mitglieder', 'jugend'],
};

export interface Mailbox {
  email: string;
  password: string;
  quotaBytes: number;
}

export function mailboxes(): Mailbox[] {
  const out: Mailbox[] = [];
  for (const d of DOMAINS) {
    for (const r of ROLES[d]) out.push({ email: `${r}@${d}`, password: CREDENTIALS.mailbox.password, quotaBytes: 2 * 1024 ** 3 });
  }
  PEOPLE.forEach((p, i) => {
    const d = i < 12 ? DOMAINS[0] : i < 15 ? DOMAINS[1] : DOMAINS[2];
    out.push({ email: `${p}@${d}`, password: CREDENTIALS.mailbox.password, quotaBytes: 1024 ** 3 });
  });
  return out;
}

export function aliases(): [string, string][] {
  const out: [string, string][] = [];
  for (const d of DOMAINS) {
    const target = `${ROLES[d][0]}@${d}`;
    out.push([`postmaster@${d}`, target], [`abuse@${d}`, target], [`hostmaster@${d}`, target]);
  }
  out.push(['kontakt@example-gmbh.test', 'info@example-gmbh.test'], ['rechnungen@example-gmbh.test', 'buchhaltung@example-gmbh.test']);
  return out;
}

export const accountsTsv = (): string => mailboxes().map((m) => `${m.email}\t${m.password}\t${m.quotaBytes}`).join('\n') + '\n';
export const aliasesTsv = (): string => aliases().map(([s, d]) => `${s}\t${d}`).join('\n') + '\n';

/** Quellen and Anhang: the sources the generated text relies on, the handbook reference, the acceptance record, configs. */
import type { SectionBodies } from '../assemble';
import { acceptanceBlocks } from '../acceptance';
import type { BuildContext } from '../context';
import { b, type Block } from '../model';
import { outlines } from '../outline';
import { matrixBlocks, phaseTaskTable, sectionFailed } from '../planViews';
import { pending } from '../prose';
import { sectionNumbers } from '../assemble';
import { stepsTable } from './realisation';

/** Public documentation the planning rules and runbooks follow (titles as published). */
export const sources: { title: string; url: string }[] = [
  { title: 'ClusterLabs: Pacemaker 2.1 – Clusters from Scratch', url: 'https://clusterlabs.org/pacemaker/doc/2.1/Clusters_from_Scratch/html/' },
  { title: 'ClusterLabs: Pacemaker Explained', url: 'https://clusterlabs.org/pacemaker/doc/2.1/Pacemaker_Explained/html/' },
  { title: 'corosync.conf(5), votequorum(5), corosync-qdevice(8) – Corosync manual pages', url: 'https://manpages.debian.org/bookworm/corosync/corosync.conf.5.en.html' },
  { title: 'sbd(8) – Storage-based death', url: 'https://manpages.debian.org/bookworm/sbd/sbd.8.en.html' },
  { title: 'LINBIT: The DRBD User’s Guide (8.4)', url: 'https://linbit.com/drbd-user-guide/users-guide-drbd-8-4/' },
  { title: 'LINBIT: DRBD 9.0 User’s Guide', url: 'https://linbit.com/drbd-user-guide/drbd-guide-9_0-en/' },
  { title: 'ClusterLabs resource-agents (ocf:heartbeat:*, ocf:linbit:drbd)', url: 'https://github.com/ClusterLabs/resource-agents' },
  { title: 'Postfix Documentation', url: 'https://www.postfix.org/documentation.html' },
  { title: 'Dovecot Documentation', url: 'https://doc.dovecot.org/' },
  { title: 'MariaDB Knowledge Base: mariadb-backup', url: 'https://mariadb.com/kb/en/mariadb-backup/' },
  { title: 'Debian packages (bookworm)', url: 'https://packages.debian.org/bookworm/' },
  { title: 'fail2ban: jail.conf(5)', url: 'https://manpages.debian.org/bookworm/fail2ban/jail.conf.5.en.html' },
];

export const backBodies: SectionBodies = {
  'report.sources': (c) => [b.p(c.d('report.sourcesLead')), b.bullets(sources.map((s) => [{ text: `${s.title}.\n` }, { text: s.url, mono: true }]), true)],
  'report.annex': () => [],
  'report.annexHandbook': (c) => {
    const numbers = sectionNumbers(outlines.handbook);
    const chapters = outlines.handbook.filter((s) => s.level === 1 && numbers.has(s.id)).map((s) => `${numbers.get(s.id)} ${c.d(`titles.${s.id}`)}`);
    return [b.p(c.d('report.annexHandbookLead', { version: c.src.project.documents.handbookVersion })), b.bullets(chapters)];
  },
  'report.annexAcceptance': (c) => acceptanceBlocks(c, 3),
  'report.annexTimePlan': (c) => {
    const tp = c.src.plan.timePlan;
    return tp.ok ? [phaseTaskTable(c, tp.value, { actual: true })] : [sectionFailed(c, tp)!];
  },
  'report.annexUtility': (c) => {
    const m = c.src.plan.matrix;
    return m.ok ? [b.p(c.t('planning:matrix.labels.scale'), 'small'), ...matrixBlocks(c, m.value.slice(1))] : [sectionFailed(c, m)!];
  },
  'report.annexSteps': (c) => (c.src.realisation?.steps.length ? [stepsTable(c)] : [pending(c, 'noCommissioning')]),
  'report.annexConfigs': (c) => configBlocks(c),
};

const MAX_CONFIG_LINES = 120;

export function configBlocks(c: BuildContext): Block[] {
  const live = c.src.live?.ok ? c.src.live.cluster : undefined;
  const files: { title: string; text: string }[] = [];
  if (live?.corosyncConf) files.push({ title: '/etc/corosync/corosync.conf', text: live.corosyncConf });
  if (live?.drbdConf) files.push({ title: 'DRBD (drbdadm dump)', text: live.drbdConf });
  if (live?.cibText) files.push({ title: 'CIB (crm configure show)', text: live.cibText });
  if (!files.length) for (const f of c.src.plannedConfigs ?? []) files.push({ title: `${f.path} (${f.node})`, text: f.content });
  if (!files.length) return [pending(c, 'noConfigs')];
  const out: Block[] = [b.p(c.d(live ? 'report.configsLive' : 'report.configsPlanned', { at: live ? c.fmt.dateTime(live.readAt) : '' }))];
  for (const f of files) {
    const lines = f.text.replace(/\s+$/, '').split('\n');
    const shown = lines.slice(0, MAX_CONFIG_LINES);
    if (lines.length > shown.length) shown.push(c.d('report.configCut', { n: lines.length - shown.length }));
    out.push(b.code(shown, f.title));
  }
  return out;
}

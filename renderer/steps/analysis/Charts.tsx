import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Facts } from '../../../shared/analysis/facts';
import { fmtNumber } from '../../components/format';
import { niceScale } from '../../../shared/wizard/ticks';
import { fmtDay, GB } from './format';

const PSEUDO_FS = new Set(['tmpfs', 'devtmpfs', 'overlay', 'squashfs', 'efivarfs', 'ramfs', 'proc', 'sysfs', 'nsfs', 'fuse.lxcfs']);
const C = { used: '#0b5cad', free: '#a9c9ea', vmail: '#0b5cad', db: '#1e7f4f', spool: '#b06a00', received: '#0b5cad', delivered: '#1e7f4f', deferred: '#b06a00', bounced: '#7b3fa0', rejected: '#b3261e' };

/** Round ticks with just enough decimals that no two read the same ("0,2 GB 0,2 GB"). */
function gbAxis(max: number) {
  const s = niceScale(max);
  return { ticks: s.ticks, domain: [0, s.max] as [number, number], tickFormatter: (v: number) => fmtNumber(v, s.digits) };
}
const gbTip = (v: unknown) => `${fmtNumber(Number(v), 1)} GB`;

/** Used vs free per real filesystem (no tmpfs/overlay), in GB. */
export function DiskChart({ facts }: { facts: Facts }) {
  const { t } = useTranslation('anaui');
  const rows = (facts.storage?.filesystems ?? [])
    .filter((f) => !PSEUDO_FS.has(f.fstype ?? '') && (f.sizeBytes ?? 0) > 0)
    .slice(0, 12)
    .map((f) => ({ name: f.mountpoint ?? f.source, used: (f.usedBytes ?? 0) / GB, free: (f.availBytes ?? 0) / GB, pct: f.usePercent }));
  if (!rows.length) return null;
  return (
    <figure className="ana-chart" aria-label={t('charts.disk')} data-chart="disk">
      <figcaption>{t('charts.disk')}</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(120, 48 + rows.length * 34)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" {...gbAxis(Math.max(...rows.map((r) => r.used + r.free)))} unit=" GB" />
          <YAxis type="category" dataKey="name" width={140} tick={{ fontSize: 12 }} />
          <Tooltip formatter={gbTip} />
          <Legend itemSorter={null} />
          <Bar dataKey="used" name={t('charts.used')} stackId="a" fill={C.used} isAnimationActive={false} />
          <Bar dataKey="free" name={t('charts.free')} stackId="a" fill={C.free} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Mailboxes, database and queue sizes, and the largest domains. */
export function DataChart({ facts }: { facts: Facts }) {
  const { t } = useTranslation('anaui');
  const d = facts.data;
  const sizes = [
    { name: t('charts.vmail'), gb: d?.vmailBytes, fill: C.vmail },
    { name: t('charts.mariadb'), gb: d?.datadirBytes, fill: C.db },
    { name: t('charts.spool'), gb: d?.spoolBytes, fill: C.spool },
  ]
    .filter((r) => r.gb !== undefined)
    .map((r) => ({ name: r.name, gb: (r.gb ?? 0) / GB }));
  const domains = [...(d?.domains ?? [])].sort((a, b) => b.bytes - a.bytes).slice(0, 10).map((x) => ({ name: x.domain, gb: x.bytes / GB, mailboxes: x.mailboxes }));
  if (!sizes.length && !domains.length) return null;
  return (
    <div className="ana-charts2">
      {sizes.length ? (
        <figure className="ana-chart" aria-label={t('charts.data')} data-chart="data">
          <figcaption>{t('charts.data')}</figcaption>
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={sizes} margin={{ left: 8, right: 16, top: 8, bottom: 4 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} />
              <YAxis {...gbAxis(Math.max(...sizes.map((r) => r.gb)))} unit=" GB" width={72} />
              <Tooltip formatter={gbTip} />
              <Bar dataKey="gb" name={t('charts.size')} fill={C.vmail} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      ) : null}
      {domains.length ? (
        <figure className="ana-chart" aria-label={t('charts.domains')} data-chart="domains">
          <figcaption>{t('charts.domains')}</figcaption>
          <ResponsiveContainer width="100%" height={Math.max(140, 40 + domains.length * 26)}>
            <BarChart data={domains} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" {...gbAxis(Math.max(...domains.map((r) => r.gb)))} unit=" GB" />
              <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
              <Tooltip formatter={gbTip} />
              <Bar dataKey="gb" name={t('charts.size')} fill={C.db} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      ) : null}
    </div>
  );
}

/** Messages per day by outcome, as pflogsumm counts them. */
export function MailChart({ facts }: { facts: Facts }) {
  const { t } = useTranslation('anaui');
  const days = facts.mailVolume?.days ?? [];
  if (!days.length) return <p className="muted">{t('charts.noMail')}</p>;
  const rows = days.map((d) => ({ name: fmtDay(d.date), received: d.received, delivered: d.delivered, deferred: d.deferred, bounced: d.bounced, rejected: d.rejected }));
  // Without a mail log (hand entry) only the received count is known.
  const keys = facts.collectors?.maillog ? (['received', 'delivered', 'deferred', 'bounced', 'rejected'] as const) : (['received'] as const);
  return (
    <figure className="ana-chart" aria-label={t('charts.mail')} data-chart="mail">
      <figcaption>{t('charts.mail')}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ left: 8, right: 16, top: 8, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => fmtNumber(v, 0)} width={64} />
          <Tooltip formatter={(v: unknown) => fmtNumber(Number(v), 0)} />
          <Legend itemSorter={null} />
          {keys.map((k) => <Bar key={k} dataKey={k} name={t(`charts.${k}`)} fill={C[k]} isAnimationActive={false} />)}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Lang } from '../../../shared/planning/explain';
import type { PrimaryFacts } from '../../../shared/planning/hardwareSchema';
import { comparisonCellText } from '../../../shared/planning/reportText';
import type { SizingResult } from '../../../shared/planning/sizing';
import type { Figure } from '../../../shared/planning/trace';
import { niceScale } from '../../../shared/wizard/ticks';
import { fmtNumber } from '../../components/format';
import { useQuantity } from '../../components/quantity';
import { ReasonList } from '../../components/Reasons';
import { Fig, type Display } from '../../components/TraceInfo';

type Cell = string | { figure: Figure; digits?: number; display?: Display };

/** The recommendation in one glance, first thing under the inputs so it is on screen without scrolling. */
export function Recommendation({ r }: { r: SizingResult }) {
  const { t } = useTranslation('planui');
  const q = useQuantity();
  const v = r.drbd.volume;
  const repl = r.nics.find((n) => n.role === 'replication');
  return (
    <section className="card recommendation" aria-labelledby="sz-rec">
      <h2 id="sz-rec">{t('sizing.recommendation.title')}</h2>
      <dl className="rec-strip">
        <div><dt>{t('sizing.recommendation.cpu')}</dt><dd>{q(r.cpu.cores.value, 'cores')} / {q(r.cpu.threads.value, 'threads')}</dd></div>
        <div><dt>{t('sizing.recommendation.ram')}</dt><dd>{q(r.ram.recommendedGb.value, 'GB', 0)}</dd></div>
        <div><dt>{t('sizing.recommendation.disks')}</dt><dd>{r.disks.count} × {q(r.disks.sizeGb, 'GB', 0)} {t(`planning:values.diskType.${r.disks.type}`)}, {t(`planning:values.raidLevel.${r.disks.raidLevel}`)}</dd></div>
        <div><dt>{t('sizing.recommendation.link')}</dt><dd>{repl ? q(repl.speedGbps, 'Gbit/s') : '–'}</dd></div>
        <div data-figure="drbdVolumeStrip">
          <dt>{t('sizing.recommendation.drbd')}</dt>
          <dd>{q(v.volumeGb.value, 'GB', 0)} <span className="muted">({t(`sizing.drbd.limitedBy.${v.limitedBy}`)})</span></dd>
        </div>
        <div data-figure="outgrownStrip">
          <dt>{t('sizing.recommendation.lasts')}</dt>
          <dd className={v.outgrown ? 'bad-text' : 'ok-text'}>
            {v.outgrown
              ? v.outgrown.calendarYear !== null ? t('sizing.recommendation.untilCalendar', { year: v.outgrown.year, calendarYear: v.outgrown.calendarYear }) : t('sizing.recommendation.until', { year: v.outgrown.year })
              : t('sizing.recommendation.wholeHorizon', { years: r.forecast.length - 1 })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** Primary next to the recommended secondary; every computed value with its trace. */
export function ComparisonTable({ p, r }: { p: PrimaryFacts; r: SizingResult }) {
  const { t, i18n } = useTranslation('planui');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  const text = (id: string, which: 'primary' | 'recommended') => {
    const row = r.comparison.find((x) => x.id === id);
    return row ? comparisonCellText(row[which], (k, params) => t(k, params ?? {}), lang) : '–';
  };
  const rows: { id: string; primary: Cell; recommended: Cell; why?: string }[] = [
    { id: 'cpuModel', primary: p.cpuModel || '–', recommended: t('sizing.compare.sameClass') },
    { id: 'cores', primary: text('cores', 'primary'), recommended: { figure: r.cpu.cores, digits: 0 }, why: t(r.cpu.reason.key, r.cpu.reason.params ?? {}) },
    { id: 'threads', primary: text('threads', 'primary'), recommended: { figure: r.cpu.threads, digits: 0 } },
    { id: 'ramGb', primary: text('ramGb', 'primary'), recommended: { figure: r.ram.recommendedGb, digits: 0 } },
    { id: 'disks', primary: text('disks', 'primary'), recommended: text('disks', 'recommended'), why: t(r.disks.reason.key, r.disks.reason.params ?? {}) },
    { id: 'raidLevel', primary: text('raidLevel', 'primary'), recommended: text('raidLevel', 'recommended') },
    { id: 'usableGb', primary: { figure: r.primary.usableGb, digits: 0 }, recommended: { figure: r.disks.usableGb, digits: 0 } },
    { id: 'iops', primary: { figure: r.primary.iops, digits: 0 }, recommended: { figure: r.iops.secondary, digits: 0 } },
    { id: 'throughput', primary: { figure: r.primary.throughput, digits: 0 }, recommended: { figure: r.disks.throughput, digits: 0 } },
  ];
  const cell = (c: Cell, label: string) => (typeof c === 'string' ? c : <Fig figure={c.figure} digits={c.digits} display={c.display} label={label} />);
  return (
    <table className="plan-table compare" aria-label={t('sizing.compare.title')}>
      <thead>
        <tr>
          <th scope="col">{t('sizing.compare.property')}</th>
          <th scope="col">{t('sizing.compare.primary')}</th>
          <th scope="col">{t('sizing.compare.recommended')}</th>
          <th scope="col">{t('sizing.compare.why')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const label = t(`sizing.compare.rows.${row.id}`);
          return (
            <tr key={row.id} data-row={row.id}>
              <th scope="row">{label}</th>
              <td>{cell(row.primary, `${label} (${t('sizing.compare.primary')})`)}</td>
              <td className="rec">{cell(row.recommended, `${label} (${t('sizing.compare.recommended')})`)}</td>
              <td className="why">{row.why ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Nics({ r }: { r: SizingResult }) {
  const { t } = useTranslation('planui');
  const q = useQuantity();
  return (
    <ul className="plain">
      {r.nics.map((n) => (
        <li key={n.role}>
          <strong>{t(`planning:sizing.nics.${n.role}`)}:</strong> {n.count} × {q(n.speedGbps, 'Gbit/s')} – <span className="muted">{t(n.reason.key, n.reason.params ?? {})}</span>
        </li>
      ))}
    </ul>
  );
}

/** Label/value pairs with trace; used for storage, RAM and DRBD figures. */
export function FigureList({ items }: { items: { id: string; label: string; figure: Figure; digits?: number; display?: Display; note?: string }[] }) {
  return (
    <dl className="figs">
      {items.map((i) => (
        <div key={i.id} data-figure={i.id}>
          <dt>{i.label}{i.note ? <span className="fig-note">{i.note}</span> : null}</dt>
          <dd><Fig figure={i.figure} digits={i.digits} display={i.display} label={i.label} /></dd>
        </div>
      ))}
    </dl>
  );
}

/** DRBD on the real devices: what each node can give, the volume, its meta-data, and when it is outgrown. */
export function DrbdCard({ r }: { r: SizingResult }) {
  const { t } = useTranslation('planui');
  const d = r.drbd;
  const v = d.volume;
  return (
    <section className="card" aria-labelledby="sz-drbd">
      <h2 id="sz-drbd">{t('sizing.drbd.title')}</h2>
      <FigureList items={[
        { id: 'primaryBacking', label: t(`planning:sizing.labels.backing.${v.primaryBackingGb.source}`), figure: v.primaryBackingGb, digits: 0 },
        { id: 'secondaryBacking', label: t(`planning:sizing.labels.backing.${v.secondaryBackingGb.source}`), figure: v.secondaryBackingGb, digits: 0 },
        { id: 'drbdVolume', label: t('sizing.drbd.volume'), figure: v.volumeGb, digits: 0, note: t(`sizing.drbd.limitedBy.${v.limitedBy}`) },
        { id: 'metadataSectors', label: t('sizing.drbd.metadataSectors'), figure: d.metadataSectors, digits: 0 },
        { id: 'metadataMb', label: t('sizing.drbd.metadataMb'), figure: d.metadataGb, digits: 1, display: { scale: 1000, unit: 'MB' } },
        { id: 'dataCapacity', label: t('sizing.drbd.dataCapacity'), figure: v.dataCapacityGb, digits: 1 },
        { id: 'neededAtHorizon', label: t('sizing.drbd.needed'), figure: v.neededGb, digits: 0 },
        { id: 'bitmapMiB', label: t('sizing.drbd.bitmap'), figure: d.bitmapMiB, digits: 1 },
      ]} />
      {v.outgrown && v.remedy ? (
        <div className="drbd-growth" role="note" data-testid="drbd-growth">
          <strong>{v.outgrown.calendarYear !== null ? t('sizing.drbd.outgrownCalendar', { year: v.outgrown.year, calendarYear: v.outgrown.calendarYear }) : t('sizing.drbd.outgrown', { year: v.outgrown.year })}</strong>{' '}
          {t(v.remedy.reason.key, v.remedy.reason.params ?? {})}
        </div>
      ) : <p className="ok-line">✓ {t('sizing.drbd.lasts')}</p>}
    </section>
  );
}

/** The initial sync over today's link and the recommended one, each limited by the disks or the network. */
export function SyncCard({ r }: { r: SizingResult }) {
  const { t } = useTranslation('planui');
  const q = useQuantity();
  return (
    <section className="card" aria-labelledby="sz-sync">
      <h2 id="sz-sync">{t('sizing.sync.title')}</h2>
      <table className="plan-table sync" aria-label={t('sizing.sync.title')}>
        <thead>
          <tr>
            <th scope="col">{t('sizing.sync.link')}</th>
            <th scope="col" className="num">{t('sizing.sync.throughput')}</th>
            <th scope="col" className="num">{t('sizing.sync.initial')}</th>
          </tr>
        </thead>
        <tbody>
          {r.drbd.links.map((l) => (
            <tr key={l.role} data-link={l.role}>
              <th scope="row">{t(`sizing.sync.role.${l.role}`)}<div className="muted">{q(l.linkGbps, 'Gbit/s')}</div></th>
              <td className="num">
                <Fig figure={l.throughput} digits={1} label={t('sizing.sync.throughputOn', { link: q(l.linkGbps, 'Gbit/s') })} />
                <div className={`muted bound-${l.throughput.bound}`}>{t(`sizing.sync.bound.${l.throughput.bound}`)}</div>
              </td>
              <td className="num"><Fig figure={l.initialSyncHours} digits={1} label={t('sizing.sync.initialOn', { link: q(l.linkGbps, 'Gbit/s') })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <FigureList items={[{ id: 'resyncRate', label: t('sizing.drbd.resyncRate'), figure: r.drbd.resyncRate, digits: 0 }]} />
      <h3>{t('sizing.nics.title')}</h3>
      <Nics r={r} />
    </section>
  );
}

export function SizingFigures({ r }: { r: SizingResult }) {
  const { t } = useTranslation('planui');
  return (
    <div className="cols3">
      <section className="card" aria-labelledby="sz-storage">
        <h2 id="sz-storage">{t('sizing.storage.title')}</h2>
        <FigureList items={[
          { id: 'dataNow', label: t('sizing.storage.dataNow'), figure: r.storage.dataNowGb, digits: 0 },
          { id: 'dataAtHorizon', label: t('sizing.storage.dataAtHorizon'), figure: r.storage.dataAtHorizonGb, digits: 0 },
          { id: 'requiredUsable', label: t('sizing.storage.requiredUsable'), figure: r.storage.requiredUsableGb, digits: 0 },
          { id: 'requiredIops', label: t('sizing.storage.requiredIops'), figure: r.iops.requiredAtHorizon, digits: 0 },
        ]} />
      </section>
      <DrbdCard r={r} />
      <section className="card" aria-labelledby="sz-ram">
        <h2 id="sz-ram">{t('sizing.ram.title')}</h2>
        <FigureList items={[
          ...r.ram.parts.map((part) => ({ id: `ram-${part.id}`, label: t(`planning:sizing.ramParts.${part.id}`), figure: part.figure, digits: 2 })),
          { id: 'ramRequired', label: t('sizing.ram.required'), figure: r.ram.requiredGb, digits: 1 },
          { id: 'ramRecommended', label: t('sizing.ram.recommended'), figure: r.ram.recommendedGb, digits: 0 },
        ]} />
      </section>
    </div>
  );
}

export function ForecastChart({ r }: { r: SizingResult }) {
  const { t } = useTranslation('planui');
  const f = r.assumptions.maxFillPct / 100;
  const data = r.forecast.map((pt) => ({
    year: t('sizing.chart.year', { year: pt.year }),
    data: pt.dataGb,
    drbdLimit: (pt.capacityGb.drbd ?? 0) * f,
    primaryCap: pt.capacityGb.primary ?? 0,
    recommendedCap: pt.capacityGb.recommended ?? 0,
  }));
  const scale = niceScale(Math.max(...data.flatMap((d) => [d.data, d.drbdLimit, d.primaryCap, d.recommendedCap])));
  const gb = (v: unknown) => `${fmtNumber(Number(v), Math.max(scale.digits, 1))} GB`;
  return (
    <figure className="chart" aria-label={t('sizing.chart.title')}>
      <figcaption>{t('sizing.chart.title')}</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data} margin={{ top: 24, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
          <XAxis dataKey="year" />
          <YAxis ticks={scale.ticks} domain={[0, scale.max]} tickFormatter={(v: number) => fmtNumber(v, scale.digits)} width={64}
            label={{ value: 'GB', position: 'top', offset: 12, fontSize: 12 }} />
          <Tooltip formatter={gb} />
          <Legend itemSorter={null} />
          <Bar dataKey="data" name={t('sizing.chart.data')} fill="#7aa7d6" isAnimationActive={false} />
          <Line dataKey="drbdLimit" name={t('sizing.chart.drbdLimit', { pct: r.assumptions.maxFillPct })} stroke="#b3261e" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="primaryCap" name={t('sizing.chart.primaryCap')} stroke="#b06a00" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          <Line dataKey="recommendedCap" name={t('sizing.chart.recommendedCap')} stroke="#1e7f4f" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <p className="hint">{t('sizing.chart.hint', { pct: r.assumptions.maxFillPct })}</p>
    </figure>
  );
}

export function SizingWarnings({ r }: { r: SizingResult }) {
  const { t } = useTranslation('planui');
  if (!r.warnings.length) return <p className="ok-line">✓ {t('sizing.noWarnings')}</p>;
  return <ReasonList items={r.warnings} label={t('sizing.warnings')} />;
}

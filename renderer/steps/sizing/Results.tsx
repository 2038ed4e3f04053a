import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PrimaryFacts } from '../../../shared/planning/hardwareSchema';
import type { SizingResult } from '../../../shared/planning/sizing';
import type { Figure } from '../../../shared/planning/trace';
import { fmtNumber } from '../../components/format';
import { ReasonList } from '../../components/Reasons';
import { Fig, type Display } from '../../components/TraceInfo';

type Cell = string | { figure: Figure; digits?: number; display?: Display };

/** Primary next to the recommended secondary; every computed value with its trace. */
export function ComparisonTable({ p, r }: { p: PrimaryFacts; r: SizingResult }) {
  const { t } = useTranslation('planui');
  const disks = (count: number, size: number, type: string) => `${count} × ${fmtNumber(size, 0)} GB ${t(`diskTypes.${type}`)}`;
  const rows: { id: string; primary: Cell; recommended: Cell; why?: string }[] = [
    { id: 'cpuModel', primary: p.cpuModel || '–', recommended: t('sizing.compare.sameClass') },
    { id: 'cores', primary: String(p.cores), recommended: { figure: r.cpu.cores, digits: 0 }, why: t(r.cpu.reason.key, r.cpu.reason.params ?? {}) },
    { id: 'threads', primary: String(p.threads), recommended: { figure: r.cpu.threads, digits: 0 } },
    { id: 'ramGb', primary: `${fmtNumber(p.ramGb)} GB`, recommended: { figure: r.ram.recommendedGb, digits: 0 } },
    { id: 'disks', primary: disks(p.disks.count, p.disks.sizeGb, p.disks.type), recommended: disks(r.disks.count, r.disks.sizeGb, r.disks.type), why: t(r.disks.reason.key, r.disks.reason.params ?? {}) },
    { id: 'raidLevel', primary: t(`raidLevels.${p.disks.raidLevel}`), recommended: t(`raidLevels.${r.disks.raidLevel}`) },
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
  return (
    <ul className="plain">
      {r.nics.map((n) => (
        <li key={n.role}>
          <strong>{t(`planning:sizing.nics.${n.role}`)}:</strong> {n.count} × {fmtNumber(n.speedGbps)} Gbit/s – <span className="muted">{t(n.reason.key, n.reason.params ?? {})}</span>
        </li>
      ))}
    </ul>
  );
}

/** Label/value pairs with trace; used for storage, RAM and DRBD figures. */
export function FigureList({ items }: { items: { id: string; label: string; figure: Figure; digits?: number; display?: Display }[] }) {
  return (
    <dl className="figs">
      {items.map((i) => (
        <div key={i.id} data-figure={i.id}>
          <dt>{i.label}</dt>
          <dd><Fig figure={i.figure} digits={i.digits} display={i.display} label={i.label} /></dd>
        </div>
      ))}
    </dl>
  );
}

export function SizingFigures({ r }: { r: SizingResult }) {
  const { t } = useTranslation('planui');
  const d = r.drbd;
  return (
    <div className="cols3">
      <section className="card" aria-labelledby="sz-storage">
        <h2 id="sz-storage">{t('sizing.storage.title')}</h2>
        <FigureList items={[
          { id: 'dataNow', label: t('sizing.storage.dataNow'), figure: r.storage.dataNowGb, digits: 0 },
          { id: 'dataAtHorizon', label: t('sizing.storage.dataAtHorizon'), figure: r.storage.dataAtHorizonGb, digits: 0 },
          { id: 'drbdVolume', label: t('sizing.storage.drbdVolume'), figure: r.storage.drbdVolumeGb, digits: 0 },
          { id: 'requiredUsable', label: t('sizing.storage.requiredUsable'), figure: r.storage.requiredUsableGb, digits: 0 },
          { id: 'requiredIops', label: t('sizing.storage.requiredIops'), figure: r.iops.requiredAtHorizon, digits: 0 },
        ]} />
      </section>
      <section className="card" aria-labelledby="sz-drbd">
        <h2 id="sz-drbd">{t('sizing.drbd.title')}</h2>
        <FigureList items={[
          { id: 'metadataSectors', label: t('sizing.drbd.metadataSectors'), figure: d.metadataSectors, digits: 0 },
          { id: 'metadataMb', label: t('sizing.drbd.metadataMb'), figure: d.metadataGb, digits: 1, display: { scale: 1000, unit: 'MB' } },
          { id: 'bitmapMiB', label: t('sizing.drbd.bitmap'), figure: d.bitmapMiB, digits: 1 },
          { id: 'syncThroughput', label: t('sizing.drbd.syncThroughput'), figure: d.syncThroughput, digits: 1 },
          { id: 'initialSync', label: t('sizing.drbd.initialSync'), figure: d.initialSyncHours, digits: 1 },
          { id: 'resyncRate', label: t('sizing.drbd.resyncRate'), figure: d.resyncRate, digits: 0 },
        ]} />
      </section>
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
  const limit = r.assumptions.maxFillPct / 100;
  const data = r.forecast.map((pt) => ({
    year: t('sizing.chart.year', { year: pt.year }),
    data: Math.round(pt.dataGb),
    primaryLimit: Math.round((pt.capacityGb.primary ?? 0) * limit),
    recommendedLimit: Math.round((pt.capacityGb.recommended ?? 0) * limit),
    primaryCap: Math.round(pt.capacityGb.primary ?? 0),
    recommendedCap: Math.round(pt.capacityGb.recommended ?? 0),
  }));
  const gb = (v: unknown) => `${fmtNumber(Number(v), 0)} GB`;
  return (
    <figure className="chart" aria-label={t('sizing.chart.title')}>
      <figcaption>{t('sizing.chart.title')}</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data} margin={{ top: 24, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
          <XAxis dataKey="year" />
          <YAxis tickFormatter={(v: number) => fmtNumber(v, 0)} width={64} label={{ value: 'GB', position: 'top', offset: 12, fontSize: 12 }} />
          <Tooltip formatter={gb} />
          <Legend itemSorter={null} />
          <Bar dataKey="data" name={t('sizing.chart.data')} fill="#7aa7d6" isAnimationActive={false} />
          <Line dataKey="primaryCap" name={t('sizing.chart.primaryCap')} stroke="#b06a00" dot={false} isAnimationActive={false} />
          <Line dataKey="primaryLimit" name={t('sizing.chart.primaryLimit', { pct: r.assumptions.maxFillPct })} stroke="#b06a00" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          <Line dataKey="recommendedCap" name={t('sizing.chart.recommendedCap')} stroke="#1e7f4f" dot={false} isAnimationActive={false} />
          <Line dataKey="recommendedLimit" name={t('sizing.chart.recommendedLimit', { pct: r.assumptions.maxFillPct })} stroke="#1e7f4f" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
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

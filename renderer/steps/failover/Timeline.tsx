import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { mailSeries } from '../../../shared/failover/mailMatch';
import type { CaseResult } from '../../../shared/failover/schema';
import { fmtNumber } from '../../components/format';
import { rel, sec } from './format';

const C = { up: '#9fd3b5', down: '#b3261e', gap: 'transparent', sent: '#5b6876', accepted: '#0b5cad', delivered: '#1e7f4f', fault: '#b06a00', event: '#7b3fa0', bad: '#b3261e' };

export interface TimelineEvent {
  n: number;
  atS: number;
  text: string;
  node: string;
  bad: boolean;
}

/** The case's time line: x in seconds after the fault (the chart's own axis starts at 0, so it is shifted). */
export function timelineModel(r: CaseResult) {
  const t0 = r.faultAt ?? r.startedAt;
  const end = r.endedAt ?? Math.max(...r.outages.flatMap((o) => o.windows.map((w) => w.toMs ?? w.fromMs)), t0 + 10_000);
  const start = Math.min(r.startedAt, t0 - 3000);
  const x0 = (start - t0) / 1000;
  const x1 = (end - t0) / 1000;
  const lanes = r.outages.map((o) => {
    const row: Record<string, number | string> = { protocol: o.protocol };
    let at = x0;
    let k = 0;
    for (const w of o.windows) {
      const from = Math.max(x0, (w.fromMs - t0) / 1000);
      const to = Math.min(x1, ((w.toMs ?? end) - t0) / 1000);
      row[`s${k++}`] = Math.max(0, from - at);
      row[`s${k++}`] = Math.max(0, to - from);
      at = to;
    }
    row[`s${k++}`] = Math.max(0, x1 - at);
    return { row, segments: k };
  });
  const segments = Math.max(1, ...lanes.map((l) => l.segments));
  // The chart shows what changed, not every step towards it: no monitor results, no "initiating …", no vote counts.
  const events: TimelineEvent[] = r.events
    .filter((e) => e.kind !== 'runner' || e.bad)
    .filter((e) => !(e.kind === 'resource' && (/^monitor /.test(e.text) || e.text.endsWith('…')) && !e.bad))
    .filter((e) => !(e.kind === 'quorum' && /^quorum members/.test(e.text)))
    .filter((e) => e.t >= start && e.t <= end)
    .slice(0, 30)
    .map((e, i) => ({ n: i + 1, atS: (e.t - t0) / 1000, text: e.text, node: e.node, bad: !!e.bad || e.kind === 'fault' }));
  const mails = r.mails ? mailSeries(r.mails.records, start, end, Math.max(500, Math.round((end - start) / 120))).map((p) => ({ ...p, x: (p.t - t0) / 1000 - x0 })) : [];
  return { t0, x0, x1, rows: lanes.map((l) => l.row), segments, events, mails };
}

export function Timeline({ result }: { result: CaseResult }) {
  const { t } = useTranslation('failover');
  const m = timelineModel(result);
  const width = m.x1 - m.x0;
  const tick = (v: number) => fmtNumber(v + m.x0, width > 60 ? 0 : 1);
  const ticks = (() => {
    const step = width > 300 ? 60 : width > 120 ? 20 : width > 40 ? 10 : 5;
    const out: number[] = [];
    for (let v = Math.ceil(m.x0 / step) * step; v <= m.x1; v += step) out.push(v - m.x0);
    return out;
  })();
  const rows = m.rows.map((r) => ({ ...r, label: t(`protocols.${String(r.protocol)}`) }));
  // A number only where it does not run into the previous one (about 2 % of the width apart).
  let lastLabel = -Infinity;
  const labelled = new Set<number>();
  for (const e of m.events) {
    if (e.atS - lastLabel >= width * 0.02) {
      labelled.add(e.n);
      lastLabel = e.atS;
    }
  }
  const refLines = (withLabels: boolean) => [
    <ReferenceLine key="fault" x={-m.x0} stroke={C.fault} strokeWidth={2} label={withLabels ? { value: t('ui.timeline.fault'), position: 'top', fill: C.fault, fontSize: 11 } : undefined} />,
    ...m.events.map((e) => (
      <ReferenceLine key={e.n} x={e.atS - m.x0} stroke={e.bad ? C.bad : C.event} strokeDasharray="3 3" label={withLabels && labelled.has(e.n) ? { value: String(e.n), position: 'insideTopRight', fill: e.bad ? C.bad : C.event, fontSize: 10 } : undefined} />
    )),
  ];
  return (
    <figure className="fo-timeline" aria-label={t('ui.timeline.label', { case: t(`cases.${result.caseId}.title`) })} data-chart="timeline">
      <figcaption>{t('ui.timeline.lanes')}</figcaption>
      <ResponsiveContainer width="100%" height={44 + rows.length * 30}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24, top: 18, bottom: 4 }} barCategoryGap={6}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, width]} ticks={ticks} tickFormatter={tick} unit=" s" allowDataOverflow />
          <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} />
          {Array.from({ length: m.segments }, (_, i) => (
            <Bar key={i} dataKey={`s${i}`} stackId="lane" fill={i % 2 === 0 ? C.up : C.down} isAnimationActive={false} legendType="none" />
          ))}
          {refLines(true)}
        </BarChart>
      </ResponsiveContainer>
      <p className="fo-legend-line"><span className="fo-sw up" /> {t('ui.timeline.up')} <span className="fo-sw down" /> {t('ui.timeline.down')} <span className="fo-sw fault" /> {t('ui.timeline.fault')} <span className="fo-sw event" /> {t('ui.timeline.event')}</p>
      {m.mails.length ? (
        <>
          <figcaption>{t('ui.timeline.mails')}</figcaption>
          <ResponsiveContainer width="100%" height={170}>
            <LineChart data={m.mails} margin={{ left: 8, right: 24, top: 8, bottom: 4 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" dataKey="x" domain={[0, width]} ticks={ticks} tickFormatter={tick} unit=" s" allowDataOverflow />
              <YAxis width={120} allowDecimals={false} />
              <Tooltip labelFormatter={(v) => rel((Number(v) + m.x0) * 1000)} />
              <Legend itemSorter={null} />
              <Line type="stepAfter" dataKey="sent" name={t('ui.timeline.sent')} stroke={C.sent} dot={false} isAnimationActive={false} />
              <Line type="stepAfter" dataKey="accepted" name={t('ui.timeline.accepted')} stroke={C.accepted} dot={false} isAnimationActive={false} />
              <Line type="stepAfter" dataKey="delivered" name={t('ui.timeline.delivered')} stroke={C.delivered} dot={false} isAnimationActive={false} strokeDasharray="5 3" />
              {refLines(false)}
            </LineChart>
          </ResponsiveContainer>
        </>
      ) : null}
      {m.events.length ? (
        <ol className="fo-events" aria-label={t('ui.timeline.events')}>
          {m.events.map((e) => (
            <li key={e.n} className={e.bad ? 'bad' : ''} value={e.n}>
              <span className="fo-ev-at">{rel(e.atS * 1000)}</span> <span className="fo-ev-node">{e.node}</span> {e.text}
            </li>
          ))}
        </ol>
      ) : null}
      <p className="hint">{t('ui.timeline.window', { from: rel(m.x0 * 1000), to: rel(m.x1 * 1000), length: sec((m.x1 - m.x0) * 1000) })}</p>
    </figure>
  );
}

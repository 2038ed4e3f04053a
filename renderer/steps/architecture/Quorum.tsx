import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { failoverBudget, segmentOrder, type FailoverBudget } from '../../../shared/planning/failover';
import { fencingOptions, quorumOptions, validateQuorumFencing, type QfOption } from '../../../shared/planning/quorum';
import type { FencingId, QuorumFencingChoice } from '../../../shared/planning/quorumSchema';
import { NumField } from '../../components/NumField';
import { fmtNumber } from '../../components/format';
import { usePlanning } from '../../components/planning';
import { ReasonList } from '../../components/Reasons';
import { Fig } from '../../components/TraceInfo';

type Update = (change: (c: QuorumFencingChoice) => QuorumFencingChoice) => void;

function useChoice(): [QuorumFencingChoice | null, Update] {
  const { planning, update } = usePlanning();
  const set: Update = (change) => update((pl) => ({ ...pl, quorumFencing: change(pl.quorumFencing) }));
  return [planning?.quorumFencing ?? null, set];
}

/** Texts of the planning engine's option catalogue; a missing domain text shows as a dash, not as a key. */
function useDomain() {
  const { t, i18n } = useTranslation('planui');
  return (key: string) => (i18n.exists(key) ? t(key) : '–');
}

function OptionTable({ options, selected, toggle, caption }: {
  options: QfOption<string>[]; selected: (id: string) => boolean; toggle: (id: string, on: boolean) => void; caption: string;
}) {
  const { t } = useTranslation('planui');
  const d = useDomain();
  return (
    <table className="plan-table qf">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('arch.qf.option')}</th>
          <th scope="col">{t('arch.qf.needs')}</th>
          <th scope="col">{t('arch.qf.protects')}</th>
          <th scope="col">{t('arch.qf.cost')}</th>
          <th scope="col">{t('arch.qf.complexity')}</th>
        </tr>
      </thead>
      <tbody>
        {options.map((o) => (
          <tr key={o.id} data-qf={o.id} className={selected(o.id) ? 'chosen' : undefined}>
            <th scope="row">
              <label className="check">
                <input type="checkbox" checked={selected(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} />
                {t(`planning:quorumFencing.options.${o.id}.label`)}
              </label>
              <div className="explain">{d(o.explanation)}</div>
            </th>
            <td>{d(o.needs)}</td>
            <td>{d(o.protectsAgainst)}</td>
            <td>{d(o.cost)}</td>
            <td>{d(o.complexity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Quorum and fencing: the catalogue in plain words, the choice, the rules and the risk acceptance for "no fencing". */
export function QuorumFencing() {
  const { t } = useTranslation('planui');
  const [c, set] = useChoice();
  if (!c) return null;
  const result = validateQuorumFencing(c);
  const quorumSelected = (id: string) => (id === 'twoNode' ? c.twoNode : id === 'qdevice' ? c.qdevice : c.nodeCount >= 3);
  const toggleQuorum = (id: string, on: boolean) =>
    set((x) => (id === 'twoNode' ? { ...x, twoNode: on } : id === 'qdevice' ? { ...x, qdevice: on } : { ...x, nodeCount: on ? Math.max(3, x.nodeCount) : 2 }));
  // "No fencing" and the fencing methods exclude each other; choosing one side clears the other.
  const toggleFencing = (id: string, on: boolean) =>
    set((x) => {
      const rest = x.fencing.filter((f) => f !== id && (id === 'none' ? false : f !== 'none'));
      return { ...x, fencing: on ? [...rest, id as FencingId] : x.fencing.filter((f) => f !== id) };
    });
  const hasNone = c.fencing.includes('none');
  const risk = c.riskAcceptance ?? { who: '', when: '', reason: '' };
  const setRisk = (patch: Partial<typeof risk>) => set((x) => ({ ...x, riskAcceptance: { ...(x.riskAcceptance ?? { who: '', when: '', reason: '' }), ...patch } }));
  const sbd = c.fencing.includes('sbdDisk') || c.fencing.includes('sbdDiskless');

  return (
    <section className="card wide" aria-labelledby="arch-qf">
      <h2 id="arch-qf">{t('arch.qf.title')}</h2>
      <p className="hint">{t('arch.qf.intro')}</p>
      <div className="grid4">
        <NumField name="qf.nodeCount" label={t('arch.qf.nodeCount')} value={c.nodeCount} min={2} max={16} integer
          onChange={(v) => v !== undefined && set((x) => ({ ...x, nodeCount: v }))} />
        <NumField name="qf.corosyncLinks" label={t('arch.qf.corosyncLinks')} value={c.corosyncLinks} min={1} max={8} integer
          onChange={(v) => v !== undefined && set((x) => ({ ...x, corosyncLinks: v }))} />
        {c.qdevice ? (
          <div className="field">
            <label htmlFor="qf-algo">{t('arch.qf.algorithm')}</label>
            <select id="qf-algo" value={c.qdeviceAlgorithm} onChange={(e) => set((x) => ({ ...x, qdeviceAlgorithm: e.target.value as 'ffsplit' | 'lms' }))}>
              <option value="ffsplit">ffsplit</option>
              <option value="lms">lms</option>
            </select>
          </div>
        ) : null}
      </div>
      <h3>{t('arch.qf.quorumTitle')}</h3>
      <OptionTable caption={t('arch.qf.quorumTitle')} options={quorumOptions()} selected={quorumSelected} toggle={toggleQuorum} />
      <h3>{t('arch.qf.fencingTitle')}</h3>
      <OptionTable caption={t('arch.qf.fencingTitle')} options={fencingOptions()} selected={(id) => c.fencing.includes(id as FencingId)} toggle={toggleFencing} />
      {hasNone ? (
        <fieldset className="risk">
          <legend>{t('arch.qf.risk.title')}</legend>
          <p className="hint">{t('arch.qf.risk.intro')}</p>
          <div className="grid3">
            <div className="field">
              <label htmlFor="risk-who">{t('arch.qf.risk.who')}</label>
              <input id="risk-who" value={risk.who} maxLength={200} onChange={(e) => setRisk({ who: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="risk-when">{t('arch.qf.risk.when')}</label>
              <input id="risk-when" type="date" value={risk.when} onChange={(e) => setRisk({ when: e.target.value })} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="risk-reason">{t('arch.qf.risk.reason')}</label>
            <textarea id="risk-reason" rows={3} maxLength={2000} value={risk.reason} onChange={(e) => setRisk({ reason: e.target.value })} />
          </div>
        </fieldset>
      ) : null}
      {sbd ? (
        <div className="grid3">
          <NumField name="sbd.watchdog" label={t('arch.qf.sbd.watchdog')} value={c.sbd.watchdogTimeoutS} unit="s" min={1} max={600}
            onChange={(v) => v !== undefined && set((x) => ({ ...x, sbd: { ...x.sbd, watchdogTimeoutS: v } }))} />
          <NumField name="sbd.msgwait" label={t('arch.qf.sbd.msgwait')} value={c.sbd.msgwaitS} unit="s" min={1} max={1200}
            onChange={(v) => v !== undefined && set((x) => ({ ...x, sbd: { ...x.sbd, msgwaitS: v } }))} />
          <NumField name="sbd.stonithTimeout" label={t('arch.qf.sbd.stonithTimeout')} value={c.sbd.stonithTimeoutS} unit="s" min={1} max={3600}
            onChange={(v) => v !== undefined && set((x) => ({ ...x, sbd: { ...x.sbd, stonithTimeoutS: v } }))} />
        </div>
      ) : null}
      <h3>{t('arch.qf.rulesTitle')}</h3>
      {result.ok ? <p className="ok-line" role="status">✓ {t('arch.qf.rulesOk')}</p> : <p className="error-text" role="status">{t('arch.qf.rulesBroken')}</p>}
      <ReasonList items={result.issues} label={t('arch.qf.rulesTitle')} />
    </section>
  );
}

const segmentColors = ['#0b5cad', '#4a8bd0', '#b3261e', '#e0786f', '#6b7a8a', '#1e7f4f', '#4caf7d', '#7a4fb3', '#b06a00', '#d9a441', '#16808c', '#5fb3bd'];

/** The engine counts milliseconds; people read a failover in seconds. */
const toSeconds = { scale: 1 / 1000, unit: 's' };

/** Failover time budget: the segments from failure to working mail service, unplanned and planned. */
const timingFields = ['tokenMs', 'promoteMs', 'mountMs', 'vipMs', 'innodbRecoveryMs', 'mariadbStartMs', 'postfixStartMs', 'dovecotStartMs', 'stopServicesMs'] as const;

export function Budget() {
  const { t } = useTranslation('planui');
  const [c, set] = useChoice();
  if (!c) return null;
  const budgets: FailoverBudget[] = [failoverBudget(c, 'unplanned'), failoverBudget(c, 'planned')];
  // Stacked and listed in the order things happen: a planned switchover stops the old node before anything starts.
  const ids = segmentOrder.filter((id) => budgets.some((b) => b.segments.some((s) => s.id === id)));
  const color = (id: string) => segmentColors[ids.indexOf(id as (typeof ids)[number]) % segmentColors.length]!;
  const data = budgets.map((b) => ({
    name: t(`planning:failover.kind.${b.kind}`),
    ...Object.fromEntries(b.segments.map((s) => [s.id, s.figure.value / 1000])),
  }));
  return (
    <section className="card wide" aria-labelledby="arch-budget">
      <h2 id="arch-budget">{t('arch.budget.title')}</h2>
      <p className="hint">{t('arch.budget.intro')}</p>
      <div className="budget-totals">
        {budgets.map((b) => (
          <div key={b.kind} data-budget={b.kind}>
            {t(`arch.budget.total.${b.kind}`)}: <strong><Fig figure={b.totalMs} digits={1} display={toSeconds} label={t(`arch.budget.total.${b.kind}`)} /></strong>
          </div>
        ))}
      </div>
      <figure className="chart" aria-label={t('arch.budget.chartTitle')}>
        <figcaption>{t('arch.budget.chartTitle')}</figcaption>
        <ResponsiveContainer width="100%" height={210}>
          <BarChart layout="vertical" data={data} margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" horizontal={false} />
            <XAxis type="number" unit=" s" />
            <YAxis type="category" dataKey="name" width={130} />
            <Tooltip formatter={(v) => `${fmtNumber(Number(v), 1)} s`} />
            <Legend itemSorter={null} />
            {ids.map((id) => (
              <Bar key={id} dataKey={id} stackId="t" name={t(`planning:failover.segments.${id}`)} fill={color(id)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <details className="timing">
        <summary>{t('arch.budget.timingToggle')}</summary>
        <p className="hint">{t('arch.budget.timingHint')}</p>
        <div className="grid3">
          {timingFields.map((k) => (
            <NumField key={k} name={`timing.${k}`} label={t(`arch.budget.timing.${k}`)} value={c.timing[k] / 1000} unit="s" min={k === 'tokenMs' ? 0.1 : 0} max={k === 'innodbRecoveryMs' ? 3600 : 600}
              onChange={(v) => v !== undefined && set((x) => ({ ...x, timing: { ...x.timing, [k]: Math.round(v * 1000) } }))} />
          ))}
        </div>
      </details>
      <table className="plan-table budget">
        <caption className="sr-only">{t('arch.budget.tableTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('arch.budget.segment')}</th>
            <th scope="col" className="num">{t('planning:failover.kind.unplanned')}</th>
            <th scope="col" className="num">{t('planning:failover.kind.planned')}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id}>
              <th scope="row"><span className="swatch" style={{ background: color(id) }} aria-hidden="true" />{t(`planning:failover.segments.${id}`)}</th>
              {budgets.map((b) => {
                const s = b.segments.find((x) => x.id === id);
                return <td key={b.kind} className="num">{s ? <Fig figure={s.figure} digits={1} display={toSeconds} label={t(`planning:failover.segments.${id}`)} /> : '–'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

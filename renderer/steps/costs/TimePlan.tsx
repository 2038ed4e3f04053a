import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { workingDay, type TimePlanResult } from '../../../shared/planning/timePlan';
import { defaultTasks, phases, type LimitRule, type Phase, type Task } from '../../../shared/planning/timePlanSchema';
import type { StepId } from '../../../shared/project/steps';
import { NumField } from '../../components/NumField';
import { fmtNumber } from '../../components/format';
import { usePlanning } from '../../components/planning';
import { ReasonList } from '../../components/Reasons';
import { Fig } from '../../components/TraceInfo';

export const phaseColors: Record<Phase, string> = {
  analyse: '#0b5cad', konzeption: '#7a4fb3', realisierung: '#1e7f4f', validierung: '#b06a00', dokumentation: '#16808c',
};

/** Template tasks whose work happens in one of the app's steps; the time spent there is a hint for the actual hours. */
const stepOfTask: Partial<Record<string, StepId>> = {
  istAnalysis: 'analysis', sizing: 'sizing', alternatives: 'architecture', quorumFencing: 'architecture', costPlan: 'costs',
  drbdSetup: 'install', clusterSetup: 'install', resources: 'install', failoverTests: 'failover', projectReport: 'docs', adminHandbook: 'docs',
};

function SmallNum({ label, value, onChange, optional }: { label: string; value: number | null; onChange(v: number | null): void; optional?: boolean }) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value === null ? '' : String(value));
  }
  const n = Number(text.replace(',', '.'));
  const bad = (text.trim() === '' && !optional) || (text.trim() !== '' && (!Number.isFinite(n) || n < 0 || n > 1000));
  return (
    <input type="number" min={0} max={1000} step={0.25} aria-label={label} value={text} aria-invalid={bad || undefined} className={bad ? 'bad' : undefined}
      onChange={(e) => {
        const s = e.target.value;
        setText(s);
        const v = Number(s.replace(',', '.'));
        if (s.trim() === '' && optional) {
          setShown(null);
          onChange(null);
        } else if (s.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 1000) {
          setShown(v);
          onChange(v);
        }
      }} />
  );
}

/** Phases with tasks, planned and actual hours, the Soll-Ist table, Gantt chart and the 40-hour check. */
export function TimePlanPanel({ result }: { result: TimePlanResult }) {
  const { t, i18n } = useTranslation('planui');
  const { project, planning, update } = usePlanning();
  const [newPhase, setNewPhase] = useState<Phase>('realisierung');
  if (!project || !planning) return null;
  const tp = planning.timePlan;
  const setTasks = (change: (tasks: Task[]) => Task[]) => update((pl) => ({ ...pl, timePlan: { ...pl.timePlan, tasks: change(pl.timePlan.tasks) } }));
  const setTask = (id: string, patch: Partial<Task>) => setTasks((ts) => ts.map((x) => (x.id === id ? { ...x, ...patch } : x)));
  const title = (r: TimePlanResult['rows'][number]) => ('text' in r.title ? r.title.text : i18n.exists(r.title.key) ? t(r.title.key) : r.id);
  const hours = (n: number | null) => (n === null ? '–' : fmtNumber(n, 2));
  const appHours = (step: StepId) => project.steps[step].secondsSpent / 3600;
  const limit = result.limit.hours;
  const over = result.totals.planned.value > limit;

  // One grid line per working day, up to the later of the plan's end and the limit.
  const end = Math.max(limit, ...result.gantt.map((g) => Math.max(g.endHour, g.actualEndHour)));
  const dayTicks = Array.from({ length: Math.ceil(end / tp.hoursPerDay) + 1 }, (_, i) => i * tp.hoursPerDay);
  // Day boundaries: hours and, with a start date, the working day that begins there (Mon-Fri, from the engine).
  const start = tp.startDate || project.meta.startDate;
  const dayLabel = (h: number) => {
    if (!start) return `${h} h`;
    const d = new Date(`${workingDay(start, Math.round(h / tp.hoursPerDay))}T00:00:00Z`);
    return `${h} h · ${new Intl.DateTimeFormat(i18n.language, { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(d)}`;
  };
  const gantt = result.gantt.map((g) => {
    const row = result.rows.find((r) => r.id === g.id)!;
    return {
      name: title(row),
      phase: g.phase,
      offset: g.startHour,
      planned: g.endHour - g.startHour,
      actualOffset: g.actualStartHour,
      actual: row.actualHours === null ? 0 : g.actualEndHour - g.actualStartHour,
      dates: g.startDate ? (g.startDate === g.endDate ? g.startDate : `${g.startDate} – ${g.endDate}`) : '',
    };
  });

  return (
    <>
      <section className="card wide" aria-labelledby="tp-table">
        <h2 id="tp-table">{t('time.title')}</h2>
        <p className="hint">{t('time.intro', { limit })}</p>
        <div className="grid4">
          <div className="field">
            <label htmlFor="tp-start">{t('time.startDate')}</label>
            <input id="tp-start" type="date" value={tp.startDate || project.meta.startDate}
              onChange={(e) => update((pl) => ({ ...pl, timePlan: { ...pl.timePlan, startDate: e.target.value } }))} />
          </div>
          <NumField name="tp.hoursPerDay" label={t('time.hoursPerDay')} value={tp.hoursPerDay} unit="h" min={1} max={24}
            onChange={(v) => v !== undefined && update((pl) => ({ ...pl, timePlan: { ...pl.timePlan, hoursPerDay: v } }))} />
          <div className="field span2">
            <label htmlFor="tp-rule">{t('time.limitRule')}</label>
            <select id="tp-rule" value={result.limit.rule}
              onChange={(e) => update((pl) => ({ ...pl, timePlan: { ...pl.timePlan, limitRule: e.target.value as LimitRule } }))}>
              {(['ihk2020', 'ihk1997', 'custom'] as const).map((r) => <option key={r} value={r}>{t(`time.rules.${r}`)}</option>)}
            </select>
          </div>
          {result.limit.rule === 'custom' ? (
            <NumField name="tp.limitHours" label={t('time.limitHours')} value={tp.limitHours} unit="h" min={1} max={1000}
              onChange={(v) => v !== undefined && update((pl) => ({ ...pl, timePlan: { ...pl.timePlan, limitRule: 'custom', limitHours: v } }))} />
          ) : null}
        </div>
        <ReasonList items={result.warnings} />
        <table className="plan-table tasks" aria-label={t('time.tableLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('time.task')}</th>
              <th scope="col" className="num">{t('time.planned')}</th>
              <th scope="col" className="num">{t('time.actual')}</th>
              <th scope="col" className="num">{t('time.delta')}</th>
              <th scope="col" className="num">{t('time.deltaPct')}</th>
              <th scope="col">{t('time.appTime')}</th>
              <th scope="col"><span className="sr-only">{t('time.actions')}</span></th>
            </tr>
          </thead>
          {phases.map((ph) => {
            const rows = result.rows.filter((r) => r.phase === ph);
            const sums = result.phases.find((p) => p.phase === ph)!;
            return (
              <tbody key={ph}>
                <tr className="phase-row">
                  <th scope="rowgroup" colSpan={7}><span className="swatch" style={{ background: phaseColors[ph] }} aria-hidden="true" />{t(`planning:timePlan.phases.${ph}`)}</th>
                </tr>
                {rows.map((r) => {
                  const task = tp.tasks.find((x) => x.id === r.id)!;
                  const step = stepOfTask[r.id];
                  const name = title(r);
                  return (
                    <tr key={r.id} data-task={r.id}>
                      <th scope="row">
                        {task.titleKey && !task.title ? name : (
                          <input className="title" aria-label={t('time.taskTitle')} value={task.title ?? ''} maxLength={300}
                            onChange={(e) => setTask(r.id, { title: e.target.value })} />
                        )}
                      </th>
                      <td className="num"><SmallNum label={t('time.plannedFor', { task: name })} value={r.plannedHours} onChange={(v) => v !== null && setTask(r.id, { plannedHours: v })} /></td>
                      <td className="num"><SmallNum optional label={t('time.actualFor', { task: name })} value={r.actualHours} onChange={(v) => setTask(r.id, { actualHours: v })} /></td>
                      <td className={`num${r.deltaHours !== null && r.deltaHours > 0 ? ' bad-text' : ''}`}>{r.deltaHours === null ? '–' : `${r.deltaHours > 0 ? '+' : ''}${hours(r.deltaHours)}`}</td>
                      <td className="num">{r.deltaPct === null ? '–' : `${r.deltaPct > 0 ? '+' : ''}${fmtNumber(r.deltaPct, 0)} %`}</td>
                      <td className="app-time">{step && project.steps[step].secondsSpent >= 36 ? t('time.appHint', { hours: fmtNumber(appHours(step), 2), step: t(`time.steps.${step}`) }) : ''}</td>
                      <td><div className="row-actions">
                        <button type="button" aria-label={t('time.removeTask', { task: name })} onClick={() => setTasks((ts) => ts.filter((x) => x.id !== r.id))}>✕</button>
                      </div></td>
                    </tr>
                  );
                })}
                <tr className="phase-sum">
                  <td>{t('time.phaseSum')}</td>
                  <td className="num">{hours(sums.plannedHours)}</td>
                  <td className="num">{hours(sums.actualHours)}</td>
                  <td className="num">{`${sums.deltaHours > 0 ? '+' : ''}${hours(sums.deltaHours)}`}</td>
                  <td colSpan={3} />
                </tr>
              </tbody>
            );
          })}
          <tfoot>
            <tr data-total="">
              <th scope="row">{t('time.total')}</th>
              <td className="num" data-figure="planned"><Fig figure={result.totals.planned} digits={2} label={t('time.planned')} /></td>
              <td className="num" data-figure="actual"><Fig figure={result.totals.actual} digits={2} label={t('time.actual')} /></td>
              <td className="num" data-figure="delta"><Fig figure={result.totals.delta} digits={2} label={t('time.delta')} /></td>
              <td colSpan={3}>{over ? <span className="pill bad">{t('time.overLimit', { limit })}</span> : <span className="pill ok">{t('time.withinLimit', { limit })}</span>}</td>
            </tr>
          </tfoot>
        </table>
        <div className="row-actions add-task">
          <label htmlFor="tp-newphase">{t('time.addTo')}</label>
          <select id="tp-newphase" value={newPhase} onChange={(e) => setNewPhase(e.target.value as Phase)}>
            {phases.map((ph) => <option key={ph} value={ph}>{t(`planning:timePlan.phases.${ph}`)}</option>)}
          </select>
          <button type="button" onClick={() => setTasks((ts) => {
            const task: Task = { id: `task-${Date.now().toString(36)}`, phase: newPhase, title: t('time.newTask'), plannedHours: 1, actualHours: null };
            const lastOfPhase = ts.map((x) => x.phase).lastIndexOf(newPhase);
            const at = lastOfPhase >= 0 ? lastOfPhase + 1 : phases.indexOf(newPhase) === 0 ? 0 : ts.length;
            return [...ts.slice(0, at), task, ...ts.slice(at)];
          })}>+ {t('time.addTask')}</button>
          <button type="button" onClick={() => { if (window.confirm(t('time.resetConfirm'))) setTasks(() => defaultTasks()); }}>{t('time.reset')}</button>
        </div>
      </section>
      <section className="card wide" aria-labelledby="tp-gantt">
        <h2 id="tp-gantt">{t('time.gantt')}</h2>
        <p className="hint">{t('time.ganttHint', { perDay: tp.hoursPerDay })}</p>
        <figure className="chart gantt" aria-label={t('time.gantt')}>
          <ResponsiveContainer width="100%" height={70 + gantt.length * 26}>
            <BarChart layout="vertical" data={gantt} barGap={0} barCategoryGap={3} margin={{ top: 4, right: 20, bottom: 4, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" horizontal={false} />
              <XAxis type="number" orientation="top" allowDecimals={false} ticks={dayTicks} domain={[0, dayTicks[dayTicks.length - 1] ?? limit]}
                tickFormatter={dayLabel} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="name" width={230} interval={0} tick={{ fontSize: 11 }} />
              <Tooltip
                formatter={(v, name) => (String(name).startsWith('_') ? [null, null] : [`${fmtNumber(Number(v), 2)} h`, name])}
                labelFormatter={(label, payload) => {
                  const d = payload?.[0]?.payload as { dates?: string } | undefined;
                  return d?.dates ? `${label} (${d.dates})` : String(label);
                }} />
              <Bar dataKey="offset" stackId="p" name="_offset" fill="transparent" isAnimationActive={false} legendType="none" />
              <Bar dataKey="planned" stackId="p" name={t('time.planned')} isAnimationActive={false}>
                {gantt.map((g, i) => <Cell key={i} fill={phaseColors[g.phase]} />)}
              </Bar>
              <Bar dataKey="actualOffset" stackId="a" name="_actualOffset" fill="transparent" isAnimationActive={false} legendType="none" />
              <Bar dataKey="actual" stackId="a" name={t('time.actual')} fill="#9aa7b4" isAnimationActive={false} />
              <ReferenceLine x={limit} stroke="#b3261e" strokeDasharray="5 4" label={{ value: t('time.limitLine', { limit }), position: 'insideTopRight', fill: '#b3261e', fontSize: 11 }} />
            </BarChart>
          </ResponsiveContainer>
          <figcaption className="gantt-legend">
            {phases.map((ph) => <span key={ph}><span className="swatch" style={{ background: phaseColors[ph] }} aria-hidden="true" />{t(`planning:timePlan.phases.${ph}`)}</span>)}
            <span><span className="swatch" style={{ background: '#9aa7b4' }} aria-hidden="true" />{t('time.actualBar')}</span>
          </figcaption>
        </figure>
      </section>
    </>
  );
}

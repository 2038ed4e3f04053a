import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { protocols } from '../../../shared/failover/protocols';
import { useStore } from '../../store';
import { rel } from './format';
import type { FoRunState } from './slice';

const stateIcon = { running: '◔', done: '✓', failed: '✗' } as const;

/** One row per protocol: the last two minutes of probe results, newest on the right. */
function ProbeStrip({ run }: { run: FoRunState }) {
  const { t } = useTranslation('failover');
  const live = run.live;
  const shown = protocols.filter((p) => live?.probes[p] || run.history.some((h) => h.probes[p]));
  return (
    <div className="fo-strip" role="table" aria-label={t('ui.live.probes')}>
      {shown.map((p) => {
        const now = live?.probes[p];
        return (
          <div key={p} className="fo-strip-row" role="row" data-protocol={p} data-ok={now?.ok ? 'yes' : 'no'}>
            <span role="rowheader" className="fo-strip-name">{t(`protocols.${p}`)}</span>
            <span role="cell" className={`fo-chip ${now?.ok ? 'up' : 'down'}`}>
              {now ? (now.ok ? t('ui.live.up', { ms: now.latencyMs ?? '?' }) : t('ui.live.down', { error: now.error ?? '?' })) : '…'}
            </span>
            <span role="cell" className="fo-cells" aria-hidden="true">
              {run.history.map((h, i) => {
                const s = h.probes[p];
                return <i key={i} className={s ? (s.ok ? 'up' : 'down') : 'none'} />;
              })}
            </span>
          </div>
        );
      })}
    </div>
  );
}

export function OperatorPrompt() {
  const { t } = useTranslation('failover');
  const prompt = useStore((s) => s.foRun?.prompt);
  const answer = useStore((s) => s.answerFoPrompt);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (prompt && d && !d.open) d.showModal?.();
    if (!prompt && d?.open) d.close();
  }, [prompt]);
  if (!prompt) return null;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="fo-prompt-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="fo-prompt-title">{t('ui.prompt.title', { node: prompt.node })}</h2>
      <p>{t('ui.prompt.text', { node: prompt.node })}</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => void answer(false)}>{t('ui.prompt.giveUp')}</button>
        <button type="button" className="primary" onClick={() => void answer(true)}>{t('ui.prompt.done', { node: prompt.node })}</button>
      </div>
    </dialog>
  );
}

/** The running test: probes, mails, where the services are, the current case's steps, the output. */
export function LivePanel() {
  const { t } = useTranslation('failover');
  const run = useStore((s) => (s.foRun && s.foRun.projectId === s.project?.id ? s.foRun : null));
  const preview = useStore((s) => s.foPreview?.data);
  const output = useStore((s) => s.foOutput);
  const cancel = useStore((s) => s.cancelFoRun);
  const pre = useRef<HTMLPreElement>(null);
  const panel = useRef<HTMLElement>(null);
  // The panel sits below the twelve cases: a started run would go on out of sight, so it comes into view once
  // its first live point has filled it (an empty panel at the page's end cannot be scrolled to the top).
  const startedRun = run?.phase === 'running' && run.live ? run.runId : undefined;
  useEffect(() => {
    if (startedRun) panel.current?.scrollIntoView?.({ block: 'start' });
  }, [startedRun]);
  useEffect(() => {
    const el = pre.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [output]);
  if (!run) return null;
  const live = run.live;
  const running = run.phase === 'running';
  const current = run.currentCase;
  const pv = current ? preview?.cases.find((c) => c.caseId === current) : undefined;
  const steps = pv ? [...pv.steps, ...pv.undo, ...pv.cleanup] : [];
  const idx = current ? run.cases.indexOf(current) : -1;
  return (
    <section ref={panel} className="card fo-live" aria-labelledby="fo-live-title" data-phase={run.phase}>
      <div className="fo-live-head">
        <h2 id="fo-live-title">{running ? t('ui.live.title') : t(`ui.live.ended.${run.phase}`)}</h2>
        {running ? <button type="button" onClick={() => void cancel()}>{t('ui.live.cancel')}</button> : null}
      </div>
      <p className="fo-live-status" role="status">
        {current ? t('ui.live.case', { n: idx + 1, total: run.cases.length, title: t(`cases.${current}.title`) }) : t('ui.live.connecting')}
        {live ? ` · ${t(`ui.live.phase.${live.phase}`)}` : ''}
        {live?.faultAt !== undefined && running ? ` · ${t('ui.live.sinceFault', { time: rel(Date.now() - live.faultAt) })}` : ''}
      </p>
      <ProbeStrip run={run} />
      <div className="fo-live-facts">
        <span data-testid="fo-mails">{t('ui.live.mails', live?.mails ?? { sent: 0, accepted: 0, pending: 0 })}</span>
        <span data-testid="fo-services">{t('ui.live.servicesOn', { nodes: live?.servicesOn.join(', ') || '–' })}</span>
        {(live?.nodes ?? []).map((n) => (
          <span key={n.name} className={`fo-node ${n.reachable ? (n.online ? 'ok' : 'warn') : 'bad'}`}>
            {n.name}: {n.reachable ? (n.online ? t('ui.live.online') : t('ui.live.offline')) : t('ui.live.unreachable')}{n.vip ? ' · VIP' : ''}
          </span>
        ))}
      </div>
      <ol className="fo-case-progress" aria-label={t('ui.live.casesLabel')}>
        {run.cases.map((c) => {
          const st = run.caseStates[c];
          return (
            <li key={c} data-case={c} data-state={st?.state ?? 'waiting'} data-verdict={st?.verdict ?? ''} className={st?.verdict ? `fo-v-${st.verdict}` : ''}>
              {t(`cases.${c}.title`)}: {st?.verdict ? t(`verdict.${st.verdict}`) : st?.state === 'running' ? t('ui.live.running') : t('ui.live.waiting')}
            </li>
          );
        })}
      </ol>
      {steps.length ? (
        <ol className="fo-steps" aria-label={t('ui.live.stepsLabel')}>
          {steps.map((s) => {
            const st = run.steps[s.id];
            return (
              <li key={s.id} data-step={s.id} data-state={st?.state ?? 'waiting'} className={st ? `fo-st-${st.state}` : 'fo-st-waiting'}>
                <span aria-hidden="true">{st ? stateIcon[st.state] : '○'}</span> {t(s.title.key, { ...(s.title.params ?? {}), defaultValue: s.title.key })}
                {st?.note ? <span className="hint"> — {st.note}</span> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      <details className="fo-output" open={running}>
        <summary>{t('ui.live.output', { count: output.length })}</summary>
        <pre ref={pre} tabIndex={0} aria-label={t('ui.live.output', { count: output.length })}>{output.map((l) => l.text).join('\n')}</pre>
      </details>
      <OperatorPrompt />
    </section>
  );
}

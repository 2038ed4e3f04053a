import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { fmtDuration } from './format';
import type { CollectorRunStatus, OutputLine } from './slice';

const icons: Record<CollectorRunStatus, string> = {
  waiting: '○',
  running: '◔',
  ok: '✓',
  partial: '◑',
  failed: '✗',
  skipped: '–',
  cancelled: '⊘',
};

/** Start/cancel, the connection state, one row per collector and the live output. */
export function RunPanel() {
  const { t } = useTranslation('anaui');
  const run = useStore((s) => (s.anaRun && s.anaRun.projectId === s.project?.id ? s.anaRun : null));
  const collectors = useStore((s) => s.anaCollectors);
  const load = useStore((s) => s.loadAnaCollectors);
  const cancel = useStore((s) => s.cancelAnalysis);
  const target = useStore((s) => s.project?.hosts.primary);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => void load(), [load]);
  const running = run?.phase === 'running';
  // The form is long: bring the progress into view when a run starts.
  useEffect(() => {
    if (running) ref.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [running, run?.runId]);
  const ran = run && run.phase !== 'notConnected' && run.phase !== 'hostKey';

  return (
    <section ref={ref} className="card ana-run" aria-labelledby="ana-run-title">
      <div className="ana-run-head">
        <h2 id="ana-run-title">{t('run.title')}</h2>
        <div className="row-actions">
          <button type="submit" className="primary" disabled={running}>{run ? t('run.restart') : t('run.start')}</button>
          {running ? <button type="button" onClick={() => void cancel()}>{t('run.cancel')}</button> : null}
        </div>
      </div>
      {run ? (
        <p className={`ana-phase ana-phase-${run.phase}`} role="status">
          {t(`run.phase.${run.phase}`)}
          {running && run.connection ? ` · ${t(`run.connection.${run.connection}`, { attempt: run.attempt ?? 1 })}` : ''}
        </p>
      ) : (
        <p className="hint">{t('run.intro')}</p>
      )}
      <ol className="ana-collectors" aria-label={t('run.collectorsLabel')}>
        {collectors.map((c) => {
          const st = run?.collectors[c.id];
          const status: CollectorRunStatus = st?.status ?? 'waiting';
          return (
            <li key={c.id} className={`ana-col ana-st-${status}`} data-collector={c.id} data-status={status}>
              <span className="ana-icon" aria-hidden="true">{icons[status]}</span>
              <span className="ana-col-title">
                {t(c.titleKey)}
                {c.needsSudo ? <span className="ana-sudo" title={t('run.needsSudo')}> · sudo</span> : null}
              </span>
              <span className="ana-col-status">{ran ? t(`run.status.${status}`) : ''}</span>
              <span className="ana-col-time">{fmtDuration(st?.durationMs)}</span>
              {st?.errorCode && st.errorCode !== 'ssh:errors.cancelled' ? (
                <span className="ana-col-error">
                  {t(st.errorCode, { host: target?.host ?? '', port: target?.port ?? '', user: target?.user ?? '', command: t(c.titleKey), exitCode: '?', seconds: '?', defaultValue: st.errorCode })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <OutputPanel />
    </section>
  );
}

const noLines: OutputLine[] = [];

function OutputPanel() {
  const { t } = useTranslation('anaui');
  const lines = useStore((s) => (s.anaRun?.projectId === s.project?.id ? s.anaOutput : noLines));
  const open = useStore((s) => s.anaOutputOpen);
  const setOpen = useStore((s) => s.setAnaOutputOpen);
  const ref = useRef<HTMLPreElement>(null);
  // Follow the newest line unless the user scrolled up to read.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <div className="ana-output">
      <button type="button" className="link" aria-expanded={open} aria-controls="ana-output-pre" onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {t('run.output', { count: lines.length })}
      </button>
      {open ? (
        <pre id="ana-output-pre" ref={ref} className="ana-pre" aria-label={t('run.outputLabel')} tabIndex={0}>
          {lines.length === 0 ? <span className="muted">{t('run.noOutput')}</span> : lines.map((l) => (
            <span key={l.n} className={`ana-line ana-${l.stream}`}>{l.text}{'\n'}</span>
          ))}
        </pre>
      ) : null}
    </div>
  );
}

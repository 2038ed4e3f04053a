import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { OutLine } from './outputBuffer';
import { busySteps } from './runPart';

const none: OutLine[] = [];

/**
 * The live output: by default only the running step's lines, newest at the bottom (followed unless the
 * user scrolled up to read). Text only: nothing a server prints is interpreted.
 */
export function RunOutput() {
  const { t } = useTranslation('install');
  const lines = useStore((s) => (s.insRun?.projectId === s.project?.id ? s.insOutput : none));
  const run = useStore((s) => s.insRun);
  const [all, setAll] = useState(false);
  const ref = useRef<HTMLPreElement>(null);
  // The running step's lines (all running steps' in a parallel group); after it, the last one's.
  const focus = new Set([...busySteps(run), ...(run?.currentStepId ? [run.currentStepId] : [])]);
  const shown = all || !focus.size ? lines : lines.filter((l) => focus.has(l.stepId));
  const prefixed = all || focus.size > 1;
  useEffect(() => {
    const el = ref.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [shown]);
  return (
    <section className="ins-output" aria-labelledby="ins-output-title">
      <div className="ins-card-head">
        <h3 id="ins-output-title">{t('ui.run.output', { count: shown.length })}</h3>
        <label className="ins-check">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {t('ui.run.outputAll')}
        </label>
      </div>
      <pre ref={ref} className="ins-pre" tabIndex={0} aria-label={t('ui.run.outputLabel')} data-testid="run-output">
        {shown.length === 0 ? <span className="muted">{t('ui.run.noOutput')}</span> : shown.map((l) => (
          <span key={l.n} className={`ins-line ins-${l.stream}`}>{prefixed ? `[${l.stepId}] ` : ''}{l.text}{'\n'}</span>
        ))}
      </pre>
      <p className="hint">{t('ui.run.outputBounded')}</p>
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { OutLine } from './outputBuffer';

const none: OutLine[] = [];

/**
 * The live output: by default only the running step's lines, newest at the bottom (followed unless the
 * user scrolled up to read). Text only: nothing a server prints is interpreted.
 */
export function RunOutput() {
  const { t } = useTranslation('install');
  const lines = useStore((s) => (s.insRun?.projectId === s.project?.id ? s.insOutput : none));
  const current = useStore((s) => s.insRun?.currentStepId);
  const [all, setAll] = useState(false);
  const ref = useRef<HTMLPreElement>(null);
  const shown = all || !current ? lines : lines.filter((l) => l.stepId === current);
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
          <span key={l.n} className={`ins-line ins-${l.stream}`}>{all ? `[${l.stepId}] ` : ''}{l.text}{'\n'}</span>
        ))}
      </pre>
      <p className="hint">{t('ui.run.outputBounded')}</p>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

/** Language and options, the export with its progress and cancel, and what came out (pages, limit, source). */
export function ExportCard() {
  const { t, i18n } = useTranslation('docs');
  const kind = useStore((s) => s.docsKind);
  const lang = useStore((s) => s.docsLang ?? (s.language === 'de' ? 'de' : 'en'));
  const setLang = useStore((s) => s.setDocsLang);
  const approved = useStore((s) => s.docsApproved);
  const setApproved = useStore((s) => s.setDocsApproved);
  const readCluster = useStore((s) => s.docsReadCluster);
  const setReadCluster = useStore((s) => s.setDocsReadCluster);
  const hasHosts = useStore((s) => !!s.project?.hosts.primary);
  const approvedAt = useStore((s) => s.project?.documents.approvedProposal?.approvedAt);
  const run = useStore((s) => s.docsExport);
  const exportDocument = useStore((s) => s.exportDocument);
  const cancel = useStore((s) => s.cancelExport);
  const open = useStore((s) => s.openExported);
  const transport = useStore((s) => s.api?.transport);
  const running = run?.status === 'running';
  const mine = run && run.kind === kind ? run : null;
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));

  return (
    <div className="card docs-export" aria-labelledby="docs-export-title">
      <h2 id="docs-export-title">{t(`kinds.${kind}`)}</h2>
      <div className="docs-options">
        <label className="docs-inline">
          {t('step.language')}
          <select value={lang} onChange={(e) => setLang(e.target.value as 'de' | 'en')} disabled={running}>
            <option value="de">{t('step.languages.de')}</option>
            <option value="en">{t('step.languages.en')}</option>
          </select>
        </label>
        {kind === 'proposal' ? (
          <label className="docs-check">
            <input type="checkbox" checked={approved} onChange={(e) => setApproved(e.target.checked)} disabled={running} />
            {t('step.approved')}
          </label>
        ) : null}
        {kind === 'proposal' && approvedAt ? <p className="hint">{t('step.approvedAt', { date: date(approvedAt) })}</p> : null}
        {kind === 'handbook' && hasHosts ? (
          <>
            <label className="docs-check">
              <input type="checkbox" checked={readCluster} onChange={(e) => setReadCluster(e.target.checked)} disabled={running} />
              {t('step.readCluster')}
            </label>
            <p className="hint">{t('step.readClusterHint')}</p>
          </>
        ) : null}
      </div>
      <div className="docs-actions">
        <button type="button" className="primary" onClick={() => void exportDocument()} disabled={running}>
          {running ? t('step.exporting') : t('step.export')}
        </button>
        {running ? <button type="button" onClick={() => void cancel()}>{t('step.cancel')}</button> : null}
      </div>
      {mine ? (
        <div className="docs-run" aria-live="polite">
          {mine.status === 'running' ? (
            <>
              <progress max={100} value={mine.done} aria-label={t(mine.label)} />
              <span className="hint">{t(mine.label)} – {mine.done} %</span>
            </>
          ) : null}
          {mine.status === 'cancelled' ? <p className="hint">{t('step.cancelled')}</p> : null}
          {mine.status === 'failed' && mine.error ? <p className="error-text" role="alert">{t(mine.error.code, { ...mine.error.params, defaultValue: mine.error.code })}</p> : null}
          {mine.result ? (
            <>
              <p className="docs-result" data-testid="docs-result">{t('step.result', { path: mine.result.path, pages: mine.result.pages })}</p>
              {mine.result.pageLimit ? (
                <p className={mine.result.pageLimit.over ? 'docs-warn' : 'hint'} role={mine.result.pageLimit.over ? 'alert' : undefined}>
                  {mine.result.pageLimit.over ? t('step.overLimit', mine.result.pageLimit) : t('step.mainText', mine.result.pageLimit)}
                </p>
              ) : null}
              {kind === 'handbook' ? <p className="hint">{t(`step.source.${mine.result.source}`)}</p> : null}
              {transport === 'bridge' ? null : <button type="button" onClick={() => void open()}>{t('step.open')}</button>}
              {mine.opened === false || transport === 'bridge' ? <p className="hint">{t('step.openUnavailable')}</p> : null}
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

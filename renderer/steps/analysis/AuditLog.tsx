import { Fragment, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/contract';
import { toErrorValue } from '../../../shared/errors';
import { ApiCallError, call } from '../../api/client';
import { useStore } from '../../store';
import { pickFile } from './files';
import { fmtDateTime, fmtDuration } from './format';

const PAGE = 25;
type Page = MethodOutput<'audit.list'>;

/** Every command the app ran and every login it tried on a server of this project, page by page, with output and reasons on demand. */
export function AuditLog() {
  const { t } = useTranslation('anaui');
  const api = useStore((s) => s.api);
  const projectId = useStore((s) => s.project?.id);
  const showError = useStore((s) => s.showError);
  const runPhase = useStore((s) => s.anaRun?.phase);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [exported, setExported] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!api || !projectId) return;
    try {
      setPage(await call(api, 'audit.list', { projectId, offset, limit: PAGE }));
    } catch (e) {
      showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
    }
  }, [api, projectId, offset, showError]);
  useEffect(() => void load(), [load, runPhase]);

  const exportAs = async (format: 'jsonl' | 'csv') => {
    if (!api || !projectId) return;
    const path = await pickFile(format === 'jsonl' ? 'auditJsonl' : 'auditCsv', 'save', `audit.${format}`);
    if (!path) return;
    try {
      const r = await call(api, 'audit.export', { projectId, path, format });
      setExported(t('audit.exported', { count: r.entries, path: r.path }));
    } catch (e) {
      showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
    }
  };

  const total = page?.total ?? 0;
  return (
    <section className="card ana-wide ana-audit" aria-labelledby="ana-audit-title">
      <div className="ana-run-head">
        <h2 id="ana-audit-title">{t('audit.title')}</h2>
        <div className="row-actions">
          <button type="button" onClick={() => void load()}>{t('audit.refresh')}</button>
          <button type="button" disabled={!total} onClick={() => void exportAs('jsonl')}>{t('audit.exportJsonl')}</button>
          <button type="button" disabled={!total} onClick={() => void exportAs('csv')}>{t('audit.exportCsv')}</button>
        </div>
      </div>
      <p className="hint">{t('audit.intro')}</p>
      {exported ? <p className="ana-saved" role="status">✓ {exported}</p> : null}
      {!page ? null : total === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <>
          <table className="ana-table ana-audit-table">
            <thead>
              <tr>
                <th>{t('audit.time')}</th><th>{t('audit.host')}</th><th>{t('audit.user')}</th><th>sudo</th>
                <th>{t('audit.command')}</th><th className="num">{t('audit.exit')}</th><th className="num">{t('audit.duration')}</th><th />
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => {
                const reason = e.errorCode ? t(e.errorCode, { ...(e.errorParams ?? {}), defaultValue: e.errorCode }) : '';
                const isLogin = e.kind === 'connect';
                const what = isLogin ? (e.errorCode ? t('audit.loginFailed', { reason }) : t('audit.loginOk')) : e.command;
                const ok = isLogin ? !e.errorCode : e.exitCode === 0;
                return (
                <Fragment key={e.id}>
                  <tr className={ok ? '' : 'ana-row-warn'} data-kind={e.kind ?? 'command'}>
                    <td className="ana-nowrap">{fmtDateTime(e.startedAt)}</td>
                    <td>{e.host}{e.port !== 22 ? `:${e.port}` : ''}{e.via ? <div className="ana-via">{t('audit.via', { via: e.via })}</div> : null}</td>
                    <td>{e.user}</td>
                    <td>{e.sudo ? t('results.yes') : t('results.no')}</td>
                    <td>{isLogin ? <span className="ana-login" title={what}>{what}</span> : <code className="ana-cmdcell" title={e.command}>{e.command.length > 140 ? `${e.command.slice(0, 140)}…` : e.command}</code>}</td>
                    <td className="num" title={reason || undefined}>{e.exitCode ?? e.signal ?? (e.errorCode ? t('audit.failed') : isLogin ? '✓' : '–')}</td>
                    <td className="num">{fmtDuration(e.durationMs)}</td>
                    <td>
                      <button type="button" className="ana-small" aria-expanded={!!open[e.id]} onClick={() => setOpen((o) => ({ ...o, [e.id]: !o[e.id] }))}>
                        {open[e.id] ? t('audit.hide') : t('audit.show')}
                      </button>
                    </td>
                  </tr>
                  {open[e.id] ? (
                    <tr className="ana-audit-out">
                      <td colSpan={8}>
                        {reason ? (<><div className="hint">{t('audit.reason')}</div><p className="ana-reason">{reason}</p></>) : null}
                        {e.detail ? (<><div className="hint">{t('audit.detail')}</div><pre className="ana-pre small">{e.detail}</pre></>) : null}
                        {isLogin ? null : (
                          <>
                            <div className="hint">{t('audit.fullCommand')}</div>
                            <pre className="ana-pre small">{e.command}</pre>
                            <div className="hint">stdout{e.outputTruncated ? ` (${t('audit.truncated')})` : ''}</div>
                            <pre className="ana-pre small">{e.stdout || '–'}</pre>
                            {e.stderr ? (<><div className="hint">stderr</div><pre className="ana-pre small ana-stderr">{e.stderr}</pre></>) : null}
                          </>
                        )}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
                );
              })}
            </tbody>
          </table>
          <div className="ana-pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('audit.prev')}</button>
            <span>{t('audit.range', { from: offset + 1, to: offset + page.entries.length, total })}</span>
            <button type="button" disabled={page.nextOffset === undefined} onClick={() => setOffset(page.nextOffset ?? offset)}>{t('audit.next')}</button>
          </div>
        </>
      )}
    </section>
  );
}

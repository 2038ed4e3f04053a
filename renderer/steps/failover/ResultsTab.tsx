import { useTranslation } from 'react-i18next';
import { acceptanceRun, sollIst } from '../../../shared/failover/runs';
import type { CaseResult, FailoverRun } from '../../../shared/failover/schema';
import { useStore } from '../../store';
import { clock, sec } from './format';
import { checkText } from './checkText';
import { Timeline } from './Timeline';

export function runName(t: (k: string, o?: Record<string, unknown>) => string, r: FailoverRun): string {
  return `${new Date(r.startedAt).toLocaleString()} · ${t(`ui.results.kind.${r.kind}`)}${r.label ? ` · ${r.label}` : ''} · ${t(`ui.results.status.${r.status}`)}`;
}

function SollIstTable({ run, onPick, picked }: { run: FailoverRun; onPick(c: CaseResult['caseId']): void; picked: string | null }) {
  const { t } = useTranslation('failover');
  const rows = sollIst(run);
  return (
    <table className="fo-table" data-testid="fo-sollist">
      <caption>{t('ui.results.sollIst')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.results.case')}</th>
          <th scope="col">{t('ui.results.estimate')}</th>
          <th scope="col">{t('ui.results.target')}</th>
          <th scope="col">{t('ui.results.smtp')}</th>
          <th scope="col">{t('ui.results.worst')}</th>
          <th scope="col">{t('ui.results.mails')}</th>
          <th scope="col">{t('ui.results.findings')}</th>
          <th scope="col">{t('ui.results.verdict')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.caseId} className={picked === r.caseId ? 'current' : ''} data-case={r.caseId}>
            <th scope="row"><button type="button" className="link" onClick={() => onPick(r.caseId)}>{t(`cases.${r.caseId}.title`)}</button></th>
            <td className="fo-num">{r.estimateMs !== undefined ? sec(r.estimateMs) : '–'}</td>
            <td className="fo-num">{r.rule === 'none' ? t('ui.results.noOutage') : r.rule === 'notJudged' ? t('ui.results.notJudged') : r.targetMs !== undefined ? `≤ ${sec(r.targetMs)}` : '–'}</td>
            <td className="fo-num">{sec(r.smtpMs)}</td>
            <td>{r.worstMs !== undefined ? `${sec(r.worstMs)} (${t(`protocols.${r.worstProtocol}`)})` : '–'}</td>
            <td>{r.accepted !== undefined ? t(r.notVerified ? 'ui.results.mailsCellNotVerified' : 'ui.results.mailsCell', { accepted: r.accepted, lost: r.lost, notVerified: r.notVerified, duplicated: r.duplicated }) : '–'}</td>
            <td>{r.findings}</td>
            <td className={`fo-v-${r.verdict}`}>{t(`verdict.${r.verdict}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CaseDetail({ result }: { result: CaseResult }) {
  const { t } = useTranslation('failover');
  const m = result.mails?.tally;
  return (
    <section className="card fo-detail" aria-labelledby="fo-detail-title" data-case={result.caseId}>
      <h2 id="fo-detail-title">
        {t(`cases.${result.caseId}.title`)}: <span className={`fo-v-${result.verdict.value}`}>{t(`verdict.${result.verdict.value}`)}</span>
      </h2>
      {result.verdict.reason ? <p className="notice">{checkText(t, result.verdict.reason.key, result.verdict.reason.params)}</p> : null}
      {result.faultAt !== undefined ? <Timeline result={result} /> : null}
      <div className="fo-detail-grid">
        <div>
          <h3>{t('ui.results.checks')}</h3>
          <ul className="fo-checks">
            {result.verdict.checks.map((c) => (
              <li key={c.id} className={c.ok ? 'ok' : 'bad'} data-check={c.id}>
                <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {checkText(t, c.key, c.params)}
              </li>
            ))}
          </ul>
          {result.detectionFloorMs !== undefined ? <p className="hint">{t('ui.results.floor', { floor: sec(result.detectionFloorMs) })}</p> : null}
        </div>
        {m ? (
          <div>
            <h3>{t('ui.results.mailProof')}</h3>
            <dl className="fo-dl">
              <dt>{t('ui.results.sent')}</dt><dd>{m.sent}</dd>
              <dt>{t('ui.results.accepted')}</dt><dd>{m.accepted}</dd>
              <dt>{t('ui.results.delivered')}</dt><dd>{m.delivered}</dd>
              <dt>{t('ui.results.lost')}</dt><dd className={m.lost.length ? 'bad' : ''}>{m.lost.length}{m.lost.length ? ` (#${m.lost.slice(0, 10).join(', #')})` : ''}</dd>
              <dt>{t('ui.results.notVerified')}</dt><dd className={m.notVerified.length ? 'bad' : ''}>{m.notVerified.length}</dd>
              <dt>{t('ui.results.duplicated')}</dt><dd className={m.duplicated.length ? 'bad' : ''}>{m.duplicated.length}</dd>
              <dt>{t('ui.results.afterLostReply')}</dt><dd>{m.duplicatedAfterLostReply.length + m.deliveredAfterLostReply.length}</dd>
              <dt>{t('ui.results.refusedRetried')}</dt><dd>{m.refusedRetried.length}</dd>
              <dt>{t('ui.results.neverAccepted')}</dt><dd>{m.neverAccepted.length}</dd>
              <dt>{t('ui.results.delayed')}</dt><dd>{m.delayed.length}{m.delayMaxMs !== undefined ? ` · ${t('ui.results.maxDelay', { delay: sec(m.delayMaxMs) })}` : ''}</dd>
            </dl>
          </div>
        ) : null}
      </div>
      <h3>{t('ui.results.logFindings')}</h3>
      {result.findings.length ? (
        <table className="fo-table fo-findings">
          <thead>
            <tr><th scope="col">{t('ui.results.severity')}</th><th scope="col">{t('ui.results.finding')}</th><th scope="col">{t('ui.results.node')}</th><th scope="col">{t('ui.results.time')}</th><th scope="col">{t('ui.results.count')}</th><th scope="col">{t('ui.results.line')}</th></tr>
          </thead>
          <tbody>
            {result.findings.map((f, i) => (
              <tr key={i} className={`fo-sev-${f.severity}`} data-finding={f.kind}>
                <td>{t(`severity.${f.severity}`)}</td>
                <td>{t(`findings.${f.kind}`, { defaultValue: f.kind })}</td>
                <td>{f.node}</td>
                <td>{clock(f.t)}</td>
                <td>{f.count}</td>
                <td><code>{f.line}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{t('ui.results.noFindings')}</p>
      )}
      <details>
        <summary>{t('ui.results.stepsRun', { count: result.steps.length })}</summary>
        <ol className="fo-commands">
          {result.steps.map((s) => (
            <li key={`${s.id}${s.startedAt}`} className={s.ok ? '' : 'bad'}>
              {s.ok ? '✓' : '✗'} {clock(s.startedAt)} {s.node ? `[${s.node}] ` : ''}{s.command ? <code className="fo-cmd">{s.command}</code> : s.id}
              {s.exitCode !== undefined && s.exitCode !== null ? ` → ${s.exitCode}` : ''}{s.note ? ` (${s.note})` : ''}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

/** The runs of this project: Soll-Ist per case, and per case its time line, checks, mail proof and log findings. */
export function ResultsTab() {
  const { t } = useTranslation('failover');
  const f = useStore((s) => s.project?.failover);
  const runId = useStore((s) => s.foResultRunId);
  const caseId = useStore((s) => s.foResultCase);
  const pick = useStore((s) => s.setFoResult);
  const accept = useStore((s) => s.setAcceptanceRun);
  if (!f) return null;
  const runs = [...f.runs].sort((a, b) => b.startedAt - a.startedAt);
  if (!runs.length) return <div className="card"><p>{t('ui.results.none')}</p></div>;
  const run = runs.find((r) => r.id === runId) ?? acceptanceRun(f.runs, f.acceptanceRunId) ?? runs[0]!;
  const accepted = f.acceptanceRunId === run.id;
  const detail = run.cases.find((c) => c.caseId === caseId) ?? run.cases.find((c) => c.verdict.value === 'fail') ?? run.cases[0];
  return (
    <div className="fo-results">
      <section className="card" aria-labelledby="fo-runs-title">
        <h2 id="fo-runs-title">{t('ui.results.title')}</h2>
        <div className="fo-run-pick">
          <label>
            {t('ui.results.run')}{' '}
            <select value={run.id} onChange={(e) => pick(e.target.value, null)}>
              {runs.map((r) => <option key={r.id} value={r.id}>{runName(t, r)}{f.acceptanceRunId === r.id ? ` · ${t('ui.results.accepted')}` : ''}</option>)}
            </select>
          </label>
          {accepted ? <span className="fo-badge-ok">{t('ui.results.isAcceptance')}</span> : (
            <button type="button" disabled={run.status === 'running'} onClick={() => accept(run.id)}>{t('ui.results.makeAcceptance')}</button>
          )}
        </div>
        {run.error ? <p className="notice">{t(run.error.key, { ...(run.error.params ?? {}), defaultValue: run.error.key })}</p> : null}
        <SollIstTable run={run} picked={detail?.caseId ?? null} onPick={(c) => pick(run.id, c)} />
      </section>
      {detail ? <CaseDetail result={detail} /> : null}
    </div>
  );
}

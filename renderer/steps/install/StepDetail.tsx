import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtBytes } from '../analysis/format';
import { DiffView } from './DiffView';
import { pick } from './l10n';
import { SECRET_REF, type ViewAction, type ViewStep } from './viewSteps';
import { visibleText } from './visibleText';

/** Up to this many backed-up files are listed in the line; more fold into a count that opens the list. */
const BACKUP_INLINE = 5;

function Stdin({ text }: { text: string }) {
  const { t } = useTranslation('install');
  const parts: (string | { secret: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(SECRET_REF)) {
    parts.push(text.slice(last, m.index));
    parts.push({ secret: m[1]! });
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return (
    <>
      <div className="hint">{t('ui.step.stdin')}</div>
      <pre className="ins-code">
        {parts.map((p, i) => (typeof p === 'string' ? <Fragment key={i}>{visibleText(p)}</Fragment> : <span key={i} className="ins-secret">‹{t('ui.step.secretRef', { name: t(`ui.secrets.names.${p.secret}`, { defaultValue: p.secret }) })}›</span>))}
      </pre>
    </>
  );
}

function FileBody({ a }: { a: Extract<ViewAction, { kind: 'write' | 'transfer' }> }) {
  const { t } = useTranslation('install');
  const f = a.file;
  if (a.error) return <p className="error-text">{t(a.error.code, { ...(a.error.params ?? {}), defaultValue: a.error.code })}</p>;
  if (f?.summary) {
    const why = f.summary.reason;
    return (
      <p className="ins-secret-line">
        {why === 'binary' ? t('ui.step.binary', { size: fmtBytes(f.summary.bytes) }) : why === 'secretNotSet' ? t('ui.step.secretNotSet') : t('ui.step.secretSize', { bytes: f.summary.bytes })}
        {f.summary.currentBytes !== undefined ? ` · ${t('ui.step.currentSize', { bytes: f.summary.currentBytes })}` : ''}
      </p>
    );
  }
  if (a.secret) return <p className="ins-secret-line">{t('ui.step.secretUnknownSize')}</p>;
  if (f?.change === 'unchanged') return <p className="ok-line">{t('ui.step.unchanged')}</p>;
  if (f?.change === 'metadata') return <p>{t('ui.step.metadataOnly', { mode: a.mode, owner: a.owner, curMode: f.current?.mode ?? '?', curOwner: f.current?.owner ?? '?' })}</p>;
  if (f?.diff) return <DiffView patch={f.diff} path={a.path} />;
  if (a.kind === 'write' && a.content !== undefined)
    return (
      <details className="ins-content">
        <summary>{t('ui.step.showContent', { count: a.content.split('\n').length, lines: a.content.split('\n').length })}</summary>
        <pre className="ins-code ins-file">{visibleText(a.content)}</pre>
        <p className="hint">{t('ui.step.diffAfterDryRun')}</p>
      </details>
    );
  return <p className="hint">{t('ui.step.diffAfterDryRun')}</p>;
}

function ActionItem({ a }: { a: ViewAction }) {
  const { t } = useTranslation('install');
  if (a.kind === 'run')
    return (
      <li className="ins-action">
        <div className="ins-action-head">{t('ui.step.run')}</div>
        <pre className="ins-code">{visibleText(a.command)}</pre>
        {a.stdin !== undefined ? <Stdin text={a.stdin} /> : null}
      </li>
    );
  if (a.kind === 'restore')
    return (
      <li className="ins-action">
        <div className="ins-action-head">{t('ui.step.restore')}</div>
        <ul className="ins-paths">{a.paths.map((p) => <li key={p}><code>{p}</code></li>)}</ul>
      </li>
    );
  return (
    <li className="ins-action">
      <div className="ins-action-head">
        {a.kind === 'write' ? t('ui.step.write', { path: a.path }) : t('ui.step.transfer', { from: t(`ui.roles.${a.from}`), fromPath: a.fromPath, path: a.path })}
        <span className="ins-meta"> · {a.mode} · {a.owner}</span>
      </div>
      <FileBody a={a} />
    </li>
  );
}

/** Everything about one step: why, the check, every command and file change, the proof, the undo. */
export function StepDetail({ step }: { step: ViewStep }) {
  const { t } = useTranslation('install');
  return (
    <div className="ins-step-detail">
      <p className="ins-expl">{pick(step.explanation)}</p>
      {step.check ? (
        <section>
          <h4>{t('ui.step.check')}</h4>
          <pre className="ins-code">{visibleText(step.check.command)}</pre>
          {step.check.done !== undefined ? <p className={step.check.done ? 'ok-line' : 'hint'}>{step.check.done ? t('ui.step.checkDone') : t('ui.step.checkOpen')}</p> : null}
          {step.check.error ? <p className="error-text">{t(step.check.error.code, { ...(step.check.error.params ?? {}), defaultValue: step.check.error.code })}</p> : null}
        </section>
      ) : (
        <p className="hint">{t('ui.step.noCheck')}</p>
      )}
      <section>
        <h4>{t('ui.step.actions', { count: step.actions.length })}</h4>
        {/* A step that copies a whole config tree backs up dozens of files: folded, so the actions stay in view. */}
        {step.backupPaths.length > BACKUP_INLINE ? (
          <details className="hint ins-backups"><summary>{t('ui.step.backupMany', { count: step.backupPaths.length })}</summary><ul className="plain ins-backup-list">{step.backupPaths.map((p) => <li key={p}>{p}</li>)}</ul></details>
        ) : step.backupPaths.length ? <p className="hint">{t('ui.step.backup', { paths: step.backupPaths.join(', ') })}</p> : null}
        <ol className="ins-actions">{step.actions.map((a, i) => <ActionItem key={i} a={a} />)}</ol>
      </section>
      {step.verify.length ? (
        <section>
          <h4>{t('ui.step.verify')}</h4>
          <ul className="ins-actions">
            {step.verify.map((v, i) => (
              <li key={i} className="ins-action">
                {v.title ? <div className="ins-action-head">{pick(v.title)}</div> : null}
                {v.freshSession ? <div className="hint">{t('ui.step.freshSession')}</div> : null}
                <pre className="ins-code">{visibleText(v.command)}</pre>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h4>{t('ui.step.rollback')}</h4>
        {step.rollback?.length ? (
          <ol className="ins-actions">{step.rollback.map((a, i) => <ActionItem key={i} a={a} />)}</ol>
        ) : (
          <p className={step.hasRollback ? 'hint' : step.destructive ? 'ins-warn-line' : 'hint'}>{step.hasRollback ? t('ui.step.rollbackYes') : step.destructive ? t('ui.step.rollbackNoDestructive') : t('ui.step.rollbackNone')}</p>
        )}
      </section>
    </div>
  );
}

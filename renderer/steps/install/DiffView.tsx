import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { diffModel } from './diffModel';

const mark = { add: '+', del: '−', ctx: ' ', hunk: '', note: '' } as const;

/** A unified diff rendered readably: line numbers of both files, +/− lines coloured, monospace, scrollable. */
export function DiffView({ patch, path }: { patch: string; path: string }) {
  const { t } = useTranslation('install');
  const m = useMemo(() => diffModel(patch), [patch]);
  return (
    <figure className="ins-diff" aria-label={t('ui.diff.label', { path })}>
      <figcaption>
        <code>{path}</code> <span className="ins-diff-add">+{m.added}</span> <span className="ins-diff-del">−{m.removed}</span>
        {m.created ? <span className="pill">{t('ui.diff.newFile')}</span> : null}
      </figcaption>
      <div className="ins-diff-body" tabIndex={0} role="table" aria-label={t('ui.diff.tableLabel', { path })}>
        {m.rows.length === 0 ? <div className="ins-diff-row ins-diff-note">{t('ui.diff.noChange')}</div> : null}
        {m.rows.map((r, i) => (
          <div key={i} role="row" className={`ins-diff-row ins-diff-${r.kind}`}>
            <span role="cell" className="ins-diff-no">{r.oldNo ?? ''}</span>
            <span role="cell" className="ins-diff-no">{r.newNo ?? ''}</span>
            <span role="cell" className="ins-diff-mark" aria-label={r.kind === 'add' ? t('ui.diff.added') : r.kind === 'del' ? t('ui.diff.removed') : undefined}>{mark[r.kind]}</span>
            <span role="cell" className="ins-diff-text">{r.text}</span>
          </div>
        ))}
        {m.truncated ? <div className="ins-diff-row ins-diff-note">{t('ui.diff.truncated')}</div> : null}
      </div>
    </figure>
  );
}

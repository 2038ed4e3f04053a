import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { openWithDialog } from './fileActions';

/** Shown while no project is open: start new, open a file, pick a recent one, or recover unsaved work. */
export function Welcome() {
  const { t, i18n } = useTranslation('project');
  const recent = useStore((s) => s.recent);
  const recoverable = useStore((s) => s.recoverable);
  const newProject = useStore((s) => s.newProject);
  const openProject = useStore((s) => s.openProject);
  const recover = useStore((s) => s.recoverProject);
  const discard = useStore((s) => s.discardRecovery);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p className="lead">{t('welcome.lead')}</p>
      <div className="welcome-actions">
        <button className="primary" onClick={() => void newProject()}>{t('welcome.new')}</button>
        <button onClick={() => void openWithDialog()}>{t('welcome.open')}</button>
      </div>
      {recoverable.length > 0 ? (
        <div className="card attention">
          <h2>{t('welcome.recoverTitle')}</h2>
          <p>{t('welcome.recoverLead')}</p>
          <ul className="list">
            {recoverable.map((r) => (
              <li key={r.id}>
                <span>
                  <strong>{r.title || t('welcome.untitled')}</strong> {r.customer ? `· ${r.customer}` : ''} · {when(r.savedAt)}
                </span>
                <span className="row-actions">
                  <button onClick={() => void recover(r.id)}>{t('welcome.recover')}</button>
                  <button onClick={() => void discard(r.id)}>{t('welcome.discard')}</button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="card">
        <h2>{t('welcome.recentTitle')}</h2>
        {recent.length === 0 ? (
          <p className="hint">{t('welcome.noRecent')}</p>
        ) : (
          <ul className="list">
            {recent.map((r) => (
              <li key={r.path}>
                <button className="link" onClick={() => void openProject(r.path)}>
                  <strong>{r.title || t('welcome.untitled')}</strong> {r.customer ? `· ${r.customer}` : ''}
                </button>
                <span className="path">{r.path}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { languages } from '../../shared/i18n/namespaces';
import { useStore } from '../store';
import { openWithDialog, saveWithDialog } from './fileActions';
import { useLanguageSwitch } from './useLanguageSwitch';

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES = { de: 'Deutsch', en: 'English' } as const;

export function Header() {
  const { t, i18n } = useTranslation('common');
  const project = useStore((s) => s.project);
  const saveStatus = useStore((s) => s.saveStatus);
  const savedAt = useStore((s) => s.savedAt);
  const filePath = useStore((s) => s.filePath);
  const newProject = useStore((s) => s.newProject);
  const switchLanguage = useLanguageSwitch();
  const time = savedAt ? new Date(savedAt).toLocaleTimeString(i18n.language) : '';
  const statusText =
    saveStatus === 'dirty' ? t('save.dirty') : saveStatus === 'saving' ? t('save.saving') : saveStatus === 'error' ? t('save.error') : saveStatus === 'invalid' ? t('save.invalid')
      : savedAt ? (filePath ? t('wizard:save.savedIn', { time, file: filePath }) : t('save.recoveryAt', { time })) : '';

  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" aria-hidden="true">✉</span>
        <span>Mail HA Studio</span>
        {project?.meta.title ? <span className="project-name">· {project.meta.title}</span> : null}
      </div>
      <div className="actions" role="toolbar" aria-label={t('fileActions')}>
        <button onClick={() => void newProject()}>{t('actions.new')}</button>
        <button onClick={() => void openWithDialog()} title="Ctrl+O">{t('actions.open')}</button>
        <button onClick={() => void saveWithDialog(false)} disabled={!project} title="Ctrl+S">{t('actions.save')}</button>
        <button onClick={() => void saveWithDialog(true)} disabled={!project}>{t('actions.saveAs')}</button>
        <span className={`save-status save-${saveStatus}`} role="status" aria-live="polite" title={filePath ?? undefined}>{project ? statusText : ''}</span>
      </div>
      <div className="lang" role="group" aria-label={t('language')}>
        {languages.map((l) => (
          <button key={l} aria-pressed={i18n.language === l} aria-label={LANGUAGE_NAMES[l]} title={LANGUAGE_NAMES[l]} onClick={() => void switchLanguage(l)}>
            {l.toUpperCase()}
          </button>
        ))}
      </div>
    </header>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Target } from '../../../shared/ssh/target';
import { useStore } from '../../store';
import type { SecretKind } from '../analysis/connection';

/** The secrets the primary's login needs, by its auth method (and its jump host's). */
export function primarySecretKinds(t: Target): SecretKind[] {
  const own: SecretKind[] = t.auth.method === 'key' ? ['passphrase'] : t.auth.method === 'password' || t.auth.method === 'keyboard-interactive' ? ['password'] : [];
  const jump: SecretKind[] = !t.jump ? [] : t.jump.auth.method === 'key' ? ['jumpPassphrase'] : t.jump.auth.method === 'password' || t.jump.auth.method === 'keyboard-interactive' ? ['jumpPassword'] : [];
  return [...own, 'sudo', ...jump];
}

/**
 * The primary's passwords for this session (or remembered), without going back to the Ist-Analyse: after a
 * handover the engineer opens the project, enters them here and the status view works again.
 */
export function PrimarySecrets({ target }: { target: Target }) {
  const { t } = useTranslation('install');
  const projectId = useStore((s) => s.project?.id);
  const status = useStore((s) => s.insSecretStatus.primary);
  const refresh = useStore((s) => s.refreshInsSecretStatus);
  const forget = useStore((s) => s.forgetInsSecret);
  const api = useStore((s) => s.api);
  const [values, setValues] = useState<Partial<Record<SecretKind, string>>>({});
  const [remember, setRemember] = useState(false);
  useEffect(() => void refresh('primary'), [refresh, projectId]);
  const kinds = primarySecretKinds(target);
  const typed = kinds.filter((k) => values[k]);
  const save = async () => {
    if (!projectId || !api) return;
    for (const kind of typed) await api.call('secrets.set', { projectId, role: 'primary', kind, value: values[kind]!, remember });
    setValues({});
    await refresh('primary');
  };
  return (
    <form className="ins-primary-secrets" aria-label={t('ui.hosts.primarySecrets')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="grid3">
        {kinds.map((k) => {
          const have = status?.[k] ?? false;
          const id = `ins-primary-${k}`;
          return (
            <div key={k} className="field">
              <label htmlFor={id}>{t(`anaui:fields.${k}`)}</label>
              <div className="with-unit">
                <input id={id} type="password" autoComplete="off" value={values[k] ?? ''} placeholder={have ? t('anaui:secrets.storedPlaceholder') : ''} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} />
                {have ? <button type="button" className="ins-small" onClick={() => void forget('primary', k)}>{t('anaui:secrets.forget')}</button> : null}
              </div>
            </div>
          );
        })}
      </div>
      <div className="ins-secrets-row">
        <label className="ins-check"><input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> {t('anaui:fields.remember')}</label>
        <button type="submit" className="ins-small" disabled={!typed.length}>{t('ui.secrets.save')}</button>
        <span className="hint">{t('ui.hosts.primarySecretsHint')}</span>
      </div>
    </form>
  );
}

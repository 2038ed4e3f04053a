import { useTranslation } from 'react-i18next';
import { authMethods, type AuthMethod } from '../../../shared/ssh/target';
import { Field } from '../../components/Field';
import type { ConnErrors, ConnForm, HopForm, SecretKind } from './connection';
import type { SecretStatus } from './slice';

interface Props {
  form: ConnForm;
  update(change: (f: ConnForm) => ConnForm): void;
  /** Errors to show now (i18n keys by field: 'host', 'jump.port' ...). */
  errors: ConnErrors;
  onBlur(field: string): void;
  secretStatus: SecretStatus | null | undefined;
  onForget(kind: SecretKind): void;
  /** Put before every input name, so several connection forms on one page stay apart. */
  namePrefix?: string;
  hints?: { host?: string; user?: string };
}

/**
 * The fields of one SSH connection (host, port, user, method, key or password, sudo, an optional jump host,
 * "remember"), for every step that logs in to a server. Secrets are typed here but never stored in the form's
 * project target; a stored one shows as such and can be forgotten.
 */
export function ConnectionFields({ form, update, errors, onBlur, secretStatus, onForget, namePrefix = '', hints = {} }: Props) {
  const { t } = useTranslation('anaui');

  const secretField = (kind: SecretKind, label: string) => {
    const stored = secretStatus?.[kind] ?? false;
    return (
      <Field label={label} hint={stored ? t('secrets.storedHint') : undefined}>
        {(id, d) => (
          <div className="with-unit">
            <input id={id} name={`${namePrefix}${kind}`} type="password" autoComplete="off" aria-describedby={d} value={form.secrets[kind]}
              placeholder={stored ? t('secrets.storedPlaceholder') : ''}
              onChange={(e) => update((f) => ({ ...f, secrets: { ...f.secrets, [kind]: e.target.value } }))} />
            {stored ? (
              <button type="button" className="ana-small" onClick={() => onForget(kind)} aria-label={t('secrets.forgetLabel', { what: label })}>
                {t('secrets.forget')}
              </button>
            ) : null}
          </div>
        )}
      </Field>
    );
  };

  const hopFields = (which: 'hop' | 'jump') => {
    const hop = form[which];
    const prefix = which === 'jump' ? 'jump.' : '';
    const name = (f: string) => `${namePrefix}${prefix}${f}`;
    const set = (patch: Partial<HopForm>) => update((f) => ({ ...f, [which]: { ...f[which], ...patch } }));
    const pwKind: SecretKind = which === 'jump' ? 'jumpPassword' : 'password';
    const ppKind: SecretKind = which === 'jump' ? 'jumpPassphrase' : 'passphrase';
    return (
      <>
        <div className="ana-hop">
          <Field label={t('fields.host')} error={errors[`${prefix}host`]} hint={which === 'hop' ? hints.host : undefined}>
            {(id, d) => <input id={id} name={name('host')} aria-describedby={d} value={hop.host} spellCheck={false} onChange={(e) => set({ host: e.target.value })} onBlur={() => onBlur(`${prefix}host`)} />}
          </Field>
          <Field label={t('fields.port')} error={errors[`${prefix}port`]}>
            {(id, d) => <input id={id} name={name('port')} inputMode="numeric" aria-describedby={d} value={hop.port} onChange={(e) => set({ port: e.target.value })} onBlur={() => onBlur(`${prefix}port`)} />}
          </Field>
          <Field label={t('fields.user')} error={errors[`${prefix}user`]} hint={which === 'hop' ? hints.user : undefined}>
            {(id, d) => <input id={id} name={name('user')} aria-describedby={d} value={hop.user} spellCheck={false} onChange={(e) => set({ user: e.target.value })} onBlur={() => onBlur(`${prefix}user`)} />}
          </Field>
          <Field label={t('fields.method')} hint={t(`authHints.${hop.method}`)}>
            {(id, d) => (
              <select id={id} name={name('method')} aria-describedby={d} value={hop.method} onChange={(e) => set({ method: e.target.value as AuthMethod })}>
                {authMethods.map((m) => <option key={m} value={m}>{t(`auth.${m}`)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <div className="grid2">
          {hop.method === 'key' ? (
            <>
              <Field label={t('fields.keyPath')} error={errors[`${prefix}keyPath`]}>
                {(id, d) => <input id={id} name={name('keyPath')} aria-describedby={d} value={hop.keyPath} spellCheck={false} onChange={(e) => set({ keyPath: e.target.value })} onBlur={() => onBlur(`${prefix}keyPath`)} />}
              </Field>
              {secretField(ppKind, which === 'jump' ? t('fields.jumpPassphrase') : t('fields.passphrase'))}
            </>
          ) : hop.method === 'password' || hop.method === 'keyboard-interactive' ? (
            secretField(pwKind, which === 'jump' ? t('fields.jumpPassword') : t('fields.password'))
          ) : null}
          {which === 'hop' ? secretField('sudo', t('fields.sudo')) : null}
        </div>
      </>
    );
  };

  return (
    <>
      {hopFields('hop')}
      <label className="ana-check">
        <input type="checkbox" name={`${namePrefix}useJump`} checked={form.useJump} onChange={(e) => update((f) => ({ ...f, useJump: e.target.checked }))} />
        {t('fields.useJump')}
      </label>
      {form.useJump ? (
        <fieldset className="ana-jump">
          <legend>{t('connect.jump')}</legend>
          {hopFields('jump')}
        </fieldset>
      ) : null}
      <div className="ana-secrets-row">
        <label className="ana-check">
          <input type="checkbox" name={`${namePrefix}remember`} checked={form.remember} onChange={(e) => update((f) => ({ ...f, remember: e.target.checked }))} />
          {t('fields.remember')}
        </label>
        <span className="hint">{t('secrets.never')}</span>
      </div>
    </>
  );
}

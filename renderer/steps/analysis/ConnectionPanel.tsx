import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authMethods, type AuthMethod } from '../../../shared/ssh/target';
import { Field } from '../../components/Field';
import { useStore } from '../../store';
import { formFromTarget, formToTarget, type ConnForm, type HopForm, type SecretKind } from './connection';
import { RunPanel } from './RunPanel';

/** Where and how to log in to the primary server; secrets go to main, the rest into project.hosts.primary. */
export function ConnectionPanel() {
  const { t } = useTranslation('anaui');
  const project = useStore((s) => s.project);
  const draft = useStore((s) => s.anaForm);
  const setForm = useStore((s) => s.setAnaForm);
  const triedToStart = useStore((s) => s.anaTouched);
  const secretStatus = useStore((s) => s.anaSecretStatus);
  const refreshSecretStatus = useStore((s) => s.refreshSecretStatus);
  const running = useStore((s) => s.anaRun?.phase === 'running' && s.anaRun.projectId === s.project?.id);
  const start = useStore((s) => s.startAnalysis);
  const api = useStore((s) => s.api);
  const [blurred, setBlurred] = useState<Record<string, boolean>>({});
  useEffect(() => void refreshSecretStatus(), [refreshSecretStatus, project?.id]);
  if (!project) return null;
  const form = draft?.projectId === project.id ? draft.form : formFromTarget(project.hosts.primary);
  const { errors } = formToTarget(form);
  const err = (f: string) => (triedToStart || blurred[f] ? errors[f] : undefined);
  const updateProject = useStore.getState().updateProject;
  const update = (change: (f: ConnForm) => ConnForm) => {
    const next = change(form);
    setForm(project.id, next);
    // A valid connection goes into the project right away (secrets never do), so it survives a restart.
    const { target } = formToTarget(next);
    if (target && JSON.stringify(target) !== JSON.stringify(project.hosts.primary)) updateProject((p) => ({ ...p, hosts: { ...p.hosts, primary: target } }));
  };
  const blur = (f: string) => setBlurred((b) => ({ ...b, [f]: true }));

  const forget = async (kind: SecretKind) => {
    await api?.call('secrets.set', { projectId: project.id, role: 'primary', kind, value: '', remember: false });
    await refreshSecretStatus();
  };

  const secretField = (kind: SecretKind, label: string) => {
    const stored = secretStatus?.[kind] ?? false;
    return (
      <Field label={label} hint={stored ? t('secrets.storedHint') : undefined}>
        {(id, d) => (
          <div className="with-unit">
            <input id={id} name={kind} type="password" autoComplete="off" aria-describedby={d} value={form.secrets[kind]}
              placeholder={stored ? t('secrets.storedPlaceholder') : ''}
              onChange={(e) => update((f) => ({ ...f, secrets: { ...f.secrets, [kind]: e.target.value } }))} />
            {stored ? (
              <button type="button" className="ana-small" onClick={() => void forget(kind)} aria-label={t('secrets.forgetLabel', { what: label })}>
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
    const set = (patch: Partial<HopForm>) => update((f) => ({ ...f, [which]: { ...f[which], ...patch } }));
    const pwKind: SecretKind = which === 'jump' ? 'jumpPassword' : 'password';
    const ppKind: SecretKind = which === 'jump' ? 'jumpPassphrase' : 'passphrase';
    return (
      <>
        <div className="ana-hop">
          <Field label={t('fields.host')} error={err(`${prefix}host`)} hint={which === 'hop' ? t('hints.host') : undefined}>
            {(id, d) => <input id={id} name={`${prefix}host`} aria-describedby={d} value={hop.host} spellCheck={false} onChange={(e) => set({ host: e.target.value })} onBlur={() => blur(`${prefix}host`)} />}
          </Field>
          <Field label={t('fields.port')} error={err(`${prefix}port`)}>
            {(id, d) => <input id={id} name={`${prefix}port`} inputMode="numeric" aria-describedby={d} value={hop.port} onChange={(e) => set({ port: e.target.value })} onBlur={() => blur(`${prefix}port`)} />}
          </Field>
          <Field label={t('fields.user')} error={err(`${prefix}user`)} hint={which === 'hop' ? t('hints.user') : undefined}>
            {(id, d) => <input id={id} name={`${prefix}user`} aria-describedby={d} value={hop.user} spellCheck={false} onChange={(e) => set({ user: e.target.value })} onBlur={() => blur(`${prefix}user`)} />}
          </Field>
          <Field label={t('fields.method')} hint={t(`authHints.${hop.method}`)}>
            {(id, d) => (
              <select id={id} name={`${prefix}method`} aria-describedby={d} value={hop.method} onChange={(e) => set({ method: e.target.value as AuthMethod })}>
                {authMethods.map((m) => <option key={m} value={m}>{t(`auth.${m}`)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <div className="grid2">
          {hop.method === 'key' ? (
            <>
              <Field label={t('fields.keyPath')} error={err(`${prefix}keyPath`)}>
                {(id, d) => <input id={id} name={`${prefix}keyPath`} aria-describedby={d} value={hop.keyPath} spellCheck={false} onChange={(e) => set({ keyPath: e.target.value })} onBlur={() => blur(`${prefix}keyPath`)} />}
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
    <form className="form ana-conn" aria-label={t('connect.formLabel')} onSubmit={(e) => { e.preventDefault(); void start(); }}>
      <fieldset disabled={running}>
        <legend>{t('connect.primary')}</legend>
        {hopFields('hop')}
        <label className="ana-check">
          <input type="checkbox" name="useJump" checked={form.useJump} onChange={(e) => update((f) => ({ ...f, useJump: e.target.checked }))} />
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
            <input type="checkbox" name="remember" checked={form.remember} onChange={(e) => update((f) => ({ ...f, remember: e.target.checked }))} />
            {t('fields.remember')}
          </label>
          <span className="hint">{t('secrets.never')}</span>
        </div>
        <p className="ana-stored" aria-live="polite">
          {t('secrets.status')}{' '}
          {secretStatus && Object.entries(secretStatus).some(([, v]) => v)
            ? Object.entries(secretStatus).filter(([, v]) => v).map(([k]) => t(`secrets.kinds.${k}`)).join(', ')
            : t('secrets.none')}
        </p>
      </fieldset>
      <RunPanel />
    </form>
  );
}

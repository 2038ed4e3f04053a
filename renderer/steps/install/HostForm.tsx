import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authMethods, type AuthMethod } from '../../../shared/ssh/target';
import { Field } from '../../components/Field';
import { useStore } from '../../store';
import { formFromTarget, formToTarget, type ConnForm, type HopForm, type SecretKind } from '../analysis/connection';
import type { NodeHostRole } from './hostsPart';

/**
 * How the app reaches one node over SSH: the same fields, validation and secret handling as the
 * Ist-Analyse's connection to the primary. A valid target goes into project.hosts[role] as it is typed;
 * secrets go to main when an action starts and are never part of the project.
 */
export function HostForm({ role, needed }: { role: NodeHostRole; needed: boolean }) {
  const { t } = useTranslation('install');
  const project = useStore((s) => s.project);
  const draft = useStore((s) => s.insForms[role]);
  const setForm = useStore((s) => s.setInsForm);
  const touched = useStore((s) => !!s.insTouched[role]);
  const status = useStore((s) => s.insSecretStatus[role]);
  const refreshStatus = useStore((s) => s.refreshInsSecretStatus);
  const forget = useStore((s) => s.forgetInsSecret);
  const remove = useStore((s) => s.removeHost);
  const busy = useStore((s) => s.insRun?.phase === 'running' || s.insInventoryRun?.phase === 'running');
  const [blurred, setBlurred] = useState<Record<string, boolean>>({});
  useEffect(() => void refreshStatus(role), [refreshStatus, role, project?.id]);
  if (!project) return null;
  const stored = project.hosts[role];
  const form = draft?.projectId === project.id ? draft.form : formFromTarget(stored);
  const { errors } = formToTarget(form);
  const err = (f: string) => (touched || blurred[f] ? errors[f] : undefined);
  const blur = (f: string) => setBlurred((b) => ({ ...b, [f]: true }));
  const update = (change: (f: ConnForm) => ConnForm) => {
    const next = change(form);
    setForm(role, project.id, next);
    const { target } = formToTarget(next);
    if (target && JSON.stringify(target) !== JSON.stringify(stored)) useStore.getState().updateProject((p) => ({ ...p, hosts: { ...p.hosts, [role]: target } }));
  };
  const name = t(`ui.roles.${role}`);

  const secretField = (kind: SecretKind, label: string) => {
    const have = status?.[kind] ?? false;
    return (
      <Field label={label} hint={have ? t('anaui:secrets.storedHint') : undefined}>
        {(id, d) => (
          <div className="with-unit">
            <input id={id} name={`${role}-${kind}`} type="password" autoComplete="off" aria-describedby={d} value={form.secrets[kind]} placeholder={have ? t('anaui:secrets.storedPlaceholder') : ''}
              onChange={(e) => update((f) => ({ ...f, secrets: { ...f.secrets, [kind]: e.target.value } }))} />
            {have ? <button type="button" className="ins-small" onClick={() => void forget(role, kind)} aria-label={t('anaui:secrets.forgetLabel', { what: label })}>{t('anaui:secrets.forget')}</button> : null}
          </div>
        )}
      </Field>
    );
  };

  const hop = (which: 'hop' | 'jump') => {
    const h = form[which];
    const prefix = which === 'jump' ? 'jump.' : '';
    const patch = (p: Partial<HopForm>) => update((f) => ({ ...f, [which]: { ...f[which], ...p } }));
    return (
      <>
        <div className="ins-hop">
          <Field label={t('anaui:fields.host')} error={err(`${prefix}host`)} hint={which === 'hop' ? t('ui.hosts.hostHint') : undefined}>
            {(id, d) => <input id={id} name={`${role}-${prefix}host`} aria-describedby={d} value={h.host} spellCheck={false} onChange={(e) => patch({ host: e.target.value })} onBlur={() => blur(`${prefix}host`)} />}
          </Field>
          <Field label={t('anaui:fields.port')} error={err(`${prefix}port`)}>
            {(id, d) => <input id={id} name={`${role}-${prefix}port`} inputMode="numeric" aria-describedby={d} value={h.port} onChange={(e) => patch({ port: e.target.value })} onBlur={() => blur(`${prefix}port`)} />}
          </Field>
          <Field label={t('anaui:fields.user')} error={err(`${prefix}user`)}>
            {(id, d) => <input id={id} name={`${role}-${prefix}user`} aria-describedby={d} value={h.user} spellCheck={false} onChange={(e) => patch({ user: e.target.value })} onBlur={() => blur(`${prefix}user`)} />}
          </Field>
          <Field label={t('anaui:fields.method')}>
            {(id, d) => (
              <select id={id} name={`${role}-${prefix}method`} aria-describedby={d} value={h.method} onChange={(e) => patch({ method: e.target.value as AuthMethod })}>
                {authMethods.map((m) => <option key={m} value={m}>{t(`anaui:auth.${m}`)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <div className="grid2">
          {h.method === 'key' ? (
            <>
              <Field label={t('anaui:fields.keyPath')} error={err(`${prefix}keyPath`)}>
                {(id, d) => <input id={id} name={`${role}-${prefix}keyPath`} aria-describedby={d} value={h.keyPath} spellCheck={false} onChange={(e) => patch({ keyPath: e.target.value })} onBlur={() => blur(`${prefix}keyPath`)} />}
              </Field>
              {secretField(which === 'jump' ? 'jumpPassphrase' : 'passphrase', which === 'jump' ? t('anaui:fields.jumpPassphrase') : t('anaui:fields.passphrase'))}
            </>
          ) : h.method === 'password' || h.method === 'keyboard-interactive' ? (
            secretField(which === 'jump' ? 'jumpPassword' : 'password', which === 'jump' ? t('anaui:fields.jumpPassword') : t('anaui:fields.password'))
          ) : null}
          {which === 'hop' ? secretField('sudo', t('anaui:fields.sudo')) : null}
        </div>
      </>
    );
  };

  return (
    <form className="form ins-host" aria-label={t('ui.hosts.formLabel', { role: name })} onSubmit={(e) => e.preventDefault()} data-role={role}>
      <fieldset disabled={busy}>
        <legend>
          {name}
          {stored ? <span className="pill ok ins-legend-pill">{t('ui.hosts.entered')}</span> : <span className="pill ins-legend-pill">{t('ui.hosts.notEntered')}</span>}
        </legend>
        <p className="hint">{t(`ui.hosts.why.${role}`)}</p>
        {!needed ? (
          <p className="notice ins-not-needed">
            {t('ui.hosts.notNeeded')}{' '}
            <button type="button" className="ins-small" onClick={() => remove(role)}>{t('ui.hosts.remove', { role: name })}</button>
          </p>
        ) : null}
        {hop('hop')}
        <label className="ins-check">
          <input type="checkbox" name={`${role}-useJump`} checked={form.useJump} onChange={(e) => update((f) => ({ ...f, useJump: e.target.checked }))} />
          {t('anaui:fields.useJump')}
        </label>
        {form.useJump ? (
          <fieldset className="ins-jump">
            <legend>{t('anaui:connect.jump')}</legend>
            {hop('jump')}
          </fieldset>
        ) : null}
        <div className="ins-secrets-row">
          <label className="ins-check">
            <input type="checkbox" name={`${role}-remember`} checked={form.remember} onChange={(e) => update((f) => ({ ...f, remember: e.target.checked }))} />
            {t('anaui:fields.remember')}
          </label>
          <span className="hint">{t('anaui:secrets.never')}</span>
        </div>
      </fieldset>
    </form>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { secretIds, type SecretId } from '../../../shared/commission/types';
import type { WirePlan as Plan } from './wire';
import { useStore } from '../../store';

/** Secrets the plan's steps reference (the hacluster password, the DB replica password ...). */
export function secretsNeeded(plan: Plan | null | undefined): Set<string> {
  return new Set((plan?.steps ?? []).flatMap((s) => s.secrets ?? []));
}

function SecretRow({ id, needed }: { id: SecretId; needed: boolean }) {
  const { t } = useTranslation('install');
  const set = useStore((s) => s.insCommissionSecrets?.status[id] ?? false);
  const generate = useStore((s) => s.generateCommissionSecret);
  const save = useStore((s) => s.setCommissionSecret);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [remember, setRemember] = useState(true);
  const tooShort = value.length > 0 && value.length < 8;
  const name = t(`ui.secrets.names.${id}`);
  return (
    <li className="ins-secret-item" data-secret={id}>
      <div className="ins-secret-head">
        <span className="ins-secret-name">{name}</span>
        <span className={`pill ${set ? 'ok' : needed ? 'bad' : ''}`} data-testid={`secret-${id}`}>{set ? t('ui.secrets.set') : t('ui.secrets.notSet')}</span>
        {needed ? null : <span className="hint">{t('ui.secrets.notNeeded')}</span>}
        <span className="row-actions">
          <button type="button" className="ins-small" onClick={() => void generate(id)} aria-label={t('ui.secrets.generateLabel', { name })}>{set ? t('ui.secrets.regenerate') : t('ui.secrets.generate')}</button>
          <button type="button" className="ins-small" aria-expanded={editing} onClick={() => setEditing(!editing)} aria-label={t('ui.secrets.ownLabel', { name })}>{t('ui.secrets.own')}</button>
        </span>
      </div>
      <p className="hint">{t(`ui.secrets.why.${id}`)}</p>
      {editing ? (
        <form className="ins-secret-form" onSubmit={(e) => { e.preventDefault(); if (value.length >= 8) void save(id, value, remember).then((ok) => { if (ok) { setValue(''); setEditing(false); } }); }}>
          <label htmlFor={`ins-secret-${id}`}>{t('ui.secrets.valueLabel', { name })}</label>
          <input id={`ins-secret-${id}`} type="password" autoComplete="new-password" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={tooShort} />
          {tooShort ? <div className="field-msg error" role="alert">{t('ui.secrets.tooShort')}</div> : null}
          <label className="ins-check"><input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> {t('ui.secrets.remember')}</label>
          <div className="row-actions">
            <button type="submit" className="primary" disabled={value.length < 8}>{t('ui.secrets.save')}</button>
            <button type="button" onClick={() => { setValue(''); setEditing(false); }}>{t('ui.cancel')}</button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

/**
 * The secrets worth showing: with a plan, those it needs and those set already; before one, all but the
 * IPMI passwords, which only matter when IPMI fencing is planned.
 */
export function shownSecrets(plan: Plan | null | undefined, set: Partial<Record<SecretId, boolean>> | undefined, fencing: readonly string[]): SecretId[] {
  if (plan) {
    const needed = secretsNeeded(plan);
    return secretIds.filter((id) => needed.has(id) || set?.[id]);
  }
  return secretIds.filter((id) => !id.startsWith('ipmi') || fencing.includes('ipmi') || set?.[id]);
}

/** Commissioning secrets: generated or set by the user, kept in the app's encrypted store, never shown again. */
export function SecretsCard({ plan }: { plan: Plan | null | undefined }) {
  const { t } = useTranslation('install');
  const refresh = useStore((s) => s.refreshCommissionSecrets);
  const projectId = useStore((s) => s.project?.id);
  const fencing = useStore((s) => s.project?.planning.quorumFencing.fencing ?? []);
  const status = useStore((s) => s.insCommissionSecrets?.status);
  useEffect(() => void refresh(), [refresh, projectId]);
  const needed = secretsNeeded(plan);
  const shown = shownSecrets(plan, status, fencing);
  return (
    <section className="card" id="ins-secrets" aria-labelledby="ins-secrets-title">
      <h2 id="ins-secrets-title">{t('ui.secrets.title')}</h2>
      <p className="hint">{t('ui.secrets.intro')}</p>
      {shown.length ? <ul className="plain ins-secret-list">{shown.map((id) => <SecretRow key={id} id={id} needed={!plan || needed.has(id)} />)}</ul> : <p className="ok-line">{t('ui.secrets.noneNeeded')}</p>}
    </section>
  );
}

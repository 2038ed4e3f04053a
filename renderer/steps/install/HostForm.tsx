import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ConnectionFields } from '../analysis/ConnectionFields';
import { formFromTarget, formToTarget, type ConnForm } from '../analysis/connection';
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
  const shown = Object.fromEntries(Object.entries(errors).filter(([f]) => touched || blurred[f]));
  const update = (change: (f: ConnForm) => ConnForm) => {
    const next = change(form);
    setForm(role, project.id, next);
    const { target } = formToTarget(next);
    if (target && JSON.stringify(target) !== JSON.stringify(stored)) useStore.getState().updateProject((p) => ({ ...p, hosts: { ...p.hosts, [role]: target } }));
  };
  const name = t(`ui.roles.${role}`);

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
        <ConnectionFields form={form} update={update} errors={shown} onBlur={(f) => setBlurred((b) => ({ ...b, [f]: true }))} secretStatus={status}
          onForget={(k) => void forget(role, k)} namePrefix={`${role}-`} hints={{ host: t('ui.hosts.hostHint') }} />
      </fieldset>
    </form>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ConnectionFields } from './ConnectionFields';
import { formFromTarget, formToTarget, type ConnForm, type SecretKind } from './connection';
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
  // Errors show once the user tried to start or left the field.
  const shown = Object.fromEntries(Object.entries(errors).filter(([f]) => triedToStart || blurred[f]));
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

  return (
    <form className="form ana-conn" aria-label={t('connect.formLabel')} onSubmit={(e) => { e.preventDefault(); void start(); }}>
      <fieldset disabled={running}>
        <legend>{t('connect.primary')}</legend>
        <ConnectionFields form={form} update={update} errors={shown} onBlur={blur} secretStatus={secretStatus} onForget={(k) => void forget(k)} hints={{ host: t('hints.host'), user: t('hints.user') }} />
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

import { useTranslation } from 'react-i18next';
import { processModels, type Contact, type ProjectMeta, type Requirement } from '../../../shared/project/meta';
import { Field } from '../../components/Field';
import { useStore } from '../../store';

type AreaField = 'processModelReason' | 'projectEnvironment' | 'benefit' | 'scopeExclusions' | 'presentationAids';
type TextField = 'company' | 'supervisor' | 'examNumber';

const nextId = (prefix: string, used: { id: string }[]) => {
  for (let n = used.length + 1; ; n++) if (!used.some((x) => x.id === `${prefix}${n}`)) return `${prefix}${n}`;
};

/** What the Projektantrag and the report need beyond the basics: people, process model, texts, requirements, contacts. */
export function ProposalFields() {
  const { t } = useTranslation('docs');
  const meta = useStore((s) => s.project?.meta);
  const updateMeta = useStore((s) => s.updateMeta);
  if (!meta) return null;
  const set = (patch: Partial<ProjectMeta>) => updateMeta(patch);

  const text = (f: TextField, max: number) => (
    <Field label={t(`projectFields.${f}`)}>
      {(id, d) => <input id={id} name={f} aria-describedby={d} value={meta[f]} maxLength={max} onChange={(e) => set({ [f]: e.target.value })} />}
    </Field>
  );
  const area = (f: AreaField, rows = 3) => (
    <Field label={t(`projectFields.${f}`)} hint={t(`projectFields.${f}Hint`, { defaultValue: '' }) || undefined}>
      {(id, d) => <textarea id={id} name={f} rows={rows} aria-describedby={d} value={meta[f]} maxLength={20000} onChange={(e) => set({ [f]: e.target.value })} />}
    </Field>
  );
  const setReq = (i: number, r: Requirement | null) => set({ requirements: r ? meta.requirements.map((x, k) => (k === i ? r : x)) : meta.requirements.filter((_, k) => k !== i) });
  const setContact = (i: number, c: Contact | null) => set({ contacts: c ? meta.contacts.map((x, k) => (k === i ? c : x)) : meta.contacts.filter((_, k) => k !== i) });

  return (
    <form className="form" onSubmit={(e) => e.preventDefault()} aria-label={t('projectFields.section')}>
      <fieldset>
        <legend>{t('projectFields.section')}</legend>
        <p className="hint">{t('projectFields.sectionLead')}</p>
        <div className="grid3">
          {text('company', 200)}
          {text('supervisor', 200)}
          {text('examNumber', 40)}
        </div>
        <div className="grid2">
          <div>
            <Field label={t('projectFields.processModel')}>
              {(id, d) => (
                <select id={id} aria-describedby={d} className="select" value={meta.processModel ?? ''}
                  onChange={(e) => set({ processModel: (e.target.value || undefined) as ProjectMeta['processModel'] })}>
                  <option value="">{t('projectFields.processModelNone')}</option>
                  {processModels.map((m) => <option key={m} value={m}>{t(`processModels.${m}.name`)}</option>)}
                </select>
              )}
            </Field>
            {meta.processModel === 'other' ? (
              <Field label={t('projectFields.processModelOther')}>
                {(id, d) => <input id={id} aria-describedby={d} value={meta.processModelOther} maxLength={100} onChange={(e) => set({ processModelOther: e.target.value })} />}
              </Field>
            ) : null}
            {meta.processModel ? <p className="hint">{t(`processModels.${meta.processModel}.description`)}</p> : null}
          </div>
          {area('processModelReason')}
        </div>
        <div className="grid2">
          {area('projectEnvironment')}
          {area('benefit')}
          {area('scopeExclusions')}
          {area('presentationAids', 2)}
        </div>

        <h3 className="pf-h3">{t('projectFields.requirements')}</h3>
        <p className="hint">{t('projectFields.requirementsHint')}</p>
        <ol className="pf-list">
          {meta.requirements.map((r, i) => (
            <li key={r.id}>
              <span className="pf-n" aria-hidden="true">{i + 1}.</span>
              <input aria-label={t('projectFields.requirement', { n: i + 1 })} value={r.text} maxLength={500} onChange={(e) => setReq(i, { ...r, text: e.target.value })} />
              <button type="button" className="link" aria-label={t('projectFields.removeRequirement', { n: i + 1 })} onClick={() => setReq(i, null)}>✕</button>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => set({ requirements: [...meta.requirements, { id: nextId('r', meta.requirements), text: '' }] })} disabled={meta.requirements.length >= 50}>
          {t('projectFields.addRequirement')}
        </button>

        <h3 className="pf-h3">{t('projectFields.contacts')}</h3>
        <p className="hint">{t('projectFields.contactsHint')}</p>
        {meta.contacts.length ? (
          <table className="pf-table">
            <thead>
              <tr>
                <th>{t('projectFields.contactRole')}</th><th>{t('projectFields.contactName')}</th><th>{t('projectFields.contactOrganisation')}</th>
                <th>{t('projectFields.contactReach')}</th><th>{t('projectFields.contactEscalation')}</th><th />
              </tr>
            </thead>
            <tbody>
              {meta.contacts.map((c, i) => (
                <tr key={c.id}>
                  {(['role', 'name', 'organisation', 'reach'] as const).map((f) => (
                    <td key={f}>
                      <input aria-label={`${t(`projectFields.contact${f[0]!.toUpperCase()}${f.slice(1)}`)} ${i + 1}`} value={c[f]} maxLength={f === 'reach' ? 300 : 200} onChange={(e) => setContact(i, { ...c, [f]: e.target.value })} />
                    </td>
                  ))}
                  <td>
                    <select aria-label={`${t('projectFields.contactEscalation')} ${i + 1}`} value={c.escalation ?? ''}
                      onChange={(e) => {
                        const { escalation: _old, ...rest } = c;
                        setContact(i, e.target.value ? { ...rest, escalation: Number(e.target.value) } : rest);
                      }}>
                      <option value="">{t('projectFields.contactNoEscalation')}</option>
                      {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
                    </select>
                  </td>
                  <td><button type="button" className="link" aria-label={t('projectFields.removeContact', { n: i + 1 })} onClick={() => setContact(i, null)}>✕</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <button type="button" onClick={() => set({ contacts: [...meta.contacts, { id: nextId('c', meta.contacts), role: '', name: '', organisation: '', reach: '' }] })} disabled={meta.contacts.length >= 30}>
          {t('projectFields.addContact')}
        </button>

        <div className="pf-attachments">
          <Field label={t('projectFields.plannedAttachments')} hint={t('projectFields.plannedAttachmentsHint')}>
            {(id, d) => (
              <textarea id={id} rows={3} aria-describedby={d} value={meta.plannedAttachments.join('\n')}
                onChange={(e) => set({ plannedAttachments: e.target.value.split('\n').slice(0, 30).map((l) => l.slice(0, 300)) })} />
            )}
          </Field>
        </div>
      </fieldset>
    </form>
  );
}

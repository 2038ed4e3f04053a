import { useTranslation } from 'react-i18next';
import { documentKinds } from '../../../shared/documents/model';
import { useStore } from '../../store';

/** The four documents as a radio group of cards, each with what it is and when it was last exported. */
export function DocPicker() {
  const { t, i18n } = useTranslation('docs');
  const kind = useStore((s) => s.docsKind);
  const setKind = useStore((s) => s.setDocsKind);
  const last = useStore((s) => s.project?.documents.lastExports);
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <fieldset className="docs-picker" aria-label={t('step.chooseLabel')}>
      <legend className="sr-only">{t('step.chooseLabel')}</legend>
      {documentKinds.map((k) => {
        const e = last?.[k];
        return (
          <label key={k} className={`docs-choice${k === kind ? ' chosen' : ''}`}>
            <input type="radio" name="docs-kind" value={k} checked={k === kind} onChange={() => setKind(k)} />
            <span className="docs-choice-name">{t(`kinds.${k}`)}</span>
            <span className="docs-choice-desc">{t(`step.descriptions.${k}`)}</span>
            <span className="docs-choice-last">{e ? t('step.lastExport', { date: date(e.at), pages: e.pages }) : t('step.neverExported')}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildDocument } from '../../../shared/documents/index';
import { pendingNotes } from '../../../shared/documents/notices';
import { planProject } from '../../../shared/planning/planProject';
import { useStore } from '../../store';

/**
 * What the chosen document will say is missing, built with the same chapter builders as the PDF (pure, in
 * the renderer), so the list and the document never disagree.
 */
export function Pending() {
  const { t, i18n } = useTranslation('docs');
  const project = useStore((s) => s.project);
  const kind = useStore((s) => s.docsKind);
  // Listed in the UI's language (the notes are the same in the document's).
  const lang = useStore((s) => (s.language === 'de' ? 'de' : 'en'));
  const notes = useMemo(() => {
    if (!project) return [];
    try {
      const tl = i18n.getFixedT(lang);
      const m = buildDocument(kind, { project, plan: planProject(project), generatedAt: new Date().toISOString(), appVersion: '' }, (k, p) => tl(k, p ?? {}), lang);
      return pendingNotes(m);
    } catch {
      return [];
    }
  }, [project, kind, lang, i18n]);
  return (
    <div className="card docs-pending" aria-labelledby="docs-pending-title">
      <h2 id="docs-pending-title">{t('step.pending.title')}</h2>
      {notes.length ? (
        <>
          <p className="hint">{t('step.pending.lead')}</p>
          <ul className="plain docs-pending-list">
            {notes.map((n, i) => (
              <li key={`${n.chapterId}-${i}`}>
                <strong>{n.chapterTitle}</strong>: {n.text}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="ok-line">{t('step.pending.none')}</p>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { sectionNumbers } from '../../../shared/documents/assemble';
import { editableChapters, outlines } from '../../../shared/documents/outline';
import { useStore } from '../../store';
import { useDocumentsUpdate } from './documentsUpdate';

/** Per chapter of the chosen document: the user's paragraphs, appended to or replacing the generated prose. */
export function Chapters() {
  const { t } = useTranslation('docs');
  const kind = useStore((s) => s.docsKind);
  const additions = useStore((s) => s.project?.documents.additions ?? {});
  const update = useDocumentsUpdate();
  const numbers = sectionNumbers(outlines[kind]);
  const chapters = editableChapters(kind);
  const filled = chapters.filter((c) => additions[c.id]?.text.trim()).length;
  const set = (id: string, patch: { mode?: 'append' | 'replace'; text?: string }) =>
    update((d) => {
      const cur = d.additions[id] ?? { mode: 'append' as const, text: '' };
      return { ...d, additions: { ...d.additions, [id]: { ...cur, ...patch } } };
    });
  return (
    <div className="card docs-chapters" aria-labelledby="docs-chapters-title">
      <h2 id="docs-chapters-title">{t('step.chapters.title')}</h2>
      <p className="hint">{t('step.chapters.lead')} {filled ? t('step.chapters.filled', { count: filled }) : null}</p>
      {chapters.map((c) => {
        const a = additions[c.id];
        const title = `${numbers.get(c.id) ?? ''} ${t(`titles.${c.id}`)}`.trim();
        return (
          <details key={c.id} className="docs-chapter" open={!!a?.text.trim()}>
            <summary>
              {title}
              {a?.text.trim() ? <span className="docs-badge">{t(`step.chapters.modes.${a.mode}`)}</span> : null}
            </summary>
            <div className="docs-chapter-body">
              <label className="docs-inline">
                {t('step.chapters.mode')}
                <select value={a?.mode ?? 'append'} onChange={(e) => set(c.id, { mode: e.target.value as 'append' | 'replace' })}>
                  <option value="append">{t('step.chapters.modes.append')}</option>
                  <option value="replace">{t('step.chapters.modes.replace')}</option>
                </select>
              </label>
              <textarea aria-label={t('step.chapters.text', { chapter: title })} rows={4} maxLength={20000} value={a?.text ?? ''} onChange={(e) => set(c.id, { text: e.target.value })} />
            </div>
          </details>
        );
      })}
    </div>
  );
}

import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { stepIds } from '../../shared/project/steps';
import { stepModules } from '../steps/registry';
import { useStore } from '../store';

const ICON: Record<string, string> = { notStarted: '○', inProgress: '◐', done: '●', attention: '!' };

/** The wizard's steps with their state; arrow keys move between them, Enter/Space opens one. */
export function Sidebar() {
  const { t } = useTranslation('wizard');
  const project = useStore((s) => s.project);
  const current = useStore((s) => s.currentStep);
  const goTo = useStore((s) => s.goTo);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKey = (e: KeyboardEvent, index: number) => {
    const next = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? stepIds.length - 1 : -1;
    if (next < 0 || next >= stepIds.length) return;
    e.preventDefault();
    refs.current[next]?.focus();
  };

  return (
    <nav className="sidebar" aria-label={t('navLabel')}>
      <ol>
        {stepModules.map((m, i) => {
          const status = project ? m.status(project) : 'notStarted';
          return (
            <li key={m.id}>
              <button
                ref={(el) => {
                  refs.current[i] = el;
                }}
                className={`step-link status-${status}${current === m.id ? ' current' : ''}`}
                aria-current={current === m.id ? 'step' : undefined}
                disabled={!project}
                onClick={() => goTo(m.id)}
                onKeyDown={(e) => onKey(e, i)}
                title={t('shortcut', { n: i + 1 })}
              >
                <span className="step-no">{i + 1}</span>
                <span className="step-name">{t(`steps.${m.id}.title`)}</span>
                <span className={`step-state state-${status}`} aria-label={t(`status.${status}`)} title={t(`status.${status}`)}>
                  {ICON[status]}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <div className="legend" aria-hidden="true">
        {(['notStarted', 'inProgress', 'done', 'attention'] as const).map((s) => (
          <span key={s} className={`state-${s}`}>
            {ICON[s]} {t(`status.${s}`)}
          </span>
        ))}
      </div>
    </nav>
  );
}

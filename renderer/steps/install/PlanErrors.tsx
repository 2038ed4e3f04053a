import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { fixPlace, type FixPlace, type PlanErrorLike } from './planNeeds';

const roleIds = new Set(['primary', 'secondary', 'witness', 'node3']);

/** An error's text with node roles in words ("Zweitserver", not "secondary"). */
export function useErrorText() {
  const { t } = useTranslation('install');
  return (e: PlanErrorLike) => {
    const params: Record<string, string | number> = { ...(e.params ?? {}) };
    for (const k of ['node', 'role', 'from']) if (typeof params[k] === 'string' && roleIds.has(params[k] as string)) params[k] = t(`ui.roles.${params[k]}`);
    return t(e.key, { ...params, defaultValue: e.key });
  };
}

function placeLabel(p: FixPlace, t: (k: string) => string): string {
  return p.kind === 'step' ? t(`ui.fix.step.${p.step}`) : t(`ui.fix.card.${p.card}`);
}

/**
 * What is still missing before a plan can be made, each with a button to where it is fixed. `only` limits
 * the list to one tab's errors (the tab shows those beside its forms).
 */
export function PlanErrors({ errors, only, title }: { errors: readonly PlanErrorLike[]; only?: string; title?: string }) {
  const { t } = useTranslation('install');
  const text = useErrorText();
  const setTab = useStore((s) => s.setInsTab);
  const goTo = useStore((s) => s.goTo);
  const shown = errors.map((e) => ({ e, place: fixPlace(e.key) })).filter((x) => !only || (x.place.kind === 'tab' && x.place.tab === only));
  if (!shown.length) return null;
  return (
    <section className="card ins-errors" aria-labelledby={`ins-errors-${only ?? 'all'}`}>
      <h2 id={`ins-errors-${only ?? 'all'}`}>{title ?? t('ui.errors.title', { count: shown.length })}</h2>
      <ul className="reasons">
        {shown.map(({ e, place }, i) => (
          <li key={`${e.key}-${i}`} className="reason reason-error ins-error-row">
            <span className="ins-error-text">{text(e)}</span>
            <button type="button" className="ins-small" onClick={() => (place.kind === 'step' ? goTo(place.step) : setTab(place.tab, place.card))}>
              {t('ui.errors.fixAt', { place: placeLabel(place, t) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

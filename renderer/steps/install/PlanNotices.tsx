import { useTranslation } from 'react-i18next';
import type { PlanNotice } from '../../../shared/commission/types';
import { pick } from './l10n';

/** The generator's notices above the plan; danger ones (e.g. no fencing) in red, first. */
export function PlanNotices({ notices }: { notices: readonly PlanNotice[] }) {
  const { t } = useTranslation('install');
  if (!notices.length) return null;
  const order = { danger: 0, warning: 1, info: 2 };
  const sorted = [...notices].sort((a, b) => order[a.level] - order[b.level]);
  return (
    <ul className="reasons ins-notices" aria-label={t('ui.plan.noticesLabel')}>
      {sorted.map((n, i) => (
        <li key={i} className={`reason ${n.level === 'danger' ? 'reason-error ins-danger' : n.level === 'warning' ? 'reason-warning' : 'reason-info'}`} data-level={n.level}>
          <strong className="ins-notice-level">{t(`ui.plan.level.${n.level}`)}</strong> {pick(n.text)}
        </li>
      ))}
    </ul>
  );
}

import { useTranslation } from 'react-i18next';
import { describeTarget } from '../../../shared/ssh/target';
import { useStore } from '../../store';
import { fmtDateTime } from '../analysis/format';
import { hostRoles } from './inventoryPart';
import { useErrorText } from './PlanErrors';

/** Runs the read-only inventory on every entered node and shows, per node, what it found or why it failed. */
export function InventoryCard() {
  const { t } = useTranslation('install');
  const project = useStore((s) => s.project);
  const run = useStore((s) => (s.insInventoryRun?.projectId === s.project?.id ? s.insInventoryRun : null));
  const start = useStore((s) => s.runInventory);
  const cancel = useStore((s) => s.cancelInventory);
  const busy = useStore((s) => s.insRun?.phase === 'running');
  const errText = useErrorText();
  if (!project) return null;
  const roles = hostRoles(project.hosts);
  const inv = project.commission.inventory?.nodes ?? {};
  const running = run?.phase === 'running';
  return (
    <section className="card" id="ins-inventory" aria-labelledby="ins-inventory-title">
      <div className="ins-card-head">
        <h2 id="ins-inventory-title">{t('ui.inventory.title')}</h2>
        <div className="row-actions">
          <button type="button" className="primary" disabled={running || busy || !roles.length} onClick={() => void start()}>{Object.keys(inv).length ? t('ui.inventory.again') : t('ui.inventory.start')}</button>
          {running ? <button type="button" onClick={() => void cancel()}>{t('ui.cancel')}</button> : null}
        </div>
      </div>
      <p className="hint">{t('ui.inventory.intro')}</p>
      {running ? <p className="ins-phase-running" role="status">{t('ui.inventory.running', { count: run.roles.length })}</p> : null}
      <table className="plan-table ins-inv-table" aria-label={t('ui.inventory.tableLabel')}>
        <thead>
          <tr>
            <th>{t('ui.inventory.node')}</th>
            <th>{t('ui.inventory.reachedAt')}</th>
            <th>{t('ui.inventory.result')}</th>
            <th>{t('ui.inventory.os')}</th>
            <th>{t('ui.inventory.drbd')}</th>
            <th>{t('ui.inventory.collectedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => {
            const n = inv[r];
            const failed = run?.failed[r];
            const state = running && run.roles.includes(r) ? 'running' : failed ? 'failed' : n ? 'ok' : 'none';
            return (
              <tr key={r} data-role={r} data-state={state}>
                <th scope="row">{t(`ui.roles.${r}`)}</th>
                <td><code className="ins-target">{describeTarget(project.hosts[r]!)}</code></td>
                <td>
                  {state === 'running' ? <span className="ins-phase-running">{t('ui.inventory.reading')}</span> : null}
                  {state === 'failed' ? <span className="error-text">{errText({ key: failed!.code, ...(failed!.params ? { params: failed!.params } : {}) })}</span> : null}
                  {state === 'ok' ? <span className="ok-line">✓ {n!.hostname}</span> : null}
                  {state === 'none' ? <span className="muted">{t('ui.inventory.notYet')}</span> : null}
                </td>
                <td>{n ? [n.osId, n.osVersionId, n.osCodename ? `(${n.osCodename})` : ''].filter(Boolean).join(' ') : '–'}</td>
                <td>{n ? (n.drbdModuleVersion ? `${n.drbdModuleVersion}${n.drbdModuleLoaded ? '' : ` ${t('ui.inventory.notLoaded')}`}` : t('ui.inventory.noDrbd')) : '–'}</td>
                <td className="ins-nowrap">{n ? fmtDateTime(n.collectedAt) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {roles.some((r) => inv[r]?.problems.length) ? (
        <details className="ins-problems">
          <summary>{t('ui.inventory.problems', { count: roles.reduce((a, r) => a + (inv[r]?.problems.length ?? 0), 0) })}</summary>
          <ul>{roles.flatMap((r) => (inv[r]?.problems ?? []).map((p, i) => <li key={`${r}-${i}`}><strong>{t(`ui.roles.${r}`)}:</strong> {p}</li>))}</ul>
        </details>
      ) : null}
    </section>
  );
}

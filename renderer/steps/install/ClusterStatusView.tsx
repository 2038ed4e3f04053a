import { useTranslation } from 'react-i18next';
import type { ClusterStatus } from '../../../shared/cluster/statusSchema';
import { useStore } from '../../store';
import { fmtDateTime } from '../analysis/format';
import { clusterVerdict } from './clusterVerdict';
import { useErrorText } from './PlanErrors';

const roleIds = new Set(['primary', 'secondary', 'witness', 'node3']);

/** Nodes, quorum, resources and where they run, DRBD, fencing and failed actions, as the cluster reports them. */
export function ClusterStatusView({ status }: { status: ClusterStatus }) {
  const { t } = useTranslation('install');
  const errText = useErrorText();
  const accepted = useStore((s) => !!s.project?.planning.quorumFencing.riskAcceptance && !!s.project?.planning.quorumFencing.fencing.includes('none'));
  const pm = status.pacemaker;
  const findings = clusterVerdict(status, accepted);
  const quorum = status.nodes.find((n) => n.quorum)?.quorum;
  const params = (p?: Record<string, string | number>) => {
    const out: Record<string, string | number> = { ...(p ?? {}) };
    if (typeof out.node === 'string' && roleIds.has(out.node)) out.node = t(`ui.roles.${out.node}`);
    return out;
  };
  return (
    <div className="ins-cluster" data-testid="cluster-status">
      <ul className="reasons" aria-label={t('ui.cluster.findingsLabel')}>
        {findings.map((f, i) => (
          <li key={i} className={`reason ${f.level === 'danger' ? 'reason-error' : f.level === 'warning' ? 'reason-warning' : 'reason-info ins-ok'}`} data-level={f.level}>{t(f.key, params(f.params))}</li>
        ))}
      </ul>
      <div className="ins-cluster-grid">
        <section className="card" aria-labelledby="ins-cl-nodes">
          <h3 id="ins-cl-nodes">{t('ui.cluster.nodes')}</h3>
          <table className="plan-table">
            <thead><tr><th>{t('ui.cluster.node')}</th><th>{t('ui.cluster.state')}</th><th className="num">{t('ui.cluster.resourcesRunning')}</th></tr></thead>
            <tbody>
              {(pm?.nodes ?? []).map((n) => (
                <tr key={n.name} data-node={n.name}>
                  <th scope="row">{n.name}{n.isDc ? <span className="pill ins-dc" title={t('ui.cluster.dcHint')}>DC</span> : null}</th>
                  <td>
                    <span className={`pill ${n.online && !n.standby ? 'ok' : n.unclean || !n.online ? 'bad' : 'warn'}`}>
                      {n.unclean ? t('ui.cluster.unclean') : !n.online ? t('ui.cluster.offline') : n.standby ? t('ui.cluster.standby') : n.maintenance ? t('ui.cluster.maintenance') : t('ui.cluster.online')}
                    </span>
                  </td>
                  <td className="num">{n.resourcesRunning ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {status.nodes.filter((n) => !n.reachable).map((n) => (
            <p key={n.role} className="error-text">{t(`ui.roles.${n.role}`)}: {n.error ? errText({ key: n.error.code, ...(n.error.params ? { params: n.error.params } : {}) }) : t('ui.cluster.noAnswer')}</p>
          ))}
        </section>
        <section className="card" aria-labelledby="ins-cl-quorum">
          <h3 id="ins-cl-quorum">{t('ui.cluster.quorum')}</h3>
          <dl className="figs">
            <div><dt>{t('ui.cluster.quorate')}</dt><dd>{status.summary.quorate === undefined ? '–' : status.summary.quorate ? t('ui.yes') : t('ui.no')}</dd></div>
            <div><dt>{t('ui.cluster.votes')}</dt><dd>{quorum ? `${quorum.totalVotes ?? '–'} / ${quorum.expectedVotes ?? '–'}` : '–'}</dd></div>
            <div><dt>{t('ui.cluster.flags')}</dt><dd>{quorum?.flags.join(', ') || '–'}</dd></div>
            <div><dt>{t('ui.cluster.fencing')}</dt><dd>{status.summary.stonithEnabled === undefined ? '–' : status.summary.stonithEnabled ? t('ui.cluster.stonithOn', { devices: pm?.stonithDevices.join(', ') || '–' }) : t('ui.cluster.stonithOff')}</dd></div>
            <div><dt>{t('ui.cluster.dc')}</dt><dd>{pm?.dc ?? '–'}</dd></div>
          </dl>
        </section>
      </div>
      <section className="card" aria-labelledby="ins-cl-res">
        <h3 id="ins-cl-res">{t('ui.cluster.resources')}</h3>
        <table className="plan-table" data-testid="cluster-resources">
          <thead><tr><th>{t('ui.cluster.resource')}</th><th>{t('ui.cluster.agent')}</th><th>{t('ui.cluster.role')}</th><th>{t('ui.cluster.where')}</th></tr></thead>
          <tbody>
            {(pm?.resources ?? []).map((r, i) => (
              <tr key={`${r.id}-${i}`} data-resource={r.id} className={r.failed ? 'ins-row-bad' : ''}>
                <th scope="row">{r.id}{r.group ? <div className="hint">{t('ui.cluster.inGroup', { group: r.group })}</div> : r.clone ? <div className="hint">{t('ui.cluster.inClone', { clone: r.clone })}</div> : null}</th>
                <td><code>{r.agent}</code></td>
                <td>{r.role}{r.failed ? ` · ${t('ui.cluster.failed')}` : ''}{!r.managed ? ` · ${t('ui.cluster.unmanaged')}` : ''}</td>
                <td>{r.nodes.join(', ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {status.nodes.some((n) => n.drbd?.resources.length) ? (
        <section className="card" aria-labelledby="ins-cl-drbd">
          <h3 id="ins-cl-drbd">{t('ui.cluster.drbd')}</h3>
          <table className="plan-table">
            <thead><tr><th>{t('ui.cluster.node')}</th><th>{t('ui.cluster.resource')}</th><th>{t('ui.cluster.role')}</th><th>{t('ui.cluster.disk')}</th><th>{t('ui.cluster.peer')}</th><th>{t('ui.cluster.sync')}</th></tr></thead>
            <tbody>
              {status.nodes.flatMap((n) => (n.drbd?.resources ?? []).map((r) => (
                <tr key={`${n.role}-${r.name}`}>
                  <th scope="row">{n.hostname ?? t(`ui.roles.${n.role}`)}</th>
                  <td>{r.name}</td>
                  <td>{r.role ?? '–'}</td>
                  <td>{r.disk ?? '–'}</td>
                  <td>{r.peers.map((p) => `${p.name ?? ''} ${p.role ?? ''} ${p.disk ?? ''} ${p.connection ?? ''}`.trim()).join('; ') || '–'}</td>
                  <td>{r.peers.map((p) => (p.syncPercent !== undefined ? `${p.syncPercent} %${p.syncEtaS !== undefined ? ` (${t('ui.cluster.syncEta', { s: p.syncEtaS })})` : ''}` : p.replication ?? '')).filter(Boolean).join('; ') || '–'}</td>
                </tr>
              )))}
            </tbody>
          </table>
        </section>
      ) : null}
      {pm?.failedActions.length ? (
        <section className="card" aria-labelledby="ins-cl-failed">
          <h3 id="ins-cl-failed">{t('ui.cluster.failedActions')}</h3>
          <table className="plan-table">
            <thead><tr><th>{t('ui.cluster.resource')}</th><th>{t('ui.cluster.op')}</th><th>{t('ui.cluster.node')}</th><th>{t('ui.cluster.reason')}</th><th>{t('ui.cluster.when')}</th></tr></thead>
            <tbody>
              {pm.failedActions.map((a, i) => (
                <tr key={i}><th scope="row">{a.resource}</th><td>{a.op}</td><td>{a.node}</td><td>{[a.exitStatus, a.exitReason].filter(Boolean).join(': ') || (a.exitCode ?? '–')}</td><td>{a.lastRcChange ?? '–'}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <p className="hint">{t('ui.cluster.collectedAt', { at: fmtDateTime(status.collectedAt) })}</p>
    </div>
  );
}

/** One look at the whole cluster for monitoring: connect to every node, sample once, judge (shared/failover/monitoring). */
import { AppError } from '../../shared/errors';
import { parseProfileFacts, planNodes, profileCommand } from '../../shared/failover/clusterFacts';
import { clusterCheck, type ClusterCheck } from '../../shared/failover/monitoring';
import type { Project } from '../../shared/project/schema';
import type { AuditSink } from '../audit/types';
import type { Services } from '../services';
import type { AcceptedHostKey } from '../ssh';
import { ClusterWatch } from './clusterWatch';
import { NodeLinks } from './nodeLinks';

export async function checkCluster(services: Services, project: Project, audit: AuditSink, acceptHostKeys: readonly AcceptedHostKey[]): Promise<ClusterCheck> {
  const vip = project.commission.settings.vip?.replace(/\/\d+$/, '');
  if (!vip) throw new AppError('failover:problems.noVip');
  const links = new NodeLinks(services, project, audit, acceptHostKeys);
  try {
    const facts = [];
    for (const role of links.roles()) {
      try {
        const r = await links.exec(role, profileCommand, { timeoutMs: 15_000, idempotent: true });
        const f = parseProfileFacts(r.stdout, role);
        links.setName(role, f.node);
        facts.push(f);
      } catch {
        // an unreachable node is part of what the check reports
      }
    }
    const round = await new ClusterWatch(links, vip).sampleOnce();
    const names = planNodes(facts).map((n) => n.name);
    return clusterCheck(round.samples, names.length ? names : links.all().map((l) => l.name), project.commission.settings.clusterName);
  } finally {
    await links.closeAll();
  }
}

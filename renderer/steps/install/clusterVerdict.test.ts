import { describe, expect, it } from 'vitest';
import type { ClusterStatus, PcmkNode, PcmkResource } from '../../../shared/cluster/statusSchema';
import { clusterVerdict } from './clusterVerdict';

const node = (name: string, extra: Partial<PcmkNode> = {}): PcmkNode => ({ name, online: true, standby: false, maintenance: false, unclean: false, pending: false, shutdown: false, isDc: false, ...extra });
const res = (id: string, nodes: string[], extra: Partial<PcmkResource> = {}): PcmkResource => ({ id, agent: 'ocf:heartbeat:IPaddr2', role: nodes.length ? 'Started' : 'Stopped', active: nodes.length > 0, failed: false, managed: true, blocked: false, nodes, ...extra });

function status(over: { nodes?: PcmkNode[]; resources?: PcmkResource[]; stonith?: boolean; failed?: number; units?: Record<string, { enabled: string; active: string }>; reachable?: boolean } = {}): ClusterStatus {
  const nodes = over.nodes ?? [node('legacy', { isDc: true }), node('secondary')];
  const pacemaker = { nodes, resources: over.resources ?? [res('vip', ['legacy']), res('fs', ['legacy'])], stonithDevices: [], failedActions: Array.from({ length: over.failed ?? 0 }, () => ({ resource: 'postfix', op: 'monitor', node: 'legacy' })), fenceHistory: [], problems: [], withQuorum: true, ...(over.stonith !== undefined ? { stonithEnabled: over.stonith } : {}) };
  return {
    collectedAt: '2026-12-01T10:00:00Z',
    nodes: [
      { role: 'primary', reachable: over.reachable ?? true, units: over.units ?? { postfix: { enabled: 'disabled', active: 'active' } }, pacemaker },
      { role: 'secondary', reachable: true, units: {} },
    ],
    pacemaker,
    summary: { quorate: true, onlineNodes: nodes.filter((n) => n.online).map((n) => n.name), offlineNodes: nodes.filter((n) => !n.online).map((n) => n.name), activeOn: {}, failedActions: over.failed ?? 0, ...(over.stonith !== undefined ? { stonithEnabled: over.stonith } : {}) },
  };
}

describe('clusterVerdict', () => {
  it('a healthy fenced cluster says so and nothing else', () => {
    expect(clusterVerdict(status({ stonith: true }), false)).toEqual([{ level: 'ok', key: 'ui.cluster.find.healthy', params: { nodes: 2 } }]);
  });

  it('no fencing is red without a risk acceptance and amber with one', () => {
    expect(clusterVerdict(status({ stonith: false }), false).map((f) => [f.level, f.key])).toEqual([['danger', 'ui.cluster.find.noStonith']]);
    expect(clusterVerdict(status({ stonith: false }), true).map((f) => [f.level, f.key])).toEqual([['warning', 'ui.cluster.find.noStonithAccepted']]);
  });

  it('names offline nodes, stopped resources, failed actions and services left enabled in systemd', () => {
    const f = clusterVerdict(status({ stonith: true, nodes: [node('legacy'), node('secondary', { online: false })], resources: [res('vip', []), res('fs', ['legacy'])], failed: 2, units: { postfix: { enabled: 'enabled', active: 'active' } } }), false);
    expect(f).toEqual([
      { level: 'danger', key: 'ui.cluster.find.offline', params: { nodes: 'secondary' } },
      { level: 'danger', key: 'ui.cluster.find.stopped', params: { resources: 'vip' } },
      { level: 'warning', key: 'ui.cluster.find.failedActions', params: { count: 2 } },
      { level: 'warning', key: 'ui.cluster.find.unitsEnabled', params: { node: 'primary', units: 'postfix' } },
    ]);
  });

  it('a node that did not answer is red; without any Pacemaker view that is all it can say', () => {
    const s = status({ reachable: false });
    const noPcmk: ClusterStatus = { ...s, pacemaker: undefined };
    expect(clusterVerdict(noPcmk, false).map((x) => x.key)).toEqual(['ui.cluster.find.unreachable', 'ui.cluster.find.noPacemaker']);
  });
});

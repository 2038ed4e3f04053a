import { fencingIds, quorumIds, stonithIds, type FencingId, type QuorumFencingChoice, type QuorumId } from './quorumSchema';
import { sbdTiming } from './failover';
import { reason, type Reason } from './trace';

/** One row of the reference table; all texts are i18n keys under planning:quorumFencing.options.<id>. */
export interface QfOption<Id extends string> {
  id: Id;
  kind: 'quorum' | 'stonith' | 'addon' | 'none';
  needs: string;
  protectsAgainst: string;
  cost: string;
  complexity: string;
  explanation: string;
}

function option<Id extends string>(id: Id, kind: QfOption<Id>['kind']): QfOption<Id> {
  const k = `planning:quorumFencing.options.${id}`;
  return { id, kind, needs: `${k}.needs`, protectsAgainst: `${k}.protects`, cost: `${k}.cost`, complexity: `${k}.complexity`, explanation: `${k}.explanation` };
}

export function quorumOptions(): QfOption<QuorumId>[] {
  return quorumIds.map((id) => option(id, 'quorum'));
}

export function fencingOptions(): QfOption<FencingId>[] {
  return fencingIds.map((id) =>
    option(id, id === 'none' ? 'none' : (stonithIds as readonly string[]).includes(id) ? 'stonith' : 'addon'),
  );
}

export interface QfIssue extends Reason {
  severity: 'error' | 'warning' | 'info';
}

const issue = (severity: QfIssue['severity'], name: string, params?: Record<string, string | number>): QfIssue => ({
  severity,
  ...reason(`planning:quorumFencing.rules.${name}`, params),
});

export function hasStonith(fencing: readonly FencingId[]): boolean {
  return fencing.some((f) => (stonithIds as readonly string[]).includes(f));
}

/** Checks a quorum/fencing choice against the rules of the reference; errors block the plan. */
export function validateQuorumFencing(c: QuorumFencingChoice): { ok: boolean; issues: QfIssue[] } {
  const out: QfIssue[] = [];
  const f = new Set(c.fencing);

  if (c.twoNode && c.qdevice) out.push(issue('error', 'twoNodeAndQdevice'));
  if (c.twoNode && c.nodeCount !== 2) out.push(issue('error', 'twoNodeNeedsTwoNodes', { nodeCount: c.nodeCount }));
  if (c.nodeCount === 2 && !c.twoNode && !c.qdevice) out.push(issue('error', 'twoNodesNeedQuorum'));
  if (c.qdevice && c.qdeviceAlgorithm === 'ffsplit' && c.nodeCount % 2 === 1) out.push(issue('warning', 'ffsplitForEven', { nodeCount: c.nodeCount }));
  if (c.twoNode) out.push(issue('info', 'twoNodeWaitForAll'));

  if (f.size === 0) out.push(issue('error', 'noFencingChosen'));
  if (f.has('none')) {
    if (f.size > 1) out.push(issue('error', 'noneWithOthers'));
    const r = c.riskAcceptance;
    if (!r || !r.who.trim() || !r.reason.trim() || !/^\d{4}-\d{2}-\d{2}/.test(r.when)) out.push(issue('error', 'riskAcceptanceMissing'));
    else out.push(issue('warning', 'noFencingAccepted', { who: r.who.trim(), when: r.when }));
  }
  const stonith = hasStonith(c.fencing);
  if (f.has('drbdResourceFencing') && !stonith) out.push(issue('error', 'drbdFencingNeedsStonith'));
  if (f.has('drbdResourceFencing') && c.corosyncLinks < 2) out.push(issue('warning', 'drbdFencingTwoLinks'));
  if (stonith && !f.has('drbdResourceFencing')) out.push(issue('warning', 'addDrbdFencing'));
  if (f.has('fenceDelay') && !stonith) out.push(issue('error', 'fenceDelayNeedsStonith'));
  if (c.twoNode && stonith && !f.has('fenceDelay')) out.push(issue('warning', 'fenceRace'));
  if (f.has('sbdDiskless') && !c.qdevice && c.nodeCount < 3) out.push(issue('error', 'disklessSbdNeedsQuorum'));
  if (f.has('sbdDisk')) out.push(issue('info', 'sbdDiskNeedsSharedLun'));
  if (f.has('ipmi')) out.push(issue('info', 'ipmiPowerLoss'));
  if (f.has('virsh')) out.push(issue('warning', 'virshLabOnly'));

  if (f.has('sbdDisk') || f.has('sbdDiskless')) {
    const t = sbdTiming(c.sbd.watchdogTimeoutS);
    if (c.sbd.msgwaitS < t.msgwaitS.value) out.push(issue('error', 'sbdMsgwait', { msgwait: c.sbd.msgwaitS, expected: t.msgwaitS.value }));
    const minStonith = 2 * c.sbd.msgwaitS;
    if (c.sbd.stonithTimeoutS < minStonith) out.push(issue('error', 'sbdStonithTimeout', { stonithTimeout: c.sbd.stonithTimeoutS, min: minStonith }));
  }
  return { ok: !out.some((i) => i.severity === 'error'), issues: out };
}

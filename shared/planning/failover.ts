import { FailoverTimingSchema, stonithIds, type FencingId, type QuorumFencingChoice } from './quorumSchema';
import { figure, type Figure, type FigureInput } from './trace';
import { parseOrThrow } from './validate';

/** SBD: msgwait = 2 x watchdog timeout; stonith-timeout >= 2 x msgwait. */
export function sbdTiming(watchdogTimeoutS: number): { msgwaitS: Figure; minStonithTimeoutS: Figure } {
  const msgwait = 2 * watchdogTimeoutS;
  return {
    msgwaitS: figure(msgwait, 's', 'sbdMsgwait', { watchdogTimeoutS }),
    minStonithTimeoutS: figure(2 * msgwait, 's', 'sbdStonithTimeout', { msgwaitS: msgwait }),
  };
}

/** Rough time a fence agent needs until the victim is confirmed off (assumptions, shown as such). */
const fenceActionDefaults: Partial<Record<FencingId, number>> = { ipmi: 10_000, pdu: 8000, virsh: 5000 };

/**
 * Every segment of a failover in the order it happens. A planned switchover first stops the services on the
 * old node (Postfix, Dovecot, MariaDB, unmount, demote) and then starts them on the new one; an unplanned one
 * first detects the failure and fences. Views stack and list segments in this order.
 */
export const segmentOrder = [
  'detection', 'consensus', 'fenceDelay', 'fenceAction', 'stopServices', 'promote', 'mount', 'vip', 'innodbRecovery', 'mariadbStart', 'dovecot', 'postfix',
] as const;
export type SegmentId = (typeof segmentOrder)[number];

export interface BudgetSegment {
  id: SegmentId;
  /** Offset from the failure (or the move command) in ms, for the stacked bar. */
  startMs: number;
  figure: Figure;
}

export interface FailoverBudget {
  kind: 'unplanned' | 'planned';
  segments: BudgetSegment[];
  totalMs: Figure;
}

/**
 * Failover time budget. Unplanned: corosync detection (token, plus token_coefficient per node above two) and
 * consensus (1.2 x token), fence delay and fence action, then promote, mount with journal replay, VIP, InnoDB
 * crash recovery and service starts. Planned: no detection or fencing, but the clean stop on the old node.
 */
export function failoverBudget(choice: QuorumFencingChoice, kind: 'unplanned' | 'planned' = 'unplanned'): FailoverBudget {
  const t = parseOrThrow(FailoverTimingSchema, choice.timing, 'planning:errors.invalidTiming');
  const parts: { id: SegmentId; figure: Figure }[] = [];
  const ms = (id: SegmentId, value: number, formula: string, inputs: Record<string, FigureInput>) =>
    parts.push({ id, figure: figure(value, 'ms', formula, inputs) });

  if (kind === 'unplanned') {
    // token_coefficient only applies from three nodes on (corosync.conf(5)).
    const extra = choice.nodeCount >= 3 ? (choice.nodeCount - 2) * t.tokenCoefficientMs : 0;
    const token = t.tokenMs + extra;
    if (choice.nodeCount >= 3) ms('detection', token, 'detectionMany', { tokenMs: t.tokenMs, nodes: choice.nodeCount, tokenCoefficientMs: t.tokenCoefficientMs });
    else ms('detection', token, 'detectionTwo', { tokenMs: t.tokenMs });
    if (t.consensusMs !== undefined) ms('consensus', t.consensusMs, 'setByHand', { consensusMs: t.consensusMs });
    else ms('consensus', 1.2 * token, 'consensus', { tokenMs: token });

    const delayDefault = choice.twoNode && choice.fencing.includes('fenceDelay') ? 5000 : 0;
    const delay = t.fenceDelayMs ?? delayDefault;
    if (t.fenceDelayMs !== undefined) ms('fenceDelay', delay, 'setByHand', { fenceDelayMs: delay });
    else ms('fenceDelay', delay, 'fenceDelayDefault', { twoNode: choice.twoNode, fenceDelayChosen: choice.fencing.includes('fenceDelay') });
    const method = choice.fencing.find((f) => (stonithIds as readonly string[]).includes(f));
    if (t.fenceActionMs !== undefined) ms('fenceAction', t.fenceActionMs, 'setByHand', { fenceActionMs: t.fenceActionMs });
    else if (method === 'sbdDisk' || method === 'sbdDiskless') ms('fenceAction', choice.sbd.msgwaitS * 1000, 'fenceActionSbd', { msgwaitS: choice.sbd.msgwaitS });
    else if (method) ms('fenceAction', fenceActionDefaults[method] ?? 0, 'fenceActionAssumed', { fencingMethod: method, assumedMs: fenceActionDefaults[method] ?? 0 });
    else ms('fenceAction', 0, 'fenceActionNone', {});
  } else {
    ms('stopServices', t.stopServicesMs, 'timingAssumption', { stopServicesMs: t.stopServicesMs });
  }
  ms('promote', t.promoteMs, 'timingAssumption', { promoteMs: t.promoteMs });
  ms('mount', t.mountMs, 'timingAssumption', { mountMs: t.mountMs });
  ms('vip', t.vipMs, 'timingAssumption', { vipMs: t.vipMs });
  if (kind === 'unplanned') ms('innodbRecovery', t.innodbRecoveryMs, 'timingAssumption', { innodbRecoveryMs: t.innodbRecoveryMs });
  else ms('mariadbStart', t.mariadbStartMs, 'timingAssumption', { mariadbStartMs: t.mariadbStartMs });
  // The commissioning plan starts Dovecot before Postfix (Postfix needs Dovecot's auth and LMTP sockets).
  ms('dovecot', t.dovecotStartMs, 'timingAssumption', { dovecotStartMs: t.dovecotStartMs });
  ms('postfix', t.postfixStartMs, 'timingAssumption', { postfixStartMs: t.postfixStartMs });

  let at = 0;
  const segments = parts.map((p) => {
    const s = { ...p, startMs: at };
    at += p.figure.value;
    return s;
  });
  const inputs = Object.fromEntries(segments.map((s) => [`segment:${s.id}`, s.figure.value]));
  return { kind, segments, totalMs: figure(at, 'ms', 'sumOfSegments', inputs) };
}

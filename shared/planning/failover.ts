import { FailoverTimingSchema, stonithIds, type FencingId, type QuorumFencingChoice } from './quorumSchema';
import { figure, type Figure } from './trace';
import { parseOrThrow } from './validate';

/** SBD: msgwait = 2 x watchdog timeout; stonith-timeout >= 2 x msgwait. */
export function sbdTiming(watchdogTimeoutS: number): { msgwaitS: Figure; minStonithTimeoutS: Figure } {
  const msgwait = 2 * watchdogTimeoutS;
  return {
    msgwaitS: figure(msgwait, 's', '2*wd', { wd: watchdogTimeoutS }),
    minStonithTimeoutS: figure(2 * msgwait, 's', '2*msgwait', { msgwait }),
  };
}

/** Rough time a fence agent needs until the victim is confirmed off (assumptions, shown as such). */
const fenceActionDefaults: Partial<Record<FencingId, number>> = { ipmi: 10_000, pdu: 8000, virsh: 5000 };

export type SegmentId =
  | 'detection' | 'consensus' | 'fenceDelay' | 'fenceAction' | 'stopServices' | 'promote' | 'mount' | 'vip'
  | 'innodbRecovery' | 'mariadbStart' | 'postfix' | 'dovecot';

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
  const ms = (id: SegmentId, value: number, formula: string, inputs: Record<string, number | string>) =>
    parts.push({ id, figure: figure(value, 'ms', formula, inputs) });

  if (kind === 'unplanned') {
    // token_coefficient only applies from three nodes on (corosync.conf(5)).
    const extra = choice.nodeCount >= 3 ? (choice.nodeCount - 2) * t.tokenCoefficientMs : 0;
    const token = t.tokenMs + extra;
    ms('detection', token, 'token+(n-2)*coeff [n>=3]', { token: t.tokenMs, n: choice.nodeCount, coeff: t.tokenCoefficientMs });
    if (t.consensusMs !== undefined) ms('consensus', t.consensusMs, 'set', { set: t.consensusMs });
    else ms('consensus', 1.2 * token, '1.2*token', { token });

    const delayDefault = choice.twoNode && choice.fencing.includes('fenceDelay') ? 5000 : 0;
    const delay = t.fenceDelayMs ?? delayDefault;
    ms('fenceDelay', delay, t.fenceDelayMs !== undefined ? 'set' : 'twoNode&fenceDelay ? 5000 : 0', {
      set: delay, twoNode: String(choice.twoNode), fenceDelay: String(choice.fencing.includes('fenceDelay')),
    });
    const method = choice.fencing.find((f) => (stonithIds as readonly string[]).includes(f));
    if (t.fenceActionMs !== undefined) ms('fenceAction', t.fenceActionMs, 'set', { set: t.fenceActionMs });
    else if (method === 'sbdDisk' || method === 'sbdDiskless') ms('fenceAction', choice.sbd.msgwaitS * 1000, 'msgwait*1000', { msgwait: choice.sbd.msgwaitS });
    else ms('fenceAction', method ? (fenceActionDefaults[method] ?? 0) : 0, 'default(method)', { method: method ?? 'none' });
  } else {
    ms('stopServices', t.stopServicesMs, 'stop', { stop: t.stopServicesMs });
  }
  ms('promote', t.promoteMs, 'promote', { promote: t.promoteMs });
  ms('mount', t.mountMs, 'mount', { mount: t.mountMs });
  ms('vip', t.vipMs, 'vip', { vip: t.vipMs });
  if (kind === 'unplanned') ms('innodbRecovery', t.innodbRecoveryMs, 'innodb', { innodb: t.innodbRecoveryMs });
  else ms('mariadbStart', t.mariadbStartMs, 'mariadb', { mariadb: t.mariadbStartMs });
  ms('postfix', t.postfixStartMs, 'postfix', { postfix: t.postfixStartMs });
  ms('dovecot', t.dovecotStartMs, 'dovecot', { dovecot: t.dovecotStartMs });

  let at = 0;
  const segments = parts.map((p) => {
    const s = { ...p, startMs: at };
    at += p.figure.value;
    return s;
  });
  const inputs = Object.fromEntries(segments.map((s) => [s.id, s.figure.value]));
  return { kind, segments, totalMs: figure(at, 'ms', segments.map((s) => s.id).join('+'), inputs) };
}

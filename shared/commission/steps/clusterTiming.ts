/**
 * Why the corosync timing is what it is, for the corosync.conf step's explanation (the issue asks for the
 * reasoning of every tuned value in the plan). Corosync declares a node lost after token (+ token_coefficient
 * per node above two) plus consensus (default 1.2 x token); only then does Pacemaker start anything.
 */
import type { PlanInput } from '../inputs/types';
import type { L10n } from '../types';
import { t } from './common';

/** corosync.conf(5) default; the plan does not set token_coefficient. */
const TOKEN_COEFFICIENT_MS = 650;
/** corosync 3's own default token, meant for virtualised and noisy networks. */
const COROSYNC_DEFAULT_TOKEN_MS = 3000;

export function detectionMs(tokenMs: number, nodes: number, consensusMs?: number): number {
  const token = tokenMs + (nodes >= 3 ? (nodes - 2) * TOKEN_COEFFICIENT_MS : 0);
  return token + (consensusMs ?? Math.round(1.2 * token));
}

const sec = (ms: number): L10n => {
  const s = (ms / 1000).toFixed(1);
  return t(`${s.replace('.', ',')} s`, `${s} s`);
};

export function tokenReasoning(i: PlanInput): L10n {
  const n = i.nodes.length;
  const ours = sec(detectionMs(i.tokenMs, n, i.consensusMs));
  const dflt = sec(detectionMs(COROSYNC_DEFAULT_TOKEN_MS, n));
  const lan = sec(detectionMs(1000, n));
  const twoLinks = (i.nodes[0]?.ringAddrs.length ?? 1) > 1;
  if (i.tokenMs < COROSYNC_DEFAULT_TOKEN_MS) {
    const links = twoLinks
      ? t('Mit zwei knet-Links trägt der zweite, wenn einer ausfällt; ', 'With two knet links the second carries on when one fails; ')
      : t('Mit nur einem Link führt schon ein kurzer Netzaussetzer zur Abtrennung eines Knotens; ', 'With a single link even a short network hiccup cuts a node off; ');
    return t(
      `Warum dieser Token: Ein ausgefallener Knoten gilt nach Token + Consensus = ${ours.de} als verloren, erst dann beginnt der Failover. Corosyncs Vorgabe von ${COROSYNC_DEFAULT_TOKEN_MS} ms ist für virtualisierte und störanfällige Netze gedacht und ergäbe ${dflt.de}. Für Knoten im selben LAN reicht der kurze Token, weil Corosync das Token vorher mehrmals wiederholt. ${links.de}auf virtuellen Maschinen stark belasteter Hosts oder über WAN-Strecken den Token unter „Architektur & Quorum“ erhöhen (${COROSYNC_DEFAULT_TOKEN_MS} ms), sonst kann eine kurze Stockung einen gesunden Knoten abtrennen und fencen.`,
      `Why this token: a failed node counts as lost after token + consensus = ${ours.en}; only then does the failover begin. Corosync's default of ${COROSYNC_DEFAULT_TOKEN_MS} ms is meant for virtualised and noisy networks and would take ${dflt.en}. For nodes on the same LAN the short token is enough because corosync retransmits the token several times first. ${links.en}on virtual machines of heavily loaded hosts or over WAN links raise the token under "Architecture & quorum" (${COROSYNC_DEFAULT_TOKEN_MS} ms), otherwise a short stall can cut off and fence a healthy node.`,
    );
  }
  return t(
    `Warum dieser Token: Ein ausgefallener Knoten gilt nach Token + Consensus = ${ours.de} als verloren, erst dann beginnt der Failover. Der lange Token verträgt Stockungen virtueller Maschinen und WAN-Strecken, verlängert aber jeden Failover nach einem Ausfall um diese Zeit; für Knoten im selben LAN${twoLinks ? ' mit zwei Links' : ''} genügen 1000 ms (${lan.de}).`,
    `Why this token: a failed node counts as lost after token + consensus = ${ours.en}; only then does the failover begin. The long token tolerates stalls of virtual machines and WAN links but adds this time to every failover after a failure; for nodes on the same LAN${twoLinks ? ' with two links' : ''} 1000 ms is enough (${lan.en}).`,
  );
}

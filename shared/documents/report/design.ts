/** 4 Entwurf: Zielarchitektur with the topology, quorum and fencing with the failover budget, sizing, the offer. */
import { hasStonith } from '../../planning/quorum';
import type { SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { figureCaption, tableCaption } from '../context';
import { b, col, type Block } from '../model';
import { budgetChart, forecastChart, offersTable, sectionFailed, sizingComparisonTable } from '../planViews';
import { chosenArchitecture, pending } from '../prose';
import { replicationKind, topologyChart } from '../topology';

export const designBodies: SectionBodies = {
  'report.architecture': (c) => architectureBlocks(c),
  'report.quorum': (c) => quorumBlocks(c),
  'report.sizing': (c) => sizingBlocks(c),
  'report.offer': (c) => {
    const ce = c.src.plan.costs;
    if (!ce.ok) return [sectionFailed(c, ce)!];
    const table = offersTable(c, ce.value);
    if (!table) return [pending(c, 'noOffers')];
    const chosen = ce.value.offers.find((o) => o.chosen);
    const out: Block[] = [b.p(c.d('report.offersLead', { n: ce.value.offers.length })), table];
    if (chosen) out.push(b.p(c.d(chosen.meetsAll === false ? 'report.offerChosenMisses' : 'report.offerChosen', { offer: `${chosen.vendor} ${chosen.model}`.trim(), price: c.fmt.eur(chosen.priceEur) })));
    for (const w of ce.value.warnings) out.push(b.p(c.r(w), 'note'));
    return out;
  },
};

export function architectureBlocks(c: BuildContext): Block[] {
  const arch = chosenArchitecture(c);
  const s = c.src.project.commission.settings;
  const out: Block[] = [];
  if (arch) out.push(b.p(c.d('report.architectureLead', { architecture: arch })));
  out.push(b.p(c.d(replicationKind(c) === 'drbd' ? 'report.stackDrbd' : 'report.stackShared', { mount: s.mountPoint, fs: s.fsType })));
  out.push(b.p(s.vip ? c.d('report.vip', { vip: s.vip, name: s.vipName ?? '–' }) : c.d('pending.vip'), s.vip ? undefined : 'pending'));
  out.push(b.chart(topologyChart(c), figureCaption(c, c.d('report.captionTopology'))));
  return out;
}

function quorumBlocks(c: BuildContext): Block[] {
  const qf = c.src.plan.quorumFencing;
  const ch = qf.choice;
  const opt = (id: string, part: 'label' | 'explanation') => c.t(`planning:quorumFencing.options.${id}.${part}`);
  const quorum = ch.twoNode ? 'twoNode' : ch.qdevice ? 'qdevice' : ch.nodeCount >= 3 ? 'thirdNode' : null;
  const out: Block[] = [b.p(c.d('report.quorumLead', { nodes: ch.nodeCount, count: ch.corosyncLinks }))];
  if (quorum) out.push(b.p([{ text: `${opt(quorum, 'label')}: `, bold: true }, { text: opt(quorum, 'explanation') }]));
  if (ch.qdevice) out.push(b.p(c.d('report.qdeviceAlgorithm', { algorithm: ch.qdeviceAlgorithm })));
  for (const f of ch.fencing) out.push(b.p([{ text: `${opt(f, 'label')}: `, bold: true }, { text: opt(f, 'explanation') }]));
  if (ch.fencing.includes('none') && ch.riskAcceptance) {
    out.push(b.p(c.d('report.riskAccepted', { who: ch.riskAcceptance.who, when: c.fmt.date(ch.riskAcceptance.when), reason: ch.riskAcceptance.reason }), 'warning'));
  }
  if (!hasStonith(ch.fencing)) out.push(b.p(c.d('report.noStonith'), 'warning'));
  for (const i of qf.issues) out.push(b.p(c.r(i), i.severity === 'error' ? 'warning' : 'note'));
  out.push(b.p(c.d('report.budgetLead')));
  // One row per segment, the unplanned failure and the planned switch-over side by side.
  const ids = [...new Set([...qf.unplanned.segments, ...qf.planned.segments].map((x) => x.id))];
  const cell = (bud: typeof qf.unplanned, id: string) => {
    const seg = bud.segments.find((x) => x.id === id);
    return seg ? c.fmt.seconds(seg.figure.value) : '–';
  };
  const rows = ids.map((id) => [c.t(`planning:failover.segments.${id}`), cell(qf.unplanned, id), cell(qf.planned, id)]);
  rows.push([c.t('planning:failover.labels.total'), c.fmt.seconds(qf.unplanned.totalMs.value), c.fmt.seconds(qf.planned.totalMs.value)]);
  out.push(b.table(
    [col(c.d('common.segment'), 3.5), col(c.t('planning:failover.kind.unplanned'), 1.6, 'right'), col(c.t('planning:failover.kind.planned'), 1.6, 'right')],
    rows, { totalRows: [rows.length - 1], caption: tableCaption(c, c.d('report.captionBudget')) },
  ));
  out.push(budgetChart(c, [qf.unplanned, qf.planned]));
  out.push(b.p(c.t('planning:failover.labels.userImpact'), 'small'));
  return out;
}

function sizingBlocks(c: BuildContext): Block[] {
  const s = c.src.plan.sizing;
  if (!s) return [pending(c, 'noPrimary')];
  if (!s.ok) return [sectionFailed(c, s)!];
  const v = s.value;
  const out: Block[] = [b.p(c.d('report.sizingLead')), sizingComparisonTable(c, v)];
  out.push(b.p(c.r(v.cpu.reason)));
  const parts = v.ram.parts.map((p) => `${c.t(`planning:sizing.ramParts.${p.id}`)} ${c.fmt.num(p.figure.value, 2)} GB`).join(', ');
  out.push(b.p(c.d('report.ramSentence', { parts, headroom: c.fmt.num(v.assumptions.ramHeadroomPct, 0), required: c.fmt.num(v.ram.requiredGb.value, 1), recommended: c.fmt.num(v.ram.recommendedGb.value, 0) })));
  out.push(b.p(c.d('report.storageSentence', {
    now: c.fmt.num(v.storage.dataNowGb.value, 0), years: c.src.plan.inputs.planning.growth.horizonYears, pct: c.fmt.num(c.src.plan.inputs.planning.growth.storagePctPerYear, 0),
    horizon: c.fmt.num(v.storage.dataAtHorizonGb.value, 0), volume: c.fmt.num(v.storage.drbdVolumeGb.value, 0),
  })));
  if (replicationKind(c) === 'drbd') {
    out.push(b.p(c.d('report.drbdSentence', {
      sectors: c.fmt.num(v.drbd.metadataSectors.value, 0), metaGb: c.fmt.num(v.drbd.metadataGb.value, 3), bitmap: c.fmt.num(v.drbd.bitmapMiB.value, 1),
      throughput: c.fmt.num(v.drbd.syncThroughput.value, 0), hours: c.fmt.num(v.drbd.initialSyncHours.value, 1), resync: c.fmt.num(v.drbd.resyncRate.value, 0),
    })));
  }
  out.push(forecastChart(c, v));
  for (const w of v.warnings) out.push(b.p(c.r(w), 'note'));
  return out;
}

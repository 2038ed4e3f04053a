/** 5 Realisierung: from the commissioning record and the audit log (what ran on which node, when, how long). */
import type { SectionBodies } from '../assemble';
import type { BuildContext } from '../context';
import { tableCaption } from '../context';
import { b, col, type Block } from '../model';
import { pending } from '../prose';
import type { RealisationStep } from '../sources';
import { knownNodeName } from '../topology';
import type { NodeRole } from '../../commission/types';

const MAX_EXCERPT_STEPS = 12;

/** Probes that say nothing about what a step did (the sudo check before every command, bare tests). */
const TRIVIAL = /^(sudo -n true|true|test |\[ |command -v |systemctl is-(active|enabled) )/;

/** The first command of a step that did something, as its first line (scripts are long). */
function excerpt(commands: string[]): string | undefined {
  const cmd = commands.find((x) => !TRIVIAL.test(x.trim()));
  if (!cmd) return undefined;
  const lines = cmd.trim().split('\n');
  const first = lines.find((l) => l.trim() && !/^set -e\b/.test(l.trim()))?.trim() ?? lines[0]!.trim();
  const more = lines.length > 1 || first.length > 150;
  return `${first.slice(0, 150)}${more ? ' …' : ''}`;
}

export const realisationBodies: SectionBodies = {
  'report.realisationOverview': (c) => {
    const r = c.src.realisation;
    if (!r) return [pending(c, 'noCommissioning')];
    const count = (o: string) => r.steps.filter((s) => s.outcome === o).length;
    const nodes = [...new Set(r.steps.map((s) => nodeLabel(c, s)))].join(', ');
    const out: Block[] = [b.p(c.d('report.realisationLead', {
      start: c.fmt.dateTime(r.startedAt), end: r.completedAt ? c.fmt.dateTime(r.completedAt) : c.d('report.notCompleted'),
      steps: r.steps.length, done: count('done'), skipped: count('skipped'), failed: count('failed') + count('cancelled'), nodes: nodes || '–', audit: r.auditEntries,
    }))];
    if (!r.completedAt) out.push(b.p(c.d('report.realisationIncomplete'), 'warning'));
    return out;
  },
  'report.realisationSteps': (c) => {
    const r = c.src.realisation;
    if (!r || !r.steps.length) return [pending(c, 'noCommissioning')];
    // Per phase in the main text (the page limit); every step with node, start and duration in the annex.
    const out: Block[] = [phaseTable(c), b.p(c.d('report.stepsInAnnex'))];
    const withCommands = r.steps.map((st) => ({ st, cmd: st.outcome === 'skipped' ? undefined : excerpt(st.commands) })).filter((x) => x.cmd).slice(0, MAX_EXCERPT_STEPS);
    if (withCommands.length) {
      const lines = withCommands.flatMap(({ st, cmd }) => [`# ${st.title} (${nodeLabel(c, st)})`, `$ ${cmd}`]);
      out.push(b.p(c.d('report.excerptsLead')), b.code(lines, c.d('report.captionExcerpts')));
    }
    return out;
  },
  'report.cutover': (c) => {
    const r = c.src.realisation;
    if (!r) return [pending(c, 'noCommissioning')];
    const out: Block[] = [];
    for (const t of r.timers) out.push(b.p(c.d('report.timer', { timer: timerName(c, t.id), duration: c.fmt.seconds(t.ms) })));
    if (r.pointOfNoReturnAt) out.push(b.p(c.d('report.pointOfNoReturn', { at: c.fmt.dateTime(r.pointOfNoReturnAt) })));
    return out.length ? out : [pending(c, 'noCutover')];
  },
};

/** The node's host name (inventory, Ist-Analyse), else the SSH address the step ran on. */
const nodeLabel = (c: BuildContext, s: RealisationStep) => knownNodeName(c, s.node as NodeRole) ?? s.host ?? s.node;

const timerName = (c: BuildContext, id: string) => (id === 'legacyMailOutage' ? c.d('report.timerLegacyMailOutage') : id);

function phaseTable(c: BuildContext) {
  const r = c.src.realisation!;
  const phases = [...new Set(r.steps.map((s) => s.phase ?? ''))];
  const rows = phases.map((ph) => {
    const steps = r.steps.filter((s) => (s.phase ?? '') === ph);
    const ms = steps.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
    return [
      ph ? c.t(`install:ui.phases.${ph}`) : '–', String(steps.length), String(steps.filter((s) => s.outcome === 'skipped').length),
      [...new Set(steps.map((s) => nodeLabel(c, s)))].join(', '), c.fmt.seconds(ms, 0),
    ];
  });
  return b.table(
    [col(c.d('common.phase'), 2.4), col(c.d('report.colSteps'), 1, 'right'), col(c.d('report.colSkipped'), 1.3, 'right'), col(c.d('report.colNodes'), 2.8), col(c.d('common.duration'), 1.2, 'right')],
    rows, { caption: tableCaption(c, c.d('report.captionPhasesRun')) },
  );
}

/** Every step of the commissioning record in time order (annex). */
export function stepsTable(c: BuildContext) {
  const r = c.src.realisation!;
  return b.table(
    [col('#', 0.5, 'right'), col(c.d('report.colStep'), 4.2), col(c.d('report.colNode'), 1.4), col(c.d('report.colStart'), 1.9), col(c.d('common.duration'), 1.1, 'right'), col(c.d('report.colOutcome'), 1.4)],
    r.steps.map((s, i) => [
      String(i + 1), s.title, nodeLabel(c, s), c.fmt.dateTime(s.startedAt).replace(' UTC', ''),
      s.durationMs === undefined ? '–' : c.fmt.seconds(s.durationMs), c.d(`outcomes.${s.outcome}`),
    ]),
    { caption: tableCaption(c, c.d('report.captionSteps')) },
  );
}

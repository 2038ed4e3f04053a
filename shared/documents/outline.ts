import type { DocumentKind } from './model';

/**
 * The chapters of every document, in order: numbering, the contents, the Dokumentation step's list of
 * chapters the user can add to, and the builders all come from these lists, so they cannot disagree.
 * Titles are docs:titles.<id>.
 */
export interface SectionDef {
  id: string;
  level: 1 | 2 | 3;
  /** 'main': 1, 1.1, 1.1.1; 'annex': A1, A2 below an unnumbered heading; 'none': no number. */
  numbering: 'main' | 'annex' | 'none';
  pageBreak?: boolean;
  inToc?: boolean;
  /** The user may add to or replace this chapter's text. */
  editable?: boolean;
}

const s = (id: string, level: SectionDef['level'], extra: Partial<SectionDef> = {}): SectionDef => ({
  id, level, numbering: 'main', editable: true, ...extra,
});

export const outlines: Record<DocumentKind, SectionDef[]> = {
  proposal: [
    s('proposal.topic', 1),
    s('proposal.schedule', 1, { editable: false }),
    s('proposal.description', 1, { editable: false }),
    s('proposal.current', 2),
    s('proposal.target', 2),
    s('proposal.benefit', 2),
    s('proposal.tasks', 2),
    s('proposal.interfaces', 2),
    s('proposal.environment', 2),
    s('proposal.processModel', 1),
    s('proposal.phases', 1),
    s('proposal.attachments', 1),
    s('proposal.presentation', 1),
  ],
  report: [
    s('report.declaration', 1, { numbering: 'none', inToc: false, pageBreak: true, editable: false }),
    s('report.intro', 1, { pageBreak: true, editable: false }),
    s('report.environment', 2),
    s('report.goal', 2),
    s('report.justification', 2),
    s('report.interfaces', 2),
    s('report.scope', 2),
    s('report.planning', 1, { editable: false }),
    s('report.phases', 2),
    s('report.deviations', 2),
    s('report.resources', 2),
    s('report.processModel', 2),
    s('report.analysis', 1, { editable: false }),
    s('report.current', 2),
    s('report.economics', 2, { editable: false }),
    s('report.makeOrBuy', 3),
    s('report.costs', 3),
    s('report.amortisation', 3),
    s('report.utility', 2),
    s('report.design', 1, { editable: false }),
    s('report.architecture', 2),
    s('report.quorum', 2),
    s('report.sizing', 2),
    s('report.offer', 2),
    s('report.realisation', 1, { editable: false }),
    s('report.realisationOverview', 2),
    s('report.realisationSteps', 2),
    s('report.cutover', 2),
    s('report.validation', 1, { editable: false }),
    s('report.testResults', 2),
    s('report.timelines', 2),
    s('report.logFindings', 2),
    s('report.conclusion', 1, { editable: false }),
    s('report.hoursSollIst', 2),
    s('report.requirementsSollIst', 2),
    s('report.lessons', 2),
    s('report.outlook', 2),
    s('report.sources', 1, { numbering: 'none', pageBreak: true, editable: false }),
    s('report.annex', 1, { numbering: 'none', pageBreak: true, editable: false }),
    s('report.annexHandbook', 2, { numbering: 'annex' }),
    s('report.annexAcceptance', 2, { numbering: 'annex', pageBreak: true, editable: false }),
    s('report.annexTimePlan', 2, { numbering: 'annex', pageBreak: true, editable: false }),
    s('report.annexSteps', 2, { numbering: 'annex', pageBreak: true, editable: false }),
    s('report.annexUtility', 2, { numbering: 'annex', pageBreak: true, editable: false }),
    s('report.annexConfigs', 2, { numbering: 'annex', pageBreak: true }),
  ],
  handbook: [
    s('handbook.control', 1, { numbering: 'none', editable: false }),
    s('handbook.purpose', 1, { pageBreak: true }),
    s('handbook.topology', 1),
    s('handbook.components', 1),
    s('handbook.contacts', 1),
    s('handbook.operation', 1, { pageBreak: true, editable: false }),
    s('handbook.status', 2),
    s('handbook.standby', 2),
    s('handbook.move', 2),
    s('handbook.failcounts', 2),
    s('handbook.updates', 2),
    s('handbook.monitoring', 1),
    s('handbook.backup', 1, { pageBreak: true, editable: false }),
    s('handbook.backupDb', 2),
    s('handbook.backupMail', 2),
    s('handbook.backupFiles', 2),
    s('handbook.archiving', 1),
    s('handbook.runbooks', 1, { pageBreak: true, editable: false }),
    s('handbook.splitBrain', 2),
    s('handbook.rejoin', 2),
    s('handbook.replaceNode', 2),
    s('handbook.restoreMailbox', 2),
    s('handbook.fullRestore', 2),
    s('handbook.emergency', 1, { pageBreak: true }),
    s('handbook.results', 1),
    s('handbook.configuration', 1, { numbering: 'none', pageBreak: true, editable: false }),
  ],
  acceptance: [
    s('acceptance.subject', 1),
    s('acceptance.tests', 1),
    s('acceptance.openPoints', 1),
    s('acceptance.declaration', 1),
  ],
};

/** Chapters the Dokumentation step offers for additions. */
export function editableChapters(kind: DocumentKind): SectionDef[] {
  return outlines[kind].filter((x) => x.editable);
}

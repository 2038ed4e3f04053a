/** 1 Einleitung: Projektumfeld, Projektziel, Projektbegründung, Projektschnittstellen, Projektabgrenzung. */
import type { SectionBodies } from '../assemble';
import { b, type Block } from '../model';
import { benefitBlocks, contactsTable } from '../proposal';
import { chosenArchitecture, pending, serverSentence, textBlocks, who } from '../prose';

export const introBodies: SectionBodies = {
  'report.environment': (c) => {
    const w = who(c);
    const out: Block[] = [];
    if (w.customer || w.trainee) {
      out.push(b.p(c.d('report.people', {
        customer: w.customer || c.d('prose.theCustomer'), trainee: w.trainee || c.d('prose.theTrainee'),
        company: w.company || w.customer || '–', supervisor: w.supervisor || '–',
      })));
    }
    out.push(...textBlocks(c.src.project.meta.projectEnvironment));
    const s = serverSentence(c);
    if (s) out.push(b.p(s));
    if (!c.src.project.meta.projectEnvironment.trim()) out.push(pending(c, 'environment'));
    return out;
  },
  'report.goal': (c) => {
    const m = c.src.project.meta;
    const out = textBlocks(m.descriptionSoll);
    const arch = chosenArchitecture(c);
    if (arch) out.push(b.p(c.d('report.goalArchitecture', { architecture: arch })));
    const qf = c.src.plan.quorumFencing;
    out.push(b.p(c.d('report.goalTargets', { planned: c.fmt.seconds(qf.planned.totalMs.value), unplanned: c.fmt.seconds(qf.unplanned.totalMs.value) })));
    const reqs = m.requirements.filter((r) => r.text.trim());
    if (reqs.length) out.push(b.p(c.d('report.goalRequirements')), b.bullets(reqs.map((r) => r.text.trim())));
    if (!m.descriptionSoll.trim() && !reqs.length) out.unshift(pending(c, 'descriptionSoll'));
    return out;
  },
  'report.justification': (c) => {
    const out = textBlocks(c.src.project.meta.descriptionIst);
    out.push(b.p(c.d('report.spof')));
    out.push(...benefitBlocks(c));
    return out;
  },
  'report.interfaces': (c) => [b.p(c.d('report.interfacesLead')), contactsTable(c)],
  'report.scope': (c) => {
    const out = textBlocks(c.src.project.meta.scopeExclusions);
    return out.length ? out : [pending(c, 'scope')];
  },
};

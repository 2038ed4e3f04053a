import { describe, expect, it } from 'vitest';
import { FactsSchema } from '../analysis/facts';
import { planProject } from '../planning/planProject';
import { defaultTasks } from '../planning/timePlanSchema';
import { newProject, type Project } from '../project/schema';
import { seedFacts, seedOffers, seedPrimary } from '../../test/support/planning/seed';
import { analysisCoverage } from './analysisCoverage';
import { analysisStatus, architectureStatus, costsStatus, hasFacts, sizingStatus } from './stepStatus';

const base = newProject('8f6f6f6a-2a9b-4d5e-9c3f-1b2a3c4d5e6f', new Date('2026-11-25T10:00:00Z'));
// Raw shapes as project files hold them; planProject reads them with the schemas' defaults.
const project = (patch: Record<string, unknown>): Project => ({ ...base, ...patch }) as unknown as Project;
const services = { postfix: { version: '3.7.11' }, dovecot: { version: '2.3.19.1' }, mariadb: { version: '10.11.6', innodbBufferPoolSizeBytes: 8 * 2 ** 30 } };

describe('Ist-Analyse status and coverage', () => {
  it('never done while Postfix, Dovecot or MariaDB were not collected, even with complete hardware', () => {
    const hw = FactsSchema.parse({ ...seedFacts, mariadb: { innodbBufferPoolSizeBytes: 8 * 2 ** 30 } });
    expect(analysisCoverage(hw).missingAreas).toEqual(['postfix', 'dovecot']);
    expect(analysisStatus(project({ facts: hw }))).toBe('inProgress');
    const full = FactsSchema.parse({ ...seedFacts, ...services });
    expect(analysisCoverage(full)).toEqual({ missingFields: [], missingAreas: [], complete: true });
    expect(analysisStatus(project({ facts: full }))).toBe('done');
  });

  it('names the sizing fields the facts lack, and a critical warning needs attention', () => {
    const c = analysisCoverage({ hardware: { cpuCores: 8 }, ...services });
    expect(c.missingFields).toEqual(['ramGb', 'diskCount', 'diskSizeGb', 'diskType', 'raidLevel', 'vmailGb', 'mariadbGb', 'spoolGb', 'mailsPerDay']);
    expect(c.missingAreas).toEqual(['hardware', 'storage', 'data', 'mailVolume']);
    const degraded = { ...seedFacts, ...services, storage: { ...seedFacts.storage, raids: [{ ...seedFacts.storage.raids[0]!, degraded: true, activeDevices: 3 }] } };
    expect(analysisStatus(project({ facts: degraded }))).toBe('attention');
    expect(analysisStatus(project({}))).toBe('notStarted');
    expect(hasFacts({ collectedAt: 'x', notes: [] })).toBe(false);
  });
});

describe('planning step statuses', () => {
  const plan = (p: Project) => planProject(p);
  it('Sizing: not started, in progress with partial facts, done, attention on an odd RAID 10', () => {
    expect(sizingStatus(project({}), plan(project({})))).toBe('notStarted');
    const partial = project({ facts: { hardware: { cpuCores: 8 } } });
    expect(sizingStatus(partial, plan(partial))).toBe('inProgress');
    const full = project({ facts: seedFacts });
    expect(sizingStatus(full, plan(full))).toBe('done');
    const odd = project({ facts: seedFacts, planning: { sizing: { overrides: { diskCount: 5 } } } });
    expect(sizingStatus(odd, plan(odd))).toBe('attention');
  });

  it('Architektur: attention on weights that do not add up or a broken quorum rule; done with every choice', () => {
    expect(architectureStatus(plan(project({})))).toBe('notStarted');
    expect(architectureStatus(plan(project({ planning: { matrix: { weights: { cost: 15 } } } })))).toBe('attention');
    expect(architectureStatus(plan(project({ planning: { quorumFencing: { twoNode: true, qdevice: true } } })))).toBe('attention');
    const chosen = { architecture: 'activePassive', replication: 'drbd', clusterSoftware: 'pacemaker', nodeCount: 'twoPlusQdevice' };
    expect(architectureStatus(plan(project({ planning: { matrix: { chosen: { architecture: 'activePassive' } } } })))).toBe('inProgress');
    expect(architectureStatus(plan(project({ planning: { matrix: { chosen } } })))).toBe('done');
  });

  it('Kosten & Zeitplan: the chosen hour rule decides; an offer that misses the sizing needs attention', () => {
    expect(costsStatus(plan(project({})))).toBe('notStarted');
    const offers = { offers: seedOffers, chosenOfferId: 'dell-r650xs' };
    expect(costsStatus(plan(project({ planning: { sizing: { primary: seedPrimary }, costs: offers } })))).toBe('done');
    // The template's 40 hours are over the 35 of the 1997 rules.
    expect(costsStatus(plan(project({ planning: { sizing: { primary: seedPrimary }, costs: offers, timePlan: { limitRule: 'ihk1997' } } })))).toBe('attention');
    expect(costsStatus(plan(project({ planning: { sizing: { primary: seedPrimary }, costs: { offers: seedOffers, chosenOfferId: 'budget-1u' } } })))).toBe('attention');
    const tasks = defaultTasks().map((t, i) => (i === 0 ? { ...t, plannedHours: 1 } : t));
    expect(costsStatus(plan(project({ planning: { timePlan: { tasks } } })))).toBe('inProgress');
  });
});

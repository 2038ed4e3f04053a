/**
 * `npm run bench -- docs`: report and handbook generation time for a large project (goal <= 3 s each):
 * the io benchmark's large project (80 tasks, a year of mail days, 300 domains, texts at their maximum length)
 * with the seed's planning, a commissioning record of 150 steps with audit excerpts and an acceptance run.
 */
import { performance } from 'node:perf_hooks';
import { generateDocument } from '../main/documents/generate';
import { ProjectSchema, type Project } from '../shared/project/schema';
import { acceptanceRun, commissionedProject } from '../test/support/documents/results';
import { seedProject } from '../test/support/documents/seedProject';
import { largeProject } from './projectIO';

export function largeDocumentsProject(): Project {
  const seed = commissionedProject(seedProject({ actualHours: true }));
  const big = largeProject();
  const p: Project = structuredClone(seed);
  p.meta = { ...seed.meta, descriptionIst: big.meta.descriptionIst, descriptionSoll: big.meta.descriptionSoll };
  p.facts = { ...seed.facts, ...big.facts, mailVolume: big.facts!.mailVolume } as Project['facts'];
  const phases = ['analyse', 'konzeption', 'realisierung', 'validierung', 'dokumentation'] as const;
  p.planning.timePlan.tasks = big.planning.timePlan.tasks.map((t, i) => ({ ...t, phase: phases[i % 5]! }));
  const t0 = Date.parse('2026-11-17T08:00:00Z');
  const steps: Project['commission']['record'] extends infer R ? (R extends { steps: infer S } ? S : never) : never = {};
  for (let i = 0; i < 150; i++) {
    steps[`step${i}@${i % 2 ? 'secondary' : 'primary'}`] = { node: i % 2 ? 'secondary' : 'primary', outcome: i % 17 === 0 ? 'skipped' : 'done', startedAt: new Date(t0 + i * 30_000).toISOString(), endedAt: new Date(t0 + i * 30_000 + 20_000).toISOString(), durationMs: 20_000, attempts: 1 };
  }
  p.commission.record = { ...p.commission.record!, steps };
  const run = acceptanceRun(p);
  run.cases = Array.from({ length: 6 }, () => run.cases).flat();
  p.failover.runs = [run];
  p.failover.acceptanceRunId = run.id;
  const para = 'Ein eigener Absatz des Prüflings mit Erkenntnissen aus dem Projekt, der das Kapitel verlängert. ';
  for (const id of ['report.environment', 'report.lessons', 'report.outlook', 'handbook.purpose', 'handbook.emergency']) p.documents.additions[id] = { mode: 'append', text: Array.from({ length: 6 }, () => para.repeat(12)).join('\n\n') };
  return ProjectSchema.parse(p);
}

export async function benchDocuments(runs = 5) {
  const project = largeDocumentsProject();
  // CPU time beside wall time: on a shared 2-core machine the wall time mostly measures the neighbours.
  const out: Record<'report' | 'handbook', { ms: number[]; cpuMs: number[]; pages: number }> = { report: { ms: [], cpuMs: [], pages: 0 }, handbook: { ms: [], cpuMs: [], pages: 0 } };
  for (const kind of ['report', 'handbook'] as const) {
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const r = await generateDocument({ kind, lang: 'de', project, now: new Date('2026-11-27T10:00:00Z') });
      const used = process.cpuUsage(cpu);
      out[kind].ms.push(performance.now() - t);
      out[kind].cpuMs.push((used.user + used.system) / 1000);
      out[kind].pages = r.pages;
    }
  }
  return { bytes: JSON.stringify(project).length, ...out };
}

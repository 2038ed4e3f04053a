import { z } from 'zod';
import { FactsSchema } from '../analysis/facts';
import { CommissionSchema } from '../commission/schema';
import { DocumentsSchema } from '../documents/schema';
import { FailoverSchema } from '../failover/schema';
import { PlanningSchema } from '../planning/schema';
import { targetSchema } from '../ssh/target';
import { ProjectMetaSchema } from './meta';
import { StepsSchema } from './steps';

/** Marker that tells a project file from any other JSON file. */
export const PROJECT_FORMAT = 'mail-ha-studio/project';
/** Bump together with a migration in migrations.ts. */
export const FORMAT_VERSION = 3;

export const ProjectSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  id: z.string().uuid(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  meta: ProjectMetaSchema,
  steps: StepsSchema.prefault({}),
  /** How to reach each server over SSH (no secrets: those live in the app's encrypted store). */
  hosts: z
    .object({ primary: targetSchema.optional(), secondary: targetSchema.optional(), witness: targetSchema.optional(), node3: targetSchema.optional() })
    .prefault({}),
  /** What the Ist-Analyse found (over SSH, from the offline collector, or entered by hand). */
  facts: FactsSchema.optional(),
  /** Sizing, decision matrix, quorum/fencing, costs and time plan: inputs and decisions with their reasons. */
  planning: PlanningSchema.prefault({}),
  /** Installation: cluster settings, the preflight inventory and the commissioning record. */
  commission: CommissionSchema.prefault({}),
  /** Failover-Tests: the acceptance run and later drills. */
  failover: FailoverSchema.prefault({}),
  /** Dokumentation: chapter additions and the approved proposal. */
  documents: DocumentsSchema.prefault({}),
});
export type Project = z.infer<typeof ProjectSchema>;

export function newProject(id: string, now: Date): Project {
  const ts = now.toISOString();
  return ProjectSchema.parse({
    format: PROJECT_FORMAT,
    formatVersion: FORMAT_VERSION,
    id,
    createdAt: ts,
    updatedAt: ts,
    meta: {},
    steps: {},
  });
}

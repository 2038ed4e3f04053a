import { z } from 'zod';
import { FactsSchema } from '../../analysis/facts';
import { targetSchema } from '../../ssh/target';
import { method } from '../define';

const PathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'NUL in path');
const ProjectId = z.string().uuid();
export const HostRoleSchema = z.enum(['primary', 'secondary', 'witness', 'node3']);
export type HostRole = z.infer<typeof HostRoleSchema>;

/** Which secret of a host: login password, key passphrase, sudo password (and the same for its jump host). */
export const SecretKindSchema = z.enum(['password', 'passphrase', 'sudo', 'jumpPassword', 'jumpPassphrase']);

export const AcceptHostKeySchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
});

export const AuditEntrySchema = z.object({
  id: z.string(),
  /** 'connect': an attempt to log in (also a failed one); absent in entries written before it existed. */
  kind: z.enum(['command', 'connect']).optional(),
  host: z.string(),
  port: z.number(),
  user: z.string(),
  via: z.string().optional(),
  command: z.string(),
  sudo: z.boolean(),
  startedAt: z.string(),
  durationMs: z.number(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  errorCode: z.string().optional(),
  errorParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detail: z.string().optional(),
  stdout: z.string(),
  stderr: z.string(),
  outputTruncated: z.boolean(),
  attempt: z.number(),
});

export const analysisMethods = {
  /**
   * Secrets travel once from the form to main and stay there (safeStorage in the app, memory in the bridge);
   * `remember: false` keeps them for this session only. Project files never hold them.
   */
  'secrets.set': method(
    z.object({ projectId: ProjectId, role: HostRoleSchema, kind: SecretKindSchema, value: z.string().max(4096), remember: z.boolean().default(false) }).strict(),
    z.object({}),
  ),
  'secrets.status': method(
    z.object({ projectId: ProjectId, role: HostRoleSchema }).strict(),
    z.record(SecretKindSchema, z.boolean()),
  ),
  /** Removes the old key of host:port after the user explicitly chose to replace a changed host key. */
  'knownHosts.replace': method(
    z.object({ host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535), fingerprint: AcceptHostKeySchema.shape.fingerprint }).strict(),
    z.object({}),
  ),
  'knownHosts.importUser': method(z.object({}).strict(), z.object({ added: z.number().int(), skipped: z.number().int() })),
  /**
   * Runs every collector over SSH and returns the facts. Progress arrives as `analysis.collector` and
   * `run.output` events with the caller's runId; `analysis.cancel` stops it.
   */
  'analysis.run': method(
    z
      .object({
        runId: z.string().uuid(),
        projectId: ProjectId,
        role: HostRoleSchema,
        target: targetSchema,
        acceptHostKeys: z.array(AcceptHostKeySchema).max(4).default([]),
      })
      .strict(),
    z.object({ facts: FactsSchema }),
  ),
  'analysis.cancel': method(z.object({ runId: z.string().uuid() }).strict(), z.object({ cancelled: z.boolean() })),
  'analysis.collectors': method(z.object({}).strict(), z.array(z.object({ id: z.string(), titleKey: z.string(), needsSudo: z.boolean() }))),
  /** Writes the read-only collector script for servers the laptop cannot reach. */
  'analysis.exportScript': method(z.object({ path: PathSchema }).strict(), z.object({ path: PathSchema, bytes: z.number() })),
  /** Parses the script's output file with the same parsers as a live analysis. */
  'analysis.importBundle': method(z.object({ path: PathSchema }).strict(), z.object({ facts: FactsSchema })),
  'audit.list': method(
    z.object({ projectId: ProjectId, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.object({ entries: z.array(AuditEntrySchema), total: z.number().int(), nextOffset: z.number().int().optional() }),
  ),
  'audit.export': method(
    z.object({ projectId: ProjectId, path: PathSchema, format: z.enum(['jsonl', 'csv']) }).strict(),
    z.object({ path: PathSchema, entries: z.number().int() }),
  ),
};

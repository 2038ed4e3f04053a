/** The Dokumentation step: export a document to PDF (long action), preview it, open the file. */
import { z } from 'zod';
import { DocumentKindSchema, ProposalSnapshotSchema } from '../../documents/schema';
import { ProjectSchema } from '../../project/schema';
import { method } from '../define';
import { AcceptHostKeySchema } from './analysis';

const PathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'NUL in path');
const LangSchema = z.enum(['de', 'en']);

export const PageLimitSchema = z.object({ pages: z.number().int(), limit: z.number().int(), over: z.boolean(), excess: z.number().int() });

export const documentsMethods = {
  /**
   * Builds the document from the project (and, for the handbook, the live cluster when its hosts are known and
   * `readCluster` is on) and writes the PDF atomically. Progress arrives as `run.progress` with the runId;
   * `documents.cancel` stops it. `approved` (proposal only) also returns the snapshot to store in the project.
   */
  'documents.export': method(
    z.object({
      runId: z.string().uuid(),
      projectId: z.string().uuid(),
      project: ProjectSchema,
      kind: DocumentKindSchema,
      lang: LangSchema,
      path: PathSchema,
      approved: z.boolean().default(false),
      readCluster: z.boolean().default(true),
      acceptHostKeys: z.array(AcceptHostKeySchema).max(8).default([]),
    }).strict(),
    z.object({
      path: PathSchema,
      pages: z.number().int(),
      bytes: z.number().int(),
      exportedAt: z.string(),
      pageLimit: PageLimitSchema.nullable(),
      source: z.enum(['live', 'unreachable', 'project']),
      approvedProposal: ProposalSnapshotSchema.optional(),
    }),
  ),
  'documents.cancel': method(z.object({ runId: z.string().uuid() }).strict(), z.object({ cancelled: z.boolean() })),
  /** The PDF in memory for the preview (first pages drawn by the renderer); never reads the cluster. */
  'documents.preview': method(
    z.object({ project: ProjectSchema, kind: DocumentKindSchema, lang: LangSchema }).strict(),
    z.object({ pdfBase64: z.string(), pages: z.number().int(), pageLimit: PageLimitSchema.nullable() }),
  ),
  /** Where to save when there is no native dialog: a full path in the user's documents folder. */
  'documents.suggestPath': method(
    z.object({ kind: DocumentKindSchema, lang: LangSchema, title: z.string().max(300) }).strict(),
    z.object({ path: PathSchema }),
  ),
  /** Opens the PDF in the system's viewer (app only; elsewhere `opened: false`). */
  'documents.open': method(z.object({ path: PathSchema }).strict(), z.object({ opened: z.boolean() })),
};

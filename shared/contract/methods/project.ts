import { z } from 'zod';
import { method } from '../define';
import { ProjectSchema } from '../../project/schema';

const PathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'NUL in path');

export const OpenedProjectSchema = z.object({
  path: PathSchema,
  project: ProjectSchema,
  migratedFrom: z.number().int().optional(),
});

/** Files other than projects that the user picks: what each is decides the dialog's filters. */
export const FileKindSchema = z.enum(['collectorScript', 'collectorBundle', 'auditJsonl', 'auditCsv', 'pdf']);
export type FileKind = z.infer<typeof FileKindSchema>;

export const projectMethods = {
  'project.new': method(z.object({}).strict(), z.object({ project: ProjectSchema })),
  'project.open': method(z.object({ path: PathSchema }).strict(), OpenedProjectSchema),
  'project.save': method(
    z.object({ path: PathSchema, project: ProjectSchema }).strict(),
    z.object({ path: PathSchema, savedAt: z.string() }),
  ),
  /** Saves to the project's path if it has one, else to a recovery copy, so a crash loses at most seconds. */
  'project.autosave': method(
    z.object({ path: PathSchema.optional(), project: ProjectSchema }).strict(),
    z.object({ savedAt: z.string(), target: z.enum(['file', 'recovery']) }),
  ),
  'project.recoverable': method(
    z.object({}).strict(),
    z.array(z.object({ id: z.string(), title: z.string(), customer: z.string(), savedAt: z.string() })),
  ),
  'project.recover': method(z.object({ id: z.string().uuid() }).strict(), z.object({ project: ProjectSchema })),
  'project.discardRecovery': method(z.object({ id: z.string().uuid() }).strict(), z.object({})),
  'project.validate': method(
    z.object({ path: PathSchema }).strict(),
    z.object({ ok: z.boolean(), migratedFrom: z.number().int().optional() }),
  ),
  /** Native file dialogs in the app; in the test bridge the renderer asks for a path itself (native: false). */
  'dialog.openProject': method(z.object({}).strict(), z.object({ native: z.boolean(), path: PathSchema.nullable() })),
  'dialog.openFile': method(z.object({ kind: FileKindSchema }).strict(), z.object({ native: z.boolean(), path: PathSchema.nullable() })),
  'dialog.saveFile': method(
    z.object({ kind: FileKindSchema, suggestedName: z.string().max(200) }).strict(),
    z.object({ native: z.boolean(), path: PathSchema.nullable() }),
  ),
  'dialog.saveProject': method(
    z.object({ suggestedName: z.string().max(200) }).strict(),
    /** suggestedPath: without a native dialog, a full path in the user's documents folder to offer. */
    z.object({ native: z.boolean(), path: PathSchema.nullable(), suggestedPath: PathSchema.optional() }),
  ),
};

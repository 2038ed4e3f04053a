/** Everything the Dokumentation step stores in the project file under `documents` (chapter additions, approved proposal). */
import { z } from 'zod';
import { phases } from '../planning/timePlanSchema';

export const documentKindIds = ['proposal', 'report', 'handbook', 'acceptance'] as const;
export const DocumentKindSchema = z.enum(documentKindIds);

/** The user's text for one chapter: added after the generated text, or replacing its prose (tables and charts stay). */
export const ChapterAdditionSchema = z.object({
  mode: z.enum(['append', 'replace']).default('append'),
  text: z.string().max(20000).default(''),
});
export type ChapterAddition = z.infer<typeof ChapterAdditionSchema>;

/** Chapter ids look like "report.intro.environment" (see shared/documents/outline.ts). */
const chapterId = z.string().regex(/^(proposal|report|handbook|acceptance)\.[A-Za-z0-9.]{1,80}$/, { message: 'docs:validation.chapterId' });

export const RequirementResultSchema = z.object({
  status: z.enum(['met', 'partly', 'notMet']),
  note: z.string().max(2000).default(''),
});
export type RequirementResult = z.infer<typeof RequirementResultSchema>;

/**
 * The proposal as the chamber approved it, stored when it is exported as approved. The report's
 * "Abweichungen vom Projektantrag" compares today's plan with it; task titles are kept as printed.
 */
export const ProposalSnapshotSchema = z.object({
  approvedAt: z.string().datetime(),
  lang: z.enum(['de', 'en']),
  title: z.string().max(300),
  startDate: z.string().max(10),
  endDate: z.string().max(10),
  processModel: z.string().max(40).optional(),
  tasks: z.array(z.object({ id: z.string().max(100), phase: z.enum(phases), title: z.string().max(300), plannedHours: z.number().min(0).max(1000) })).max(200),
  requirements: z.array(z.object({ id: z.string().max(40), text: z.string().max(500) })).max(50).default([]),
});
export type ProposalSnapshot = z.infer<typeof ProposalSnapshotSchema>;

export const ExportRecordSchema = z.object({
  at: z.string().datetime(),
  lang: z.enum(['de', 'en']),
  path: z.string().max(4096),
  pages: z.number().int().min(0),
  /** Pages of the main text (report only), for the chamber's limit. */
  mainPages: z.number().int().min(0).optional(),
});
export type ExportRecord = z.infer<typeof ExportRecordSchema>;

export const DocumentsSchema = z.object({
  additions: z.record(chapterId, ChapterAdditionSchema).default({}),
  /** Per requirement of the Projekt step (meta.requirements[].id): met or not, for the conclusion's Soll-Ist. */
  requirementResults: z.record(z.string().max(40), RequirementResultSchema).default({}),
  /** The external alternative of the make-or-buy decision (e.g. a hosted mail service). */
  makeOrBuy: z
    .object({
      provider: z.string().max(200).default(''),
      costPerYearEur: z.number().min(0).max(10_000_000).optional(),
      note: z.string().max(5000).default(''),
    })
    .optional(),
  /** Open points of the acceptance, as agreed with the customer. */
  openPoints: z.array(z.string().max(500)).max(50).default([]),
  handbookVersion: z.string().max(20).default('1.0'),
  approvedProposal: ProposalSnapshotSchema.optional(),
  lastExports: z.partialRecord(DocumentKindSchema, ExportRecordSchema).default({}),
});
export type DocumentsSection = z.infer<typeof DocumentsSchema>;

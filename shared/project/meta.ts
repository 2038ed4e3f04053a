import { z } from 'zod';

const isoDay = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'project:validation.date' });

/** Hourly rates feed the cost estimate (labour = hours x rate x (1 + overhead)). */
export const RatesSchema = z.object({
  engineer: z.number().min(0).max(10000).default(95),
  apprentice: z.number().min(0).max(10000).default(35),
  overheadPercent: z.number().min(0).max(300).default(20),
});

/** The process models an examiner expects to see named (and the choice explained). */
export const processModels = ['waterfall', 'extendedWaterfall', 'vModel', 'scrum', 'kanban', 'other'] as const;
export type ProcessModel = (typeof processModels)[number];

/** A person or team the project works with: Projektschnittstellen in the report, escalation in the handbook. */
export const ContactSchema = z.object({
  id: z.string().min(1).max(40),
  role: z.string().max(200).default(''),
  name: z.string().max(200).default(''),
  organisation: z.string().max(200).default(''),
  /** Phone or mail address as the person wants to be reached. */
  reach: z.string().max(300).default(''),
  /** 1 = first to call in an incident; absent = not on the escalation list. */
  escalation: z.number().int().min(1).max(5).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const RequirementSchema = z.object({
  id: z.string().min(1).max(40),
  text: z.string().max(500).default(''),
});
export type Requirement = z.infer<typeof RequirementSchema>;

export const ProjectMetaSchema = z
  .object({
    customer: z.string().max(200).default(''),
    title: z.string().max(300).default(''),
    engineer: z.string().max(200).default(''),
    startDate: isoDay.default(''),
    endDate: isoDay.default(''),
    descriptionIst: z.string().max(20000).default(''),
    descriptionSoll: z.string().max(20000).default(''),
    rates: RatesSchema.prefault({}),
    // What the Projektantrag and the report need beyond the basics (all optional, older files stay valid).
    /** Ausbildungsbetrieb (training company); may differ from the customer. */
    company: z.string().max(200).default(''),
    /** Ausbilder/in or project supervisor in the company. */
    supervisor: z.string().max(200).default(''),
    /** The chamber's exam or trainee number, printed on the cover. */
    examNumber: z.string().max(40).default(''),
    processModel: z.enum(processModels).optional(),
    processModelOther: z.string().max(100).default(''),
    /** Why this model fits the project: examiners ask. */
    processModelReason: z.string().max(5000).default(''),
    projectEnvironment: z.string().max(20000).default(''),
    benefit: z.string().max(20000).default(''),
    scopeExclusions: z.string().max(20000).default(''),
    requirements: z.array(RequirementSchema).max(50).default([]),
    contacts: z.array(ContactSchema).max(30).default([]),
    presentationAids: z.string().max(2000).default(''),
    plannedAttachments: z.array(z.string().max(300)).max(30).default([]),
  })
  .refine((m) => !m.startDate || !m.endDate || m.endDate >= m.startDate, {
    message: 'project:validation.endBeforeStart',
    path: ['endDate'],
  });
export type ProjectMeta = z.infer<typeof ProjectMetaSchema>;

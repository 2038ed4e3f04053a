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
  })
  .refine((m) => !m.startDate || !m.endDate || m.endDate >= m.startDate, {
    message: 'project:validation.endBeforeStart',
    path: ['endDate'],
  });
export type ProjectMeta = z.infer<typeof ProjectMetaSchema>;

import { z } from 'zod';
import { HardwareSpecSchema } from './hardwareSchema';

export const OfferSchema = z.object({
  id: z.string().min(1).max(100),
  vendor: z.string().max(200).default(''),
  model: z.string().max(200).default(''),
  spec: HardwareSpecSchema,
  priceEur: z.number().min(0),
  powerW: z.number().min(0).optional(),
  rackUnits: z.number().int().min(0).max(60).optional(),
});
export type Offer = z.infer<typeof OfferSchema>;

export const CostItemSchema = z.object({ label: z.string().max(200), amountEur: z.number().min(0) });

export const CostsInputSchema = z.object({
  offers: z.array(OfferSchema).max(50).default([]),
  chosenOfferId: z.string().optional(),
  /** Empty: taken from the project's rates (apprentice rate, overhead). */
  hourlyRateEur: z.number().min(0).optional(),
  overheadPct: z.number().min(0).max(300).optional(),
  otherOneTime: z.array(CostItemSchema).max(50).default([]),
  /** Used when the chosen offer does not state its power draw / height. */
  powerW: z.number().min(0).default(350),
  pricePerKwhEur: z.number().min(0).default(0.3),
  rackUnits: z.number().int().min(0).default(2),
  pricePerRackUnitYearEur: z.number().min(0).default(120),
  supportPerYearEur: z.number().min(0).default(300),
  witnessHostPerYearEur: z.number().min(0).default(60),
  outageHoursPerYearWithout: z.number().min(0).max(8760).default(24),
  outageHoursPerYearWith: z.number().min(0).max(8760).default(2),
  downtimeCostPerHourEur: z.number().min(0).default(500),
});
export type CostsInput = z.infer<typeof CostsInputSchema>;

/** Everything the Installation step stores in the project file under `commission`. */
import { z } from 'zod';
import { InventorySchema } from './inventorySchema';
import { CommissionRecordSchema } from './recordSchema';
import { ClusterSettingsSchema } from './settingsSchema';

export const CommissionSchema = z.object({
  settings: ClusterSettingsSchema.prefault({}),
  inventory: InventorySchema.optional(),
  record: CommissionRecordSchema.optional(),
});
export type Commission = z.infer<typeof CommissionSchema>;

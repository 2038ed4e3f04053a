/**
 * The one place the handlers get a plan from: the plan generator (shared/commission) applied to the project
 * and its stored inventory. A plan that cannot be made is an error listing what is missing.
 */
import { AppError } from '../../../shared/errors';
import { generatePlan, planErrors } from '../../../shared/commission/generate';
import type { Inventory } from '../../../shared/commission/inventorySchema';
import type { Plan } from '../../../shared/commission/types';
import type { Project } from '../../../shared/project/schema';

export function inventoryOf(project: Project): Inventory {
  const inv = project.commission.inventory;
  if (!inv || Object.keys(inv.nodes).length === 0) throw new AppError('install:errors.noInventory');
  return inv;
}

export function planFor(project: Project): Plan {
  const inventory = inventoryOf(project);
  const errors = planErrors(project, inventory);
  if (errors.length) throw new AppError('install:errors.planInvalid', { count: errors.length, first: errors[0]!.key }, errors.map((e) => `${e.key} ${e.params ? JSON.stringify(e.params) : ''}`.trim()).join('\n'));
  return generatePlan(project, inventory);
}

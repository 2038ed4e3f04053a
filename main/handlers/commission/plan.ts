import { generatePlan, planErrors } from '../../../shared/commission/generate';
import type { Handler } from '../types';

/** The plan for the project as it is, or what is missing before one can be made (nothing runs on a node). */
export const commissionPlan: Handler<'commission.plan'> = async ({ project }) => {
  const inventory = project.commission.inventory;
  if (!inventory || Object.keys(inventory.nodes).length === 0) return { plan: null, errors: [{ key: 'install:errors.noInventory' }] };
  const errors = planErrors(project, inventory);
  if (errors.length) return { plan: null, errors };
  return { plan: generatePlan(project, inventory), errors: [] };
};

/**
 * UI state of the Installation step, in parts by concern: the nodes and secrets, the inventory, the plan and
 * its dry run, a run on the nodes, and the cluster's status. Everything durable lives in the project
 * (hosts, commission.settings/inventory/record); this is what a window shows meanwhile.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from '../../store';
import { createClusterPart, type ClusterPart } from './clusterPart';
import { createHostsPart, type HostsPart } from './hostsPart';
import { createInventoryPart, type InventoryPart } from './inventoryPart';
import { createPlanPart, type PlanPart } from './planPart';
import { createRunPart, type RunPart } from './runPart';

export type InstallStepSlice = HostsPart & InventoryPart & PlanPart & RunPart & ClusterPart;

export const createInstallStepSlice: StateCreator<AppState, [], [], InstallStepSlice> = (...a) => ({
  ...createHostsPart(...a),
  ...createInventoryPart(...a),
  ...createPlanPart(...a),
  ...createRunPart(...a),
  ...createClusterPart(...a),
});

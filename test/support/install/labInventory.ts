/**
 * The lab's real inventory output (ct tier: legacy, bare secondary, witness; client and cluster network),
 * captured with the preflight script and parsed here by the real parser, so tests of the Installation step
 * work on what the nodes really answered. Refresh with test/e2e/installFixtures/capture.ts (lab up).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Facts } from '../../../shared/analysis/facts';
import { inventoryProbe } from '../../../shared/commission/inventory';
import type { Inventory } from '../../../shared/commission/inventorySchema';
import type { NodeRole } from '../../../shared/commission/types';

export const INSTALL_FIXTURES = join(import.meta.dirname, '../../e2e/installFixtures');

export function labRawInventory(role: 'primary' | 'secondary' | 'witness'): string {
  return readFileSync(join(INSTALL_FIXTURES, `ct-${role}.inventory.txt`), 'utf8');
}

export function labInventory(roles: readonly NodeRole[] = ['primary', 'secondary', 'witness']): Inventory {
  const nodes: Inventory['nodes'] = {};
  for (const r of roles) if (r !== 'node3') nodes[r] = inventoryProbe.parse(labRawInventory(r), r);
  return { nodes };
}

/** The facts the app's Ist-Analyse found on the lab's legacy server. */
export function labFacts(): Facts {
  return JSON.parse(readFileSync(join(INSTALL_FIXTURES, 'ct-facts.json'), 'utf8')) as Facts;
}

/**
 * The model's state of the nodes before commissioning, from what the preflight inventory found: installed
 * packages, unit states, the config files, accounts. `extraPackages` pre-installs packages on a node (a
 * secondary that is not quite bare, a legacy server that already runs fail2ban ...).
 */
import type { Inventory } from '../../../shared/commission/inventorySchema';
import type { NodeRole } from '../../../shared/commission/types';
import type { Keys, World } from './nodeModel';

export function initialWorld(inv: Inventory, extraPackages: Partial<Record<NodeRole, string[]>> = {}): World {
  const nodes: World['nodes'] = {};
  for (const [role, n] of Object.entries(inv.nodes) as [NodeRole, NonNullable<Inventory['nodes'][NodeRole]>][]) {
    const k: Keys = {};
    for (const p of [...Object.keys(n.packages), ...(extraPackages[role] ?? [])]) k[`pkg:${p}`] = 'ii';
    for (const [u, s] of Object.entries(n.units)) {
      if (s.enabled && s.enabled !== 'not-found') k[`unit:${u}:enabled`] = s.enabled;
      if (s.active && s.enabled !== 'not-found') k[`unit:${u}:active`] = s.active;
    }
    for (const f of n.configFiles) k[`file:${f.path}`] = f.kind === 'link' ? `link:${f.linkTarget}` : `orig:${f.sha256 ?? ''}`;
    for (const u of n.users) {
      k[`user:${u.name}`] = `${u.uid}:${u.gid}`;
      k[`userid:${u.name}`] = String(u.uid);
    }
    for (const g of n.groups) {
      k[`group:${g.name}`] = String(g.gid);
      k[`groupid:${g.name}`] = String(g.gid);
    }
    nodes[role] = k;
  }
  return { nodes, saved: {}, backups: {} };
}

/**
 * The system accounts whose files live on the shared volume (mail, database, queue) must have the same
 * numeric ids on every node that mounts it, or Postfix, Dovecot and MariaDB find foreign owners after a
 * failover. They are created on the other nodes with the primary's ids BEFORE the packages, whose
 * maintainer scripts then find them (adduser --system keeps an existing account). Where another system
 * account of the node holds a needed id (Debian hands out system ids in install order, so two nodes rarely
 * agree), that account moves to a free id first; accounts of people (1000 and up) are never renumbered.
 */
import type { NodeInventory } from '../inventorySchema';
import type { Account } from '../ops';
import type { NodeRole } from '../types';
import type { AccountMove, PlanError, ResolvedAccounts } from './types';

/** Accounts of the mail stack (and common add-ons) that own data on the volume. */
const DATA_OWNERS = ['vmail', 'postfix', 'dovecot', 'dovenull', 'mysql', 'opendkim', 'debian-spamd', 'clamav', 'amavis', 'postgrey', 'mail'];
const EXTRA_GROUPS = ['postdrop', 'vmail', 'ssl-cert'];

export function resolveAccounts(
  primary: NodeInventory,
  mailUid: string | undefined,
  targets: { role: NodeRole; inv: NodeInventory | undefined }[],
  errors: PlanError[],
): ResolvedAccounts {
  const byName = new Map(primary.users.map((u) => [u.name, u]));
  const byUid = new Map(primary.users.map((u) => [String(u.uid), u]));
  const names = new Set(DATA_OWNERS);
  const vmailUser = mailUid ? (byName.get(mailUid) ?? byUid.get(mailUid)) : undefined;
  if (vmailUser) names.add(vmailUser.name);
  const users: Account[] = [...names]
    .map((n) => byName.get(n))
    .filter((u) => u !== undefined)
    // base-passwd fixes the ids of accounts below 100 on every Debian system: nothing to create.
    .filter((u) => u.uid >= 100)
    .map((u) => ({ name: u.name, uid: u.uid, gid: u.gid, home: u.home ?? '/nonexistent', shell: u.shell ?? '/usr/sbin/nologin' }))
    .sort((a, b) => a.uid - b.uid);
  const groupByGid = new Map(primary.groups.map((g) => [g.gid, g]));
  const groupNames = new Set(EXTRA_GROUPS);
  for (const u of users) {
    const g = groupByGid.get(u.gid);
    if (g) groupNames.add(g.name);
  }
  const groups = primary.groups
    .filter((g) => groupNames.has(g.name) && g.gid >= 100)
    .map((g) => ({ name: g.name, gid: g.gid }))
    .sort((a, b) => a.gid - b.gid);
  for (const u of users) if (!groupByGid.has(u.gid)) errors.push({ key: 'commission:errors.groupMissing', params: { user: u.name, gid: u.gid } });

  const moves: Partial<Record<NodeRole, AccountMove[]>> = {};
  for (const { role, inv } of targets) {
    if (!inv) continue;
    const list: AccountMove[] = [];
    const usedUids = new Set([...inv.users.map((u) => u.uid), ...primary.users.map((u) => u.uid)]);
    const usedGids = new Set([...inv.groups.map((g) => g.gid), ...primary.groups.map((g) => g.gid)]);
    const free = (used: Set<number>) => {
      for (let id = 999; id >= 100; id--) if (!used.has(id)) return used.add(id), id;
      return undefined;
    };
    for (const g of groups) {
      const taken = inv.groups.find((x) => x.gid === g.gid && x.name !== g.name);
      if (taken) {
        const to = taken.gid < 1000 && !groups.some((n) => n.name === taken.name) ? free(usedGids) : undefined;
        if (to === undefined) errors.push({ key: 'commission:errors.gidTaken', params: { node: role, name: g.name, id: g.gid, by: taken.name } });
        else list.push({ kind: 'group', name: taken.name, from: taken.gid, to });
      }
      const same = inv.groups.find((x) => x.name === g.name);
      if (same && same.gid !== g.gid) {
        if (same.gid >= 1000) errors.push({ key: 'commission:errors.gidConflict', params: { node: role, name: g.name, want: g.gid, have: same.gid } });
        else list.push({ kind: 'group', name: g.name, from: same.gid, to: g.gid });
      }
    }
    for (const u of users) {
      const taken = inv.users.find((x) => x.uid === u.uid && x.name !== u.name);
      if (taken) {
        const to = taken.uid < 1000 && !users.some((n) => n.name === taken.name) ? free(usedUids) : undefined;
        if (to === undefined) errors.push({ key: 'commission:errors.uidTaken', params: { node: role, name: u.name, id: u.uid, by: taken.name } });
        else list.push({ kind: 'user', name: taken.name, from: taken.uid, to });
      }
      const same = inv.users.find((x) => x.name === u.name);
      if (same && (same.uid !== u.uid || same.gid !== u.gid)) {
        if (same.uid >= 1000) errors.push({ key: 'commission:errors.uidConflict', params: { node: role, name: u.name, want: `${u.uid}:${u.gid}`, have: `${same.uid}:${same.gid}` } });
        else if (same.uid !== u.uid) list.push({ kind: 'user', name: u.name, from: same.uid, to: u.uid });
      }
    }
    if (list.length) moves[role] = list;
  }
  return { groups, users, moves };
}

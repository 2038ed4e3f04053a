/**
 * What each node installs, from its own apt sources. The secondary gets the mail stack exactly as the primary
 * runs it (the packages installed there: Postfix with its map types, Dovecot with its protocols and drivers,
 * MariaDB, and add-ons like OpenDKIM), every cluster node the HA stack for the decided topology.
 */
import type { NodeInventory } from '../inventorySchema';
import type { NodeRole } from '../types';
import type { PlanError } from './types';

const MAIL = /^(postfix(-[a-z0-9]+)?|dovecot-[a-z0-9]+|mariadb-(server|client|backup|plugin-[a-z0-9-]+)|opendkim(-tools)?|opendmarc|rspamd|spamassassin|spamc|clamav-(daemon|milter)|amavisd-new|postgrey|postsrsd|ssl-cert|rsyslog|logrotate|bsd-mailx|mailutils)$/;
/** Parts of MariaDB that its metapackages pull in by version; installing them by name pins the wrong one. */
const SKIP = /^mariadb-(server|client)-(core|\d.*)$/;

export function mailPackages(primary: NodeInventory, errors: PlanError[]): string[] {
  const names = Object.keys(primary.packages).filter((p) => MAIL.test(p) && !SKIP.test(p)).sort();
  for (const needed of ['postfix', 'dovecot-core']) if (!names.includes(needed)) errors.push({ key: 'commission:errors.primaryPackageMissing', params: { package: needed } });
  if (!names.some((n) => n === 'mariadb-server')) errors.push({ key: 'commission:errors.primaryPackageMissing', params: { package: 'mariadb-server' } });
  return names;
}

/**
 * Units the mail packages bring that the cluster must own, in start order: the database (Dovecot's and
 * Postfix's maps query it), Dovecot, the milter, Postfix last. Postfix started before Dovecot finds no auth
 * socket ("no SASL authentication mechanisms": master throttles submission for 60 s) and defers every mail
 * it accepts on the missing LMTP socket until the next queue run (measured by the failover tests). The
 * resources start the others side by side and Postfix after all of them (steps/resources.ts serviceResources);
 * the stop runs in reverse, so Postfix also stops accepting mail first.
 */
export function mailUnits(pkgs: readonly string[]): string[] {
  const units = ['mariadb', 'dovecot', 'postfix'];
  if (pkgs.includes('opendkim')) units.splice(2, 0, 'opendkim');
  return units;
}

export interface HaNeeds {
  drbd: boolean;
  sbd: boolean;
  ipmi: boolean;
  qdevice: boolean;
  xfs: boolean;
}

export function haPackages(role: NodeRole, needs: HaNeeds, inv: NodeInventory | undefined): string[] {
  const out = ['corosync', 'pacemaker', 'crmsh', 'resource-agents', 'rsync', 'psmisc'];
  if (needs.drbd) out.push('drbd-utils');
  if (needs.drbd && role === 'primary' && !inv?.packages.lvm2) out.push('lvm2');
  if (needs.sbd) out.push('sbd', 'fence-agents');
  if (needs.ipmi) out.push(...(needs.sbd ? [] : ['fence-agents']), 'ipmitool');
  if (needs.qdevice) out.push('corosync-qdevice');
  if (needs.xfs) out.push('xfsprogs');
  return out;
}

export const HARDENING_PACKAGES = ['nftables', 'fail2ban', 'python3-systemd'];

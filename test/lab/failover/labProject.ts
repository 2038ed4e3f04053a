/**
 * The project the failover lab tests run: the lab's own project as the commissioning tests build it
 * (test/support/commission/labFixture.ts: ct = shared LUN + qdevice, no fencing with a risk acceptance;
 * vm = DRBD + SBD), pointed at this lab instance (its SSH ports, its loop device) and with the Failover-Tests
 * settings: probes through the VIP's loopback relays, the lab's test mailbox, the lab hook for node actions.
 * The nodes are reached as the lab's admin user with sudo (its password goes into the secret store, see
 * harness.ts): the login that still works after a commissioning has switched root login off, as in CI.
 */
import path from 'node:path';
import type { Project } from '../../../shared/project/schema';
import { labProject } from '../../support/commission/labFixture';
import { labNode, type LabStatus } from '../lib/statusSchema.js';
import { tier } from './labContext';

export const HOOK = path.join(import.meta.dirname, 'lab-hook.sh');

/**
 * The vm tier's own targets, as an engineer would enter them in the Prepare tab for an emulated lab: under TCG
 * the outages are context, not targets (the issue), so the RTOs are the case timeout's order of magnitude, and
 * where no outage is expected two missed probes at the one-second interval are still jitter. Lost, duplicated
 * and unverified mails stay at zero: emulation excuses slowness, never a lost mail.
 */
const VM_TARGETS = { plannedRtoMs: 600_000, unplannedRtoMs: 600_000, maxLost: 0, maxDuplicated: 0, delayedAfterMs: 600_000, noOutageToleranceMs: 3000 };

export function failoverLabProject(st: LabStatus, change: (p: Project) => void = () => {}): Project {
  return labProject(tier, (p) => {
    const key = { method: 'key' as const, keyPath: st.credentials.clientKey };
    const user = st.credentials.admin.user;
    p.hosts.primary = { host: '127.0.0.1', port: labNode(st, 'legacy').ssh.port, user, auth: key };
    p.hosts.secondary = { host: '127.0.0.1', port: labNode(st, 'secondary').ssh.port, user, auth: key };
    // The vm tier boots no witness (two_node with SBD).
    const witness = st.nodes.find((n) => n.name === 'witness');
    if (witness) p.hosts.witness = { host: '127.0.0.1', port: witness.ssh.port, user, auth: key };
    else delete p.hosts.witness;
    if (tier === 'ct' && st.sharedDisk) p.commission.settings.sharedDevice = st.sharedDisk.nodeDevice;
    p.meta.title = `Failover lab ${tier}`;
    const v = st.vip.services;
    p.failover.settings = {
      ...p.failover.settings,
      endpoint: { host: '127.0.0.1', ports: { smtp: v.smtp!.port, submission: v.submission!.port, imap: v.imap!.port, pop3: v.pop3!.port, sql: v.mysql!.port } },
      // legacy's MariaDB listens on its loopback only: the SQL probe needs the plan to publish it on the VIP.
      protocols: ['smtp', 'submission', 'imap', 'pop3'],
      mailbox: { user: st.credentials.mailbox.user },
      // A case that has not recovered in 5 minutes on the ct lab will not: fail it instead of waiting 10. The vm
      // tier's guests are emulated (TCG, one vCPU each): 15 minutes, half a mail per second and one probe round a
      // second with 15 s per attempt (2 mails/s plus four probes every 200 ms kept legacy at load 18, minutes
      // behind on its own accept queue, and its TLS logins then took longer than 5 s: no baseline).
      caseTimeoutMs: tier === 'vm' ? 900_000 : 300_000,
      ...(tier === 'vm' ? { mailRatePerS: 0.5, probeIntervalMs: 1000, probeTimeoutMs: 15_000, targets: VM_TARGETS } : {}),
      hook: { path: HOOK, actions: tier === 'ct' ? ['crash', 'poweroff', 'start', 'linkDown', 'linkUp'] : ['start', 'linkDown', 'linkUp'] },
    };
    change(p);
  });
}

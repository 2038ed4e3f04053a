/**
 * Commissioning on the vm tier (qemu, Debian's kernel): DRBD 8.4 on a new LV cut from the RAID10 volume
 * group's free extents, two_node with SBD on the shared disk + softdog, DRBD resource-level fencing and
 * fence delays. The common suite (commissionSuite.ts), then: a fence of the active node really resets it
 * (new boot id) and the other node takes over; mail still flows. Only inside `flock /tmp/mhs-vm-tier.lock`.
 */
import { describe, expect, it } from 'vitest';
import { commissioningSuite } from './commissionSuite';
import { VM_CHOICES } from './executorLab';
import { arrived, rootRun, sendToVip } from './mailEvidence';

describe('commissioning the vm lab (DRBD on a new LV, two_node, SBD)', () => {
  const ctx = commissioningSuite(
    'vm',
    ['legacy', 'secondary'],
    () => VM_CHOICES,
    false,
  );

  it('a fence of the active node really resets it, and the other takes over; mail still flows', async () => {
    const st = ctx.st;
    const node = (name: string) => st.nodes.find((n) => n.name === name)!;
    const where = await rootRun(st, node('legacy'), 'crm_resource --locate --resource g_mail 2>&1');
    const active = /running on: (\S+)/.exec(where)?.[1] === 'secondary' ? 'secondary' : 'legacy';
    const other = active === 'legacy' ? 'secondary' : 'legacy';
    const bootBefore = (await rootRun(st, node(active), 'cat /proc/sys/kernel/random/boot_id')).trim();
    const t0 = Date.now();
    await rootRun(st, node(other), `stonith_admin --reboot ${active} --timeout 300`);
    await rootRun(st, node(other), `n=0; until crm_mon -1 -r 2>/dev/null | grep -Eq "p_postfix[[:space:]].*Started ${other}"; do n=$((n+1)); [ $n -lt 900 ] || exit 1; sleep 1; done`);
    ctx.times.fenceTakeover = Date.now() - t0;
    const token = await sendToVip(st, st.credentials.mailbox.user);
    expect(await arrived(st, st.credentials.mailbox.user, token, ctx.ca, 300_000)).toBe(true);
    // The fenced node comes back by itself (SBD resets it through the watchdog) with a new boot.
    let bootAfter = bootBefore;
    const end = Date.now() + 20 * 60_000;
    while (Date.now() < end && bootAfter === bootBefore) {
      bootAfter = (await rootRun(st, node(active), 'cat /proc/sys/kernel/random/boot_id').catch(() => bootBefore)).trim();
      if (bootAfter === bootBefore) await new Promise((r) => setTimeout(r, 10_000));
    }
    expect(bootAfter).not.toBe(bootBefore);
    ctx.log(`fence of ${active}: ${other} runs the mail after ${(ctx.times.fenceTakeover / 1000).toFixed(0)} s; ${active} rebooted`);
  });
});

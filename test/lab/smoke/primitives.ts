// Failure primitives the failover tests use: link down/up per network, crash, poweroff and start, on both
// tiers, each with its effect checked from another node and recorded in status.json.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { BANNER_TIMEOUT_MS, nodeAddress, type NodeName } from '../lib/config.js';
import { crashNode, poweroffNode, setLink, startNode } from '../lib/nodes.js';
import { nodeInterface } from '../lib/statusSchema.js';
import { readBanner } from '../lib/util.js';
import { ctx, full, has, node, refresh, root, tier, timed } from './context.js';
import { ping } from './network.js';

const sshAnswers = (n: NodeName): Promise<boolean> =>
  readBanner('127.0.0.1', node(n).ssh.port, BANNER_TIMEOUT_MS[tier]).then((b) => b.startsWith('SSH-'), () => false);
const bootId = async (n: NodeName): Promise<string> => (await root(n, 'cat /proc/sys/kernel/random/boot_id')).stdout.trim();

export function primitiveTests(): void {
  const target: NodeName = 'secondary';
  const peer: NodeName = 'legacy';
  const both = has(target) && has(peer);

  it.runIf(both)('link down/up on the cluster network cuts only that NIC', async () => {
    const r = await timed('linkDownClusterSeconds', () => setLink(tier, target, 'cluster', 'down'));
    expect(r.action).toBe('link-down');
    expect(nodeInterface(refresh().nodes.find((n) => n.name === target)!, 'cluster').link).toBe('down');
    expect(await ping(peer, nodeAddress('cluster', target))).toBe(false);
    expect(await ping(peer, nodeAddress('client', target))).toBe(true);
    await timed('linkUpClusterSeconds', () => setLink(tier, target, 'cluster', 'up'));
    expect(await ping(peer, nodeAddress('cluster', target))).toBe(true);
  });

  it.runIf(both)('link down/up on the client network cuts SSH and mail, the cluster link stays', async () => {
    await setLink(tier, target, 'client', 'down');
    expect(await sshAnswers(target)).toBe(false);
    expect(await ping(peer, nodeAddress('client', target))).toBe(false);
    expect(await ping(peer, nodeAddress('cluster', target))).toBe(true);
    await setLink(tier, target, 'client', 'up');
    expect(await sshAnswers(target)).toBe(true);
  });

  it.runIf(both)(
    'crash kills the node at once; start boots it with the same disk, host keys and addresses, and a cut link stays cut',
    async () => {
      const token = randomBytes(6).toString('hex');
      await root(target, `echo ${token} > /root/lab-survives; sync`);
      const before = await bootId(target);
      await setLink(tier, target, 'cluster', 'down');
      const c = await timed('crashSeconds', () => crashNode(tier, target));
      expect(c.action).toBe('crash');
      let st = refresh();
      const n = st.nodes.find((x) => x.name === target)!;
      expect([n.running, n.power, st.state]).toEqual([false, 'crashed', 'degraded']);
      expect(await sshAnswers(target)).toBe(false);
      await expect(crashNode(tier, target)).rejects.toThrow(/is not running/);
      const s = await timed('startSeconds', () => startNode(tier, target));
      expect(s.detail).toContain('SSH answers');
      st = refresh();
      expect(st.state).toBe('running');
      // sshRun verifies the host key against status.json: the node kept its identity.
      expect(await bootId(target)).not.toBe(before);
      expect((await root(target, 'cat /root/lab-survives; hostname')).stdout.trim().split('\n')).toEqual([token, target]);
      expect(await ping(peer, nodeAddress('cluster', target))).toBe(false);
      await setLink(tier, target, 'cluster', 'up');
      expect(await ping(peer, nodeAddress('cluster', target))).toBe(true);
      expect(await ping(peer, nodeAddress('client', target))).toBe(true);
      await expect(startNode(tier, target)).rejects.toThrow(/already running/);
    },
    1_200_000,
  );

  const offNode: NodeName = tier === 'ct' && has('witness') ? 'witness' : target;
  it.runIf(has(offNode) && (tier === 'ct' || full))(
    `poweroff shuts ${offNode} down cleanly; start brings it back`,
    async () => {
      await root(offNode, 'echo clean > /root/lab-poweroff');
      const p = await timed('poweroffSeconds', () => poweroffNode(tier, offNode));
      expect(p.action).toBe('poweroff');
      expect(refresh().nodes.find((x) => x.name === offNode)?.power).toBe('stopped');
      expect(await sshAnswers(offNode)).toBe(false);
      await timed('startAfterPoweroffSeconds', () => startNode(tier, offNode));
      expect((await root(offNode, 'cat /root/lab-poweroff')).stdout.trim()).toBe('clean');
    },
    1_200_000,
  );

  it.runIf(tier === 'vm' && full && has(target))(
    'vm: sysrq crash leaves a hung machine that start power-cycles',
    async () => {
      const before = await bootId(target);
      await timed('sysrqCrashSeconds', () => crashNode(tier, target, 'sysrq'));
      expect(refresh().nodes.find((x) => x.name === target)).toMatchObject({ running: false, power: 'crashed' });
      await timed('startAfterSysrqSeconds', () => startNode(tier, target));
      expect(await bootId(target)).not.toBe(before);
    },
    1_200_000,
  );

  it.runIf(tier === 'ct')('ct: sysrq is refused (containers share the host kernel)', async () => {
    await expect(crashNode('ct', has(target) ? target : 'legacy', 'sysrq')).rejects.toThrow(/share the host kernel/);
    expect(ctx.st.tier).toBe('ct');
  });
}

// Two networks between the nodes: the client network (SSH, mail, the VIP) and a dedicated cluster link.
import { expect, it } from 'vitest';
import { nodeAddress } from '../lib/config.js';
import { nodeInterface } from '../lib/statusSchema.js';
import { ctx, has, node, root, wanted } from './context.js';

interface IpAddr {
  ifname: string;
  address: string;
  operstate: string;
  addr_info: { family: string; local: string; prefixlen: number }[];
}

export const ping = (from: Parameters<typeof root>[0], addr: string): Promise<boolean> =>
  root(from, `ping -c 1 -W 2 ${addr} >/dev/null 2>&1; echo rc=$?`).then((r) => r.stdout.includes('rc=0'));

export function networkTests(): void {
  it('every node has a client and a cluster NIC with the names, MACs and addresses status.json lists', async () => {
    expect(ctx.st.networks.client.subnet).toBe('10.77.0.0/24');
    expect(ctx.st.networks.cluster.subnet).toBe('10.78.0.0/24');
    const macs = new Set<string>();
    for (const n of wanted) {
      const links = JSON.parse((await root(n, 'ip -j addr show')).stdout) as IpAddr[];
      for (const net of ['client', 'cluster'] as const) {
        const want = nodeInterface(node(n), net);
        const got = links.find((l) => l.ifname === want.name);
        expect(got, `${n} ${want.name}`).toBeTruthy();
        expect(got?.address).toBe(want.mac);
        expect(got?.addr_info.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`)).toEqual([`${want.address}/${want.prefix}`]);
        expect(want.address).toBe(nodeAddress(net, n));
        macs.add(want.mac);
      }
    }
    expect(macs.size).toBe(wanted.length * 2);
  });

  it.runIf(has('legacy') && has('secondary'))('the cluster link connects the nodes apart from the client network', async () => {
    expect(await ping('legacy', nodeAddress('cluster', 'secondary'))).toBe(true);
    expect(await ping('secondary', nodeAddress('cluster', 'legacy'))).toBe(true);
    if (has('witness')) expect(await ping('witness', nodeAddress('cluster', 'legacy'))).toBe(true);
    // The VIP's network is the client network only.
    expect(ctx.st.vip.network).toBe('client');
  });

  it.runIf(has('legacy'))('legacy keeps its mailboxes where Dovecot mail_location says (not /var/vmail), as status.json tells', async () => {
    const store = node('legacy').mailStore;
    expect(store?.root).toBe('/srv/vmail');
    const r = await root('legacy', `doveconf -h mail_location; test -e /var/vmail && echo var-vmail-exists; find ${store?.root} -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l${store?.device ? `; findmnt -n -o SOURCE ${store.root}` : ''}`);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(store?.mailLocation);
    expect(lines).not.toContain('var-vmail-exists');
    expect(Number(lines[1])).toBeGreaterThanOrEqual(2000);
    if (store?.device) expect(lines[2]).toBe(store.device);
  });
}

// Lab instances: names and port blocks never collide between instances, tiers, or Linux's ephemeral ports.
import { describe, expect, it } from 'vitest';
import { ALL_NODES, MAX_INSTANCE, SERVICES, buildPorts, cacheDirFrom, hostIfName, mailLocationOf, netnsName, nodeServicePort, parseInstance, portBase, runDir, sockDir, sshPort, vipPort } from '../lib/config.js';
import { networkFile } from '../lib/identity.js';

function portsOf(n: number): number[] {
  const out: number[] = [];
  for (const t of ['ct', 'vm'] as const) {
    for (const node of ALL_NODES) out.push(sshPort(t, node, n));
    SERVICES.forEach((_, i) => {
      out.push(vipPort(t, i, n));
      for (const node of ALL_NODES) out.push(nodeServicePort(t, node, i, n));
    });
  }
  const b = buildPorts(n);
  return [...out, b.smtp, b.submission];
}

describe('lab instances', () => {
  it('instance 0 keeps the names and ports of the lab before instances', () => {
    expect(netnsName('ct', 0)).toBe('mhs-lab-ct');
    expect(netnsName('vm', 0)).toBe('mhs-lab-vm');
    expect(portBase('ct', 0)).toBe(42000);
    expect(portBase('vm', 0)).toBe(43000);
    expect(sshPort('ct', 'legacy', 0)).toBe(42221);
    expect(sockDir('ct', 0)).toBe('/run/mhs-lab/ct');
    expect(runDir('vm', 0)).toMatch(/test\/lab\/\.run\/vm$/);
  });

  it('gives every instance its own namespace, run and socket dirs, and a port block no other instance or tier shares', () => {
    const seen = new Map<number, string>();
    for (let n = 0; n <= MAX_INSTANCE; n++) {
      for (const p of portsOf(n)) {
        expect(seen.get(p), `port ${p} of instance ${n}`).toBeUndefined();
        seen.set(p, `instance ${n}`);
        expect(p).toBeGreaterThan(1024);
        // instances 1..7 stay below the ephemeral range, where no outgoing connection can take a port
        if (n > 0) expect(p).toBeLessThan(32768);
      }
    }
    const names = new Set<string>();
    for (let n = 0; n <= MAX_INSTANCE; n++) for (const t of ['ct', 'vm'] as const) names.add(`${netnsName(t, n)}|${runDir(t, n)}|${sockDir(t, n)}`);
    expect(names.size).toBe(2 * (MAX_INSTANCE + 1));
    expect(netnsName('ct', 3)).toBe('mhs-lab-ct3');
  });

  it('accepts 0..7 and refuses anything else with a clear message', () => {
    expect(parseInstance(undefined)).toBe(0);
    expect(parseInstance('')).toBe(0);
    expect(parseInstance('7')).toBe(7);
    for (const bad of ['8', '-1', 'two', '1.5']) expect(() => parseInstance(bad)).toThrow(/MHS_LAB_INSTANCE must be a number from 0 to 7/);
  });

  it('keeps the image cache outside the clone unless MHS_LAB_CACHE says otherwise (absolute only)', () => {
    expect(cacheDirFrom(undefined)).toBe('/var/cache/mail-ha-studio/lab');
    expect(cacheDirFrom('/tmp/x/')).toBe('/tmp/x');
    expect(() => cacheDirFrom('rel/dir')).toThrow(/absolute/);
  });

  it('names bridge ports within the kernel limit of 15 characters', () => {
    for (const t of ['ct', 'vm'] as const) for (const net of ['client', 'cluster'] as const) for (const n of ALL_NODES) expect(hostIfName(t, net, n).length).toBeLessThanOrEqual(15);
  });

  it('reads the mailbox root from Dovecot mail_location, the one place that sets it', () => {
    expect(mailLocationOf('protocols = imap\nmail_location = maildir:/srv/vmail/%d/%n\n')).toEqual({ mailLocation: 'maildir:/srv/vmail/%d/%n', mailRoot: '/srv/vmail' });
    expect(mailLocationOf('mail_location = mdbox:/data/mail/%d/%n/mdbox')).toMatchObject({ mailRoot: '/data/mail' });
    expect(() => mailLocationOf('mail_location = maildir:~/Maildir')).toThrow(/absolute path/);
  });

  it('writes one .network per lab network that keeps its address when the cable is pulled', () => {
    const f = networkFile('cluster', 'secondary');
    expect(f).toContain('Name=host1 eth1');
    expect(f).toContain('Address=10.78.0.12/24');
    expect(f).toContain('IgnoreCarrierLoss=yes');
    expect(networkFile('client', 'witness')).toContain('Address=10.77.0.13/24');
  });
});

// `up` on a machine without the host tools names the Debian packages; a taken port is named with its holder.
import { mkdtempSync, symlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { busyPorts, busyPortsMessage, labPorts, mergePortRanges, missingTools, missingToolsMessage, portHolder, toolsFor } from '../lib/preflight.js';

let srv: Server | undefined;
let client: Socket | undefined;
afterEach(async () => {
  client?.destroy();
  client = undefined;
  await new Promise<void>((r) => (srv ? srv.close(() => r()) : r()));
  srv = undefined;
});

describe('lab preflight', () => {
  it('names each missing tool with the package that brings it, and one install command', () => {
    const missing = toolsFor('vm', true).filter((t) => ['mmdebstrap', 'qemu-system-x86_64', 'socat'].includes(t.need));
    const msg = missingToolsMessage(missing);
    expect(msg).toMatch(/mmdebstrap \(building the Debian images\): package mmdebstrap/);
    expect(msg).toMatch(/qemu-system-x86_64 \(vm nodes\): package qemu-system-x86/);
    expect(msg).toContain('apt-get install -y socat qemu-system-x86 mmdebstrap\n');
  });

  it('finds a tool on the given PATH and reports it missing when it is not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-path-'));
    const tool = { need: 'lab-fake-tool', pkg: 'lab-fake-pkg', why: 'test' };
    expect(missingTools([tool], dir)).toEqual([tool]);
    symlinkSync('/bin/true', join(dir, 'lab-fake-tool'));
    expect(missingTools([tool], dir)).toEqual([]);
  });

  it('needs the build tools only when images must be built', () => {
    expect(toolsFor('ct', false).map((t) => t.need)).not.toContain('mmdebstrap');
    expect(toolsFor('ct', true).map((t) => t.need)).toContain('mmdebstrap');
    expect(toolsFor('vm', false).map((t) => t.need)).toContain('qemu-img');
  });

  it('names a taken port and the process that listens on it', async () => {
    srv = createServer();
    await new Promise<void>((r) => srv!.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    expect(portHolder(port)).toMatch(new RegExp(`^PID ${process.pid}: `));
    const busy = await busyPorts([{ port, what: 'SSH of legacy' }]);
    expect(busy).toHaveLength(1);
    expect(busyPortsMessage('ct', 2, busy)).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} \\(SSH of legacy\\) is in use by PID ${process.pid}`));
    expect(await busyPorts([{ port: port + 1 === 65536 ? port - 1 : port + 1, what: 'x' }]).then((b) => b.filter((x) => x.holder?.startsWith(`PID ${process.pid}`)))).toEqual([]);
  });

  it('checks every port of the nodes it starts, and the build relays only when building', () => {
    const p = labPorts('ct', ['legacy', 'witness'], false).map((x) => x.what);
    expect(p).toContain('SSH of legacy');
    expect(p).toContain('SSH of witness');
    expect(p).not.toContain('SSH of secondary');
    expect(p).toContain('legacy smtp');
    expect(p).not.toContain('witness smtp');
    expect(p).not.toContain('image build SMTP');
    expect(labPorts('ct', ['legacy'], true).map((x) => x.what)).toContain('image build SMTP');
  });

  it('names the connection that took a port as its source port, the way instance 0 can collide', async () => {
    srv = createServer((c) => c.on('error', () => undefined));
    await new Promise<void>((r) => srv!.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    const local = await new Promise<number>((resolve, reject) => {
      client = connect({ host: '127.0.0.1', port }, () => resolve(client!.localPort as number));
      client.on('error', reject);
    });
    expect(portHolder(local)).toMatch(new RegExp(`^a connection \\(ESTABLISHED\\) of PID ${process.pid}: `));
  });

  it('merges the lab block into ip_local_reserved_ports without losing what is there', () => {
    expect(mergePortRanges('', [42000, 42999])).toBe('42000-42999');
    expect(mergePortRanges('8080,42500-43500\n', [42000, 42999])).toBe('8080,42000-43500');
    expect(mergePortRanges('43000-43999', [42000, 42999])).toBe('42000-43999');
    expect(mergePortRanges('1,3', [2, 2])).toBe('1-3');
  });
});

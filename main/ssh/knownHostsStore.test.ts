import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { fingerprintSha256, hashHostName } from './knownHosts';
import { KnownHostsStore } from './knownHostsStore';

function blob(): Buffer {
  const s = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return Buffer.concat([s(Buffer.from('ssh-ed25519')), s(randomBytes(32))]);
}

async function store() {
  const dir = await mkdtemp(join(tmpdir(), 'mhs-khs-'));
  return { dir, file: join(dir, 'sub', 'known_hosts'), s: new KnownHostsStore(join(dir, 'sub', 'known_hosts')) };
}

describe('KnownHostsStore', () => {
  it('starts empty, adds atomically (0600, no temp files) and recognises the key', async () => {
    const { dir, file, s } = await store();
    const k = blob();
    expect((await s.check('127.0.0.1', 2222, k)).status).toBe('unknown');
    await s.add('127.0.0.1', 2222, k);
    await s.add('127.0.0.1', 2222, k); // idempotent
    expect((await s.check('127.0.0.1', 2222, k)).status).toBe('known');
    const text = await readFile(file, 'utf8');
    expect(text).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${k.toString('base64')}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'sub'))).toEqual(['known_hosts']);
    expect(await s.knownKeyTypes('127.0.0.1', 2222)).toEqual(['ssh-ed25519']);
  });

  it('replace only accepts a key that was offered with exactly the confirmed fingerprint', async () => {
    const { s } = await store();
    const oldKey = blob();
    const newKey = blob();
    await s.add('mx1', 22, oldKey);
    const changed = await s.check('mx1', 22, newKey);
    expect(changed.status).toBe('changed');
    await expect(s.replace('mx1', 22, fingerprintSha256(blob()))).rejects.toMatchObject({ code: 'ssh:errors.hostKeyNotOffered' });
    await expect(s.replace('mx2', 22, fingerprintSha256(newKey))).rejects.toBeInstanceOf(AppError);
    await s.replace('mx1', 22, fingerprintSha256(newKey));
    expect((await s.check('mx1', 22, newKey)).status).toBe('known');
    expect((await s.check('mx1', 22, oldKey)).status).toBe('changed');
    expect(await s.list()).toEqual([{ hosts: 'mx1', keyType: 'ssh-ed25519', fingerprint: fingerprintSha256(newKey) }]);
  });

  it('serialises concurrent adds without losing entries', async () => {
    const { s } = await store();
    const keys = Array.from({ length: 20 }, () => blob());
    await Promise.all(keys.map((k, i) => s.add(`h${i}`, 22, k)));
    expect(await s.list()).toHaveLength(20);
  });

  it('imports an OpenSSH known_hosts file including hashed entries; a missing file imports nothing', async () => {
    const { dir, s } = await store();
    const k1 = blob();
    const k2 = blob();
    const src = join(dir, 'user_known_hosts');
    await writeFile(src, `${hashHostName('[mx9]:2200', randomBytes(20))} ssh-ed25519 ${k1.toString('base64')}\nmx8 ssh-ed25519 ${k2.toString('base64')}\n@cert-authority * ssh-ed25519 ${k2.toString('base64')}\n`);
    expect(await s.importOpenSsh(src)).toEqual({ imported: 2, skipped: 1 });
    expect((await s.check('mx9', 2200, k1)).status).toBe('known');
    expect((await s.check('mx8', 22, k2)).status).toBe('known');
    expect(await s.importOpenSsh(join(dir, 'nope'))).toEqual({ imported: 0, skipped: 0 });
  });
});

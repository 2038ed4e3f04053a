import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type Encryptor } from '../../../main/electron/safeStorageSecrets';

/** Stands in for Electron's safeStorage: real AES-256-GCM with a key only this "OS keyring" knows. */
function aesEncryptor(key = randomBytes(32), backend?: string): Encryptor {
  return {
    isEncryptionAvailable: () => true,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(buf) {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

const unavailable: Encryptor = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('must not encrypt');
  },
  decryptString: () => {
    throw new Error('must not decrypt');
  },
};

const SECRET = 'Sup3r$ecret-sudo-pässword';
const KEY = 'ssh:mx1.customer.example:password';

function tmpDir() {
  return mkdtempSync(path.join(os.tmpdir(), 'mhs-secrets-'));
}

/** Every representation of the plain text someone could grep the file for. */
function leaks(bytes: Buffer, plain: string): string[] {
  const forms = [plain, Buffer.from(plain).toString('base64'), Buffer.from(plain).toString('hex'), JSON.stringify(plain)];
  return forms.filter((f) => bytes.includes(Buffer.from(f)));
}

describe('SafeStorageSecretStore with OS encryption', () => {
  it('writes only ciphertext: neither the secret nor its key name is in the file', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'secrets.json');
    const store = new SafeStorageSecretStore(file, aesEncryptor());
    await store.set(KEY, SECRET);
    await store.set('ssh:mx2:passphrase', 'another one');
    const bytes = readFileSync(file);
    expect(leaks(bytes, SECRET)).toEqual([]);
    expect(leaks(bytes, 'another one')).toEqual([]);
    expect(leaks(bytes, KEY)).toEqual([]);
    expect(bytes.includes(Buffer.from('mx1.customer.example'))).toBe(false);
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ format: 'mail-ha-studio-secrets', version: 1 });
    // only the target file, no temp files left behind
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it.runIf(process.platform !== 'win32')('creates the file readable by the owner only', async () => {
    const file = path.join(tmpDir(), 'secrets.json');
    await new SafeStorageSecretStore(file, aesEncryptor()).set(KEY, SECRET);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('reads back what it wrote in a new instance (the next app start)', async () => {
    const file = path.join(tmpDir(), 'secrets.json');
    const enc = aesEncryptor();
    const first = new SafeStorageSecretStore(file, enc);
    await Promise.all([first.set('a', '1'), first.set('b', '2'), first.set(KEY, SECRET)]);
    await first.delete('a');
    const second = new SafeStorageSecretStore(file, enc);
    expect(await second.get(KEY)).toBe(SECRET);
    expect(await second.get('a')).toBeUndefined();
    expect((await second.values()).sort()).toEqual(['2', SECRET].sort());
    expect(await second.status()).toEqual({ persistent: true, file });
  });

  it('moves a file it cannot decrypt aside instead of overwriting it', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'secrets.json');
    await new SafeStorageSecretStore(file, aesEncryptor()).set(KEY, SECRET);
    const original = readFileSync(file);
    const otherKeyring = new SafeStorageSecretStore(file, aesEncryptor());
    const status = await otherKeyring.status();
    expect(status).toMatchObject({ persistent: true, movedAside: expect.stringContaining('secrets.json.unreadable-') });
    expect(await otherKeyring.get(KEY)).toBeUndefined();
    expect(readFileSync((status as { movedAside: string }).movedAside)).toEqual(original);
    expect(existsSync(file)).toBe(false);
  });

  it('treats a tampered or foreign file as unreadable', async () => {
    const file = path.join(tmpDir(), 'secrets.json');
    writeFileSync(file, JSON.stringify({ [KEY]: SECRET }));
    const store = new SafeStorageSecretStore(file, aesEncryptor());
    expect(await store.status()).toMatchObject({ persistent: true, movedAside: expect.any(String) });
    expect(await store.values()).toEqual([]);
  });
});

describe('SafeStorageSecretStore without usable OS encryption', () => {
  it.each([
    ['encryption unavailable', unavailable, 'encryptionUnavailable'],
    ["Linux 'basic_text' (hard-coded key)", aesEncryptor(undefined, 'basic_text'), 'weakBackend'],
  ] as const)('%s: keeps secrets in memory and never creates a file', async (_label, enc, reason) => {
    const dir = tmpDir();
    const file = path.join(dir, 'secrets.json');
    const store = new SafeStorageSecretStore(file, enc);
    await store.set(KEY, SECRET);
    expect(await store.get(KEY)).toBe(SECRET);
    expect(await store.status()).toEqual({ persistent: false, reason });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves an existing encrypted file from an earlier session untouched', async () => {
    const file = path.join(tmpDir(), 'secrets.json');
    await new SafeStorageSecretStore(file, aesEncryptor()).set(KEY, SECRET);
    const before = readFileSync(file);
    const store = new SafeStorageSecretStore(file, unavailable);
    await store.set('other', 'value');
    expect(readFileSync(file)).toEqual(before);
  });

  it('uses a real keyring backend on Linux', async () => {
    const file = path.join(tmpDir(), 'secrets.json');
    const store = new SafeStorageSecretStore(file, aesEncryptor(undefined, 'gnome_libsecret'));
    await store.set(KEY, SECRET);
    expect(await store.status()).toMatchObject({ persistent: true });
    expect(existsSync(file)).toBe(true);
  });
});

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../project/atomicWrite';
import type { SecretStore } from '../secrets/secretStore';

/**
 * The app's SecretStore: all secrets as one blob encrypted with Electron safeStorage (Keychain, DPAPI,
 * libsecret/KWallet), written atomically to a 0600 file in userData. Key names are inside the blob too,
 * so the file does not even reveal which hosts have stored passwords.
 *
 * When the OS offers no real encryption (safeStorage unavailable, or Linux falling back to its
 * hard-coded "basic_text" key) secrets live in memory only for this session; nothing is written.
 *
 * Electron's safeStorage object satisfies Encryptor as is; tests inject plain functions.
 */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only (Electron's safeStorage.getSelectedStorageBackend). */
  getSelectedStorageBackend?(): string;
}

export type SecretStorageStatus =
  | { persistent: true; file: string; movedAside?: string }
  | { persistent: false; reason: 'encryptionUnavailable' | 'weakBackend' };

const FORMAT = 'mail-ha-studio-secrets';
const VERSION = 1;

interface Envelope {
  format: typeof FORMAT;
  version: typeof VERSION;
  /** base64 of safeStorage.encryptString(JSON.stringify(entries)) */
  data: string;
}

export class SafeStorageSecretStore implements SecretStore {
  private map = new Map<string, string>();
  private ready: Promise<SecretStorageStatus> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly crypto: Encryptor,
  ) {}

  /** Whether secrets survive a restart, and why not. Also what main.ts logs at startup. */
  status(): Promise<SecretStorageStatus> {
    this.ready ??= this.load();
    return this.ready;
  }

  async get(key: string): Promise<string | undefined> {
    await this.status();
    return this.map.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    await this.status();
    this.map.set(key, value);
    await this.persist();
  }

  async delete(key: string): Promise<void> {
    await this.status();
    if (!this.map.delete(key)) return;
    await this.persist();
  }

  async values(): Promise<string[]> {
    await this.status();
    return [...this.map.values()];
  }

  private async load(): Promise<SecretStorageStatus> {
    if (!this.crypto.isEncryptionAvailable()) return { persistent: false, reason: 'encryptionUnavailable' };
    if (this.crypto.getSelectedStorageBackend?.() === 'basic_text') return { persistent: false, reason: 'weakBackend' };
    let raw: string;
    try {
      raw = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { persistent: true, file: this.file };
      throw e;
    }
    try {
      this.map = decode(raw, this.crypto);
      return { persistent: true, file: this.file };
    } catch {
      // Unreadable (other OS user/keyring, truncated, tampered): keep it for the user, start empty.
      const movedAside = `${this.file}.unreadable-${Date.now()}`;
      await fs.rename(this.file, movedAside);
      return { persistent: true, file: this.file, movedAside };
    }
  }

  private persist(): Promise<void> {
    const run = async () => {
      const status = await this.status();
      if (!status.persistent) return;
      const entries = Object.fromEntries(this.map);
      const envelope: Envelope = {
        format: FORMAT,
        version: VERSION,
        data: this.crypto.encryptString(JSON.stringify(entries)).toString('base64'),
      };
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, JSON.stringify(envelope) + '\n');
    };
    // One write at a time, in call order; a failed write does not block later ones.
    const next = this.writing.then(run, run);
    this.writing = next.catch(() => undefined);
    return next;
  }
}

function decode(raw: string, crypto: Encryptor): Map<string, string> {
  const envelope = JSON.parse(raw) as Partial<Envelope>;
  if (envelope.format !== FORMAT || envelope.version !== VERSION || typeof envelope.data !== 'string') {
    throw new Error('not a secrets file');
  }
  const entries = JSON.parse(crypto.decryptString(Buffer.from(envelope.data, 'base64'))) as unknown;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) throw new Error('bad secrets content');
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(entries)) if (typeof v === 'string') map.set(k, v);
  return map;
}

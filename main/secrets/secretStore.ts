/**
 * Secrets (SSH passwords, key passphrases, sudo passwords) never enter project files. The app keeps them
 * encrypted with Electron safeStorage (main/electron/safeStorageSecrets.ts); the test bridge and the CLI
 * keep them in memory only.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** All secret values, so logs and audit records can redact them. */
  values(): Promise<string[]>;
}

export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>();
  async get(key: string) {
    return this.map.get(key);
  }
  async set(key: string, value: string) {
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
  async values() {
    return [...this.map.values()];
  }
}

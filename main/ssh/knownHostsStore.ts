/**
 * The app's own known_hosts file (OpenSSH format, so it can be inspected with ssh-keygen -F). All reads and writes
 * of one store are serialised; writes are atomic. Pure logic lives in knownHosts.ts.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { writeFileAtomic } from '../project/atomicWrite';
import {
  checkHostKey,
  fingerprintSha256,
  formatEntry,
  hostKeyName,
  keyTypeFromBlob,
  knownKeyTypes,
  mergeImport,
  parseKnownHosts,
  removeHostKeys,
  serializeKnownHosts,
  type HostKeyCheck,
  type KnownHostsLine,
} from './knownHosts';

export interface KnownHostEntryView {
  hosts: string;
  keyType: string;
  fingerprint: string;
  marker?: 'revoked' | 'cert-authority';
}

export class KnownHostsStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** Keys servers offered in this process that were not trusted (for an explicit replace after confirmation). */
  private readonly offered = new Map<string, Buffer>();

  constructor(readonly filePath: string) {}

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readLines(): Promise<KnownHostsLine[]> {
    try {
      return parseKnownHosts(await readFile(this.filePath, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  private writeLines(lines: KnownHostsLine[]): Promise<void> {
    return writeFileAtomic(this.filePath, serializeKnownHosts(lines));
  }

  check(host: string, port: number, keyBlob: Uint8Array): Promise<HostKeyCheck> {
    return this.serial(async () => {
      const result = checkHostKey(await this.readLines(), host, port, keyBlob);
      if (result.status !== 'known') this.offered.set(offerKey(host, port, result.fingerprint), Buffer.from(keyBlob));
      return result;
    });
  }

  knownKeyTypes(host: string, port: number): Promise<string[]> {
    return this.serial(async () => knownKeyTypes(await this.readLines(), host, port));
  }

  /** Trust a key for host:port (first use, after the user confirmed the fingerprint). */
  add(host: string, port: number, keyBlob: Uint8Array): Promise<void> {
    return this.serial(async () => {
      const lines = await this.readLines();
      if (checkHostKey(lines, host, port, keyBlob).status === 'known') return;
      await this.writeLines([...lines, formatEntry(host, port, keyBlob)]);
    });
  }

  /**
   * The explicit "replace the changed key" step: the caller passes the new fingerprint the user confirmed (from
   * the ssh:errors.hostKeyChanged error). Only a key that a server really offered to this process for host:port
   * with exactly that fingerprint can be stored; old keys of that type for the host are removed.
   */
  replace(host: string, port: number, newFingerprint: string): Promise<void> {
    return this.serial(async () => {
      const blob = this.offered.get(offerKey(host, port, newFingerprint));
      if (!blob) throw new AppError('ssh:errors.hostKeyNotOffered', { host, port, fingerprint: newFingerprint });
      const lines = removeHostKeys(await this.readLines(), host, port, keyTypeFromBlob(blob));
      await this.writeLines([...lines, formatEntry(host, port, blob)]);
      this.offered.delete(offerKey(host, port, newFingerprint));
    });
  }

  /** Forget all keys (or those of one type) for host:port. */
  remove(host: string, port: number, keyType?: string): Promise<void> {
    return this.serial(async () => this.writeLines(removeHostKeys(await this.readLines(), host, port, keyType)));
  }

  list(): Promise<KnownHostEntryView[]> {
    return this.serial(async () =>
      (await this.readLines()).flatMap((l) =>
        l.kind === 'entry' ? [{ hosts: l.hosts, keyType: l.keyType, fingerprint: fingerprintSha256(Buffer.from(l.keyBase64, 'base64')), ...(l.marker ? { marker: l.marker } : {}) }] : [],
      ),
    );
  }

  /** Import the user's OpenSSH known_hosts (default ~/.ssh/known_hosts). A missing file imports nothing. */
  importOpenSsh(sourcePath: string = join(homedir(), '.ssh', 'known_hosts')): Promise<{ imported: number; skipped: number }> {
    return this.serial(async () => {
      let text: string;
      try {
        text = await readFile(sourcePath, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { imported: 0, skipped: 0 };
        throw e;
      }
      const { lines, imported, skipped } = mergeImport(await this.readLines(), text);
      if (imported) await this.writeLines(lines);
      return { imported, skipped };
    });
  }
}

function offerKey(host: string, port: number, fingerprint: string): string {
  return `${hostKeyName(host, port)} ${fingerprint}`;
}

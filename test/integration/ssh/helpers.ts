/** Shared set-up for the SSH integration tests (real sshd from sshdFixture.ts). */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownHostsStore } from '../../../main/ssh/knownHostsStore';
import type { SshdInstance } from './sshdFixture';

export async function tempDir(prefix = 'mhs-ssh-it-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function hostKeyBlob(sshd: SshdInstance): Promise<Buffer> {
  const pub = (await readFile(`${sshd.hostKeyPath}.pub`, 'utf8')).split(' ');
  return Buffer.from(pub[1] ?? '', 'base64');
}

/** A known_hosts store in a temp dir that already trusts the given sshd instances. */
export async function trustingStore(...servers: SshdInstance[]): Promise<KnownHostsStore> {
  const store = new KnownHostsStore(join(await tempDir('mhs-kh-'), 'known_hosts'));
  for (const s of servers) await store.add(s.host, s.port, await hostKeyBlob(s));
  return store;
}

/** Expects a promise to reject with an AppError of the given code and returns it. */
export async function rejectsWithCode<T>(p: Promise<T>, code: string): Promise<{ code: string; params: Record<string, string | number>; detail?: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; params?: Record<string, string | number>; detail?: string; message?: string };
    if (err.code !== code) throw new Error(`expected ${code}, got ${err.code ?? 'no code'}: ${err.message ?? String(e)}`);
    return { code: err.code, params: err.params ?? {}, ...(err.detail ? { detail: err.detail } : {}) };
  }
  throw new Error(`expected rejection with ${code}, but it resolved`);
}

/**
 * Pure known_hosts logic (OpenSSH format): parse, match host names (plain, [host]:port, wildcards, negation,
 * hashed |1|salt|hash), decide known / unknown / changed / revoked, format and remove entries. No file I/O here;
 * see knownHostsStore.ts for that.
 */
import { createHash, createHmac } from 'node:crypto';

export type KnownHostsLine =
  | {
      kind: 'entry';
      marker?: 'revoked' | 'cert-authority';
      /** Comma-separated host patterns or one hashed |1|salt|hash token. */
      hosts: string;
      keyType: string;
      keyBase64: string;
      comment?: string;
      raw: string;
    }
  | { kind: 'other'; raw: string };

export type HostKeyCheck =
  | { status: 'known' }
  | { status: 'unknown'; fingerprint: string; keyType: string }
  | { status: 'changed'; fingerprint: string; keyType: string; knownFingerprints: string[] }
  | { status: 'revoked'; fingerprint: string; keyType: string };

/** OpenSSH's lookup name: `host` for port 22, `[host]:port` otherwise. Host names compare case-insensitively. */
export function hostKeyName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** OpenSSH fingerprint format: `SHA256:` + base64 of the SHA-256 of the key blob, without `=` padding. */
export function fingerprintSha256(keyBlob: Uint8Array): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type is the first SSH string inside the public key blob (e.g. ssh-ed25519, ssh-rsa). */
export function keyTypeFromBlob(keyBlob: Uint8Array): string {
  if (keyBlob.length < 4) throw new Error('public key blob too short');
  const len = ((keyBlob[0] ?? 0) << 24) | ((keyBlob[1] ?? 0) << 16) | ((keyBlob[2] ?? 0) << 8) | (keyBlob[3] ?? 0);
  if (len <= 0 || len > 64 || 4 + len > keyBlob.length) throw new Error('public key blob has no valid type');
  return Buffer.from(keyBlob.subarray(4, 4 + len)).toString('latin1');
}

const KEY_TYPE = /^(ssh-|ecdsa-|sk-|rsa-)[A-Za-z0-9@.+-]*$/;

function parseLine(raw: string): KnownHostsLine {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return { kind: 'other', raw };
  const fields = line.split(/[ \t]+/);
  let marker: 'revoked' | 'cert-authority' | undefined;
  if (fields[0]?.startsWith('@')) {
    const m = fields.shift();
    if (m === '@revoked') marker = 'revoked';
    else if (m === '@cert-authority') marker = 'cert-authority';
    else return { kind: 'other', raw };
  }
  const [hosts, keyType, keyBase64, ...rest] = fields;
  if (!hosts || !keyType || !keyBase64 || !KEY_TYPE.test(keyType)) return { kind: 'other', raw };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64)) return { kind: 'other', raw };
  // The blob must carry the same type as the line says (OpenSSH checks this too).
  try {
    if (keyTypeFromBlob(Buffer.from(keyBase64, 'base64')) !== keyType) return { kind: 'other', raw };
  } catch {
    return { kind: 'other', raw };
  }
  return { kind: 'entry', ...(marker ? { marker } : {}), hosts, keyType, keyBase64, ...(rest.length ? { comment: rest.join(' ') } : {}), raw };
}

/** Lines that are not entries (comments, blanks, garbage) are kept as 'other' so rewriting preserves them. */
export function parseKnownHosts(text: string): KnownHostsLine[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map(parseLine);
}

export function serializeKnownHosts(lines: readonly KnownHostsLine[]): string {
  return lines.length ? lines.map((l) => l.raw).join('\n') + '\n' : '';
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function hashedMatches(token: string, name: string): boolean {
  const parts = token.split('|'); // ['', '1', salt, hash]
  if (parts.length !== 4 || parts[1] !== '1' || !parts[2] || !parts[3]) return false;
  const salt = Buffer.from(parts[2], 'base64');
  const want = createHmac('sha1', salt).update(name).digest('base64');
  return want === parts[3];
}

/** Hashes a name the way `ssh-keygen -H` / HashKnownHosts does (exported for tests and import round trips). */
export function hashHostName(name: string, salt: Uint8Array): string {
  return `|1|${Buffer.from(salt).toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

/** True if the host field of a line applies to host:port (OpenSSH semantics; a matching !negation wins). */
export function hostsFieldMatches(hosts: string, host: string, port: number): boolean {
  const name = hostKeyName(host, port);
  if (hosts.startsWith('|')) return hashedMatches(hosts, name);
  let positive = false;
  for (const pat of hosts.split(',')) {
    if (pat === '') continue;
    const negated = pat.startsWith('!');
    const p = negated ? pat.slice(1) : pat;
    if (globToRegExp(p).test(name)) {
      if (negated) return false;
      positive = true;
    }
  }
  return positive;
}

/** Key types (from the file) that are known for host:port, for preferring them during the key exchange. */
export function knownKeyTypes(lines: readonly KnownHostsLine[], host: string, port: number): string[] {
  const out = new Set<string>();
  for (const l of lines) if (l.kind === 'entry' && !l.marker && hostsFieldMatches(l.hosts, host, port)) out.add(l.keyType);
  return [...out];
}

/**
 * Decides what to do with the key a server offered. Only keys of the same type are compared: a server that
 * offers a type we have never stored for it is "unknown" (OpenSSH asks too); a different key of a stored type
 * is "changed" and must never be accepted silently. A key listed under @revoked is refused everywhere.
 * @cert-authority lines are ignored (host certificates are not supported).
 */
export function checkHostKey(lines: readonly KnownHostsLine[], host: string, port: number, keyBlob: Uint8Array): HostKeyCheck {
  const keyType = keyTypeFromBlob(keyBlob);
  const keyBase64 = Buffer.from(keyBlob).toString('base64');
  const fingerprint = fingerprintSha256(keyBlob);
  const knownFingerprints: string[] = [];
  let known = false;
  for (const l of lines) {
    if (l.kind !== 'entry') continue;
    if (l.marker === 'revoked') {
      if (l.keyBase64 === keyBase64) return { status: 'revoked', fingerprint, keyType };
      continue;
    }
    if (l.marker || l.keyType !== keyType || !hostsFieldMatches(l.hosts, host, port)) continue;
    if (l.keyBase64 === keyBase64) known = true;
    else knownFingerprints.push(fingerprintSha256(Buffer.from(l.keyBase64, 'base64')));
  }
  if (known) return { status: 'known' };
  if (knownFingerprints.length) return { status: 'changed', fingerprint, keyType, knownFingerprints };
  return { status: 'unknown', fingerprint, keyType };
}

export function formatEntry(host: string, port: number, keyBlob: Uint8Array, comment?: string): KnownHostsLine {
  const keyType = keyTypeFromBlob(keyBlob);
  const keyBase64 = Buffer.from(keyBlob).toString('base64');
  const hosts = hostKeyName(host, port);
  const raw = `${hosts} ${keyType} ${keyBase64}${comment ? ` ${comment}` : ''}`;
  return { kind: 'entry', hosts, keyType, keyBase64, ...(comment ? { comment } : {}), raw };
}

/**
 * Removes the keys of one type (or all types) stored for host:port. A multi-host line ("a,b ssh-ed25519 ...")
 * only loses the matching literal name; a wildcard line gets a `!host` exclusion; a hashed line (one host) is
 * dropped. @revoked lines are never touched.
 */
export function removeHostKeys(lines: readonly KnownHostsLine[], host: string, port: number, keyType?: string): KnownHostsLine[] {
  const name = hostKeyName(host, port);
  const out: KnownHostsLine[] = [];
  for (const l of lines) {
    if (l.kind !== 'entry' || l.marker || (keyType && l.keyType !== keyType) || !hostsFieldMatches(l.hosts, host, port)) {
      out.push(l);
      continue;
    }
    if (l.hosts.startsWith('|')) continue; // a hashed line names exactly one host
    const rest = l.hosts.split(',').filter((p) => p.toLowerCase() !== name);
    if (rest.length === 0) continue;
    // Still matched through a wildcard: exclude this host explicitly instead of dropping the other hosts' key.
    if (hostsFieldMatches(rest.join(','), host, port)) rest.push(`!${name}`);
    const hosts = rest.join(',');
    out.push({ ...l, hosts, raw: `${hosts} ${l.keyType} ${l.keyBase64}${l.comment ? ` ${l.comment}` : ''}` });
  }
  return out;
}

export interface ImportResult {
  lines: KnownHostsLine[];
  imported: number;
  skipped: number;
}

/**
 * Merges the entries of an OpenSSH known_hosts text into ours: plain, [host]:port, wildcard and hashed lines and
 * @revoked lines are taken over verbatim (duplicates skipped); @cert-authority lines and unparseable lines are
 * skipped and counted.
 */
export function mergeImport(existing: readonly KnownHostsLine[], text: string): ImportResult {
  const have = new Set(existing.filter((l) => l.kind === 'entry').map((l) => entryKey(l)));
  const lines = [...existing];
  let imported = 0;
  let skipped = 0;
  for (const l of parseKnownHosts(text)) {
    if (l.kind !== 'entry') {
      if (l.raw.trim() !== '' && !l.raw.trim().startsWith('#')) skipped++;
      continue;
    }
    if (l.marker === 'cert-authority') {
      skipped++;
      continue;
    }
    const key = entryKey(l);
    if (have.has(key)) continue;
    have.add(key);
    const raw = `${l.marker ? `@${l.marker} ` : ''}${l.hosts} ${l.keyType} ${l.keyBase64}`;
    lines.push({ ...l, raw });
    imported++;
  }
  return { lines, imported, skipped };
}

function entryKey(l: Extract<KnownHostsLine, { kind: 'entry' }>): string {
  return `${l.marker ?? ''} ${l.hosts.toLowerCase()} ${l.keyType} ${l.keyBase64}`;
}

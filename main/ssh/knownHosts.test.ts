import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  fingerprintSha256,
  formatEntry,
  hashHostName,
  hostKeyName,
  hostsFieldMatches,
  keyTypeFromBlob,
  knownKeyTypes,
  mergeImport,
  parseKnownHosts,
  removeHostKeys,
  serializeKnownHosts,
} from './knownHosts';

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}
function ed25519Blob(seed = randomBytes(32)): Buffer {
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(seed)]);
}
const b64 = (b: Buffer) => b.toString('base64');

describe('known_hosts names and fingerprints', () => {
  it('uses plain host for port 22 and [host]:port otherwise, lower-cased', () => {
    expect(hostKeyName('Mail.Example.com', 22)).toBe('mail.example.com');
    expect(hostKeyName('10.0.0.1', 2222)).toBe('[10.0.0.1]:2222');
  });

  it('computes the same SHA256 fingerprint and type as ssh-keygen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhs-kh-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
    const pub = readFileSync(join(dir, 'k.pub'), 'utf8').split(' ');
    const blob = Buffer.from(pub[1] ?? '', 'base64');
    const expected = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'k.pub')], { encoding: 'utf8' }).split(' ')[1];
    expect(fingerprintSha256(blob)).toBe(expected);
    expect(fingerprintSha256(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyTypeFromBlob(blob)).toBe('ssh-ed25519');
  });

  it('rejects garbage blobs', () => {
    expect(() => keyTypeFromBlob(Buffer.from([0, 0]))).toThrow();
    expect(() => keyTypeFromBlob(Buffer.from([0, 0, 1, 0, 65]))).toThrow();
  });
});

describe('parsing', () => {
  const k1 = ed25519Blob();
  const text = [
    '# comment',
    '',
    `host1,host2 ssh-ed25519 ${b64(k1)} some comment`,
    `@revoked * ssh-ed25519 ${b64(k1)}`,
    `@cert-authority *.example.com ssh-ed25519 ${b64(k1)}`,
    `@weird host ssh-ed25519 ${b64(k1)}`,
    'host3 ssh-ed25519 not-base64!!',
    `host4 ssh-rsa ${b64(k1)}`, // type in line does not match the blob
  ].join('\n');

  it('keeps every line, recognises entries and markers', () => {
    const lines = parseKnownHosts(text);
    expect(lines).toHaveLength(8);
    expect(lines.map((l) => l.kind)).toEqual(['other', 'other', 'entry', 'entry', 'entry', 'other', 'other', 'other']);
    const e = lines[2];
    expect(e?.kind === 'entry' && e.comment).toBe('some comment');
    expect(lines[3]?.kind === 'entry' && lines[3].marker).toBe('revoked');
    expect(lines[4]?.kind === 'entry' && lines[4].marker).toBe('cert-authority');
    expect(serializeKnownHosts(lines)).toBe(text + '\n');
  });
});

describe('host matching', () => {
  it('matches literal, bracketed, wildcard and negated patterns', () => {
    expect(hostsFieldMatches('a,b', 'B', 22)).toBe(true);
    expect(hostsFieldMatches('a,b', 'b', 2222)).toBe(false);
    expect(hostsFieldMatches('[b]:2222', 'b', 2222)).toBe(true);
    expect(hostsFieldMatches('[b]:2222', 'b', 22)).toBe(false);
    expect(hostsFieldMatches('*.example.com', 'mx1.example.com', 22)).toBe(true);
    expect(hostsFieldMatches('*.example.com,!mx2.example.com', 'mx2.example.com', 22)).toBe(false);
    expect(hostsFieldMatches('mx?.example.com', 'mx1.example.com', 22)).toBe(true);
    expect(hostsFieldMatches('mx?.example.com', 'mx12.example.com', 22)).toBe(false);
    expect(hostsFieldMatches('10.0.0.*', '10.0.0.5', 22)).toBe(true);
    expect(hostsFieldMatches('10.0.0.1', '10.0.0.12', 22)).toBe(false); // dots are literal
  });

  it('matches hashed entries produced by our hasher', () => {
    const salt = randomBytes(20);
    expect(hostsFieldMatches(hashHostName('mx1.example.com', salt), 'mx1.example.com', 22)).toBe(true);
    expect(hostsFieldMatches(hashHostName('[mx1.example.com]:2222', salt), 'mx1.example.com', 2222)).toBe(true);
    expect(hostsFieldMatches(hashHostName('[mx1.example.com]:2222', salt), 'mx1.example.com', 22)).toBe(false);
    expect(hostsFieldMatches('|1|garbage', 'x', 22)).toBe(false);
  });

  it('matches hashed entries produced by the real ssh-keygen -H', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mhs-kh-'));
    const f = join(dir, 'known_hosts');
    const k = ed25519Blob();
    writeFileSync(f, `mail.example.org ssh-ed25519 ${b64(k)}\n[10.1.2.3]:2222 ssh-ed25519 ${b64(k)}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', f], { stdio: 'ignore' });
    const lines = parseKnownHosts(readFileSync(f, 'utf8'));
    const entries = lines.filter((l) => l.kind === 'entry');
    expect(entries).toHaveLength(2);
    expect(entries.every((l) => l.kind === 'entry' && l.hosts.startsWith('|1|'))).toBe(true);
    expect(checkHostKey(lines, 'mail.example.org', 22, k)).toEqual({ status: 'known' });
    expect(checkHostKey(lines, '10.1.2.3', 2222, k)).toEqual({ status: 'known' });
    expect(checkHostKey(lines, '10.1.2.3', 22, k).status).toBe('unknown');
  });
});

describe('checkHostKey', () => {
  const k1 = ed25519Blob();
  const k2 = ed25519Blob();
  const lines = parseKnownHosts(`[mx1]:2222 ssh-ed25519 ${b64(k1)}\n`);

  it('known, unknown (other host) and changed (same host and type, other key)', () => {
    expect(checkHostKey(lines, 'mx1', 2222, k1)).toEqual({ status: 'known' });
    expect(checkHostKey(lines, 'mx2', 2222, k1)).toEqual({ status: 'unknown', fingerprint: fingerprintSha256(k1), keyType: 'ssh-ed25519' });
    expect(checkHostKey(lines, 'mx1', 2222, k2)).toEqual({
      status: 'changed',
      fingerprint: fingerprintSha256(k2),
      keyType: 'ssh-ed25519',
      knownFingerprints: [fingerprintSha256(k1)],
    });
  });

  it('a key type never stored for the host is unknown, not changed', () => {
    const rsaLike = Buffer.concat([sshString(Buffer.from('ssh-rsa')), sshString(randomBytes(3)), sshString(randomBytes(64))]);
    expect(checkHostKey(lines, 'mx1', 2222, rsaLike).status).toBe('unknown');
    expect(knownKeyTypes(lines, 'mx1', 2222)).toEqual(['ssh-ed25519']);
    expect(knownKeyTypes(lines, 'mx1', 22)).toEqual([]);
  });

  it('a revoked key is refused even when it is also listed as known', () => {
    const withRevoked = parseKnownHosts(`[mx1]:2222 ssh-ed25519 ${b64(k1)}\n@revoked * ssh-ed25519 ${b64(k1)}\n`);
    expect(checkHostKey(withRevoked, 'mx1', 2222, k1).status).toBe('revoked');
  });

  it('ignores @cert-authority lines', () => {
    const ca = parseKnownHosts(`@cert-authority mx1 ssh-ed25519 ${b64(k1)}\n`);
    expect(checkHostKey(ca, 'mx1', 22, k1).status).toBe('unknown');
  });
});

describe('formatEntry / removeHostKeys / mergeImport', () => {
  const k1 = ed25519Blob();
  const k2 = ed25519Blob();

  it('formats an entry that parses back and matches', () => {
    const e = formatEntry('127.0.0.1', 2022, k1);
    expect(e.raw).toBe(`[127.0.0.1]:2022 ssh-ed25519 ${b64(k1)}`);
    const back = parseKnownHosts(e.raw + '\n');
    expect(checkHostKey(back, '127.0.0.1', 2022, k1).status).toBe('known');
  });

  it('removes only the given host from multi-host lines, excludes it from wildcards and drops hashed lines', () => {
    const salt = randomBytes(20);
    const lines = parseKnownHosts(
      [
        `a,mx1,b ssh-ed25519 ${b64(k1)}`,
        `*.corp ssh-ed25519 ${b64(k1)}`,
        `${hashHostName('mx1', salt)} ssh-ed25519 ${b64(k1)}`,
        `other ssh-ed25519 ${b64(k2)}`,
        `@revoked mx1 ssh-ed25519 ${b64(k2)}`,
      ].join('\n'),
    );
    const out = removeHostKeys(lines, 'mx1', 22, 'ssh-ed25519');
    expect(out.map((l) => l.raw)).toEqual([`a,b ssh-ed25519 ${b64(k1)}`, `*.corp ssh-ed25519 ${b64(k1)}`, `other ssh-ed25519 ${b64(k2)}`, `@revoked mx1 ssh-ed25519 ${b64(k2)}`]);
    const out2 = removeHostKeys(lines, 'db.corp', 22);
    expect(out2[1]?.raw).toBe(`*.corp,!db.corp ssh-ed25519 ${b64(k1)}`);
    expect(checkHostKey(out2, 'db.corp', 22, k1).status).toBe('unknown');
    expect(checkHostKey(out2, 'web.corp', 22, k1).status).toBe('known');
  });

  it('imports plain, bracketed, hashed and revoked lines, skips cert-authority and garbage, no duplicates', () => {
    const salt = randomBytes(20);
    const text = [
      `mx1 ssh-ed25519 ${b64(k1)}`,
      `[mx2]:2222 ssh-ed25519 ${b64(k1)} user@laptop`,
      `${hashHostName('mx3', salt)} ssh-ed25519 ${b64(k2)}`,
      `@revoked * ssh-ed25519 ${b64(k2)}`,
      `@cert-authority *.corp ssh-ed25519 ${b64(k1)}`,
      'this is not a key line',
      '# comment',
    ].join('\n');
    const first = mergeImport([], text);
    expect(first.imported).toBe(4);
    expect(first.skipped).toBe(2);
    expect(checkHostKey(first.lines, 'mx2', 2222, k1).status).toBe('known');
    expect(checkHostKey(first.lines, 'mx3', 22, k2).status).toBe('revoked');
    expect(first.lines.some((l) => l.raw.includes('user@laptop'))).toBe(false); // comments are not carried over
    const again = mergeImport(first.lines, text);
    expect(again.imported).toBe(0);
    expect(again.lines).toHaveLength(first.lines.length);
  });
});

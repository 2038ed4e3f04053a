import { appendFile, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, toCsv } from './auditLog';
import { boundText, redactSecrets, REDACTED } from './redact';
import type { AuditEntry } from './types';

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'id-' + Math.random().toString(16).slice(2),
    host: '127.0.0.1',
    port: 22,
    user: 'mhs-admin',
    command: 'echo hi',
    sudo: false,
    startedAt: new Date(0).toISOString(),
    durationMs: 5,
    exitCode: 0,
    signal: null,
    stdout: 'hi\n',
    stderr: '',
    outputTruncated: false,
    attempt: 1,
    ...over,
  };
}

async function tmpLog(opts?: ConstructorParameters<typeof AuditLog>[1]) {
  const dir = await mkdtemp(join(tmpdir(), 'mhs-audit-'));
  return { dir, log: new AuditLog(join(dir, 'logs', 'audit.jsonl'), opts) };
}

describe('redaction and bounding', () => {
  it('redacts every occurrence, longest secret first', () => {
    expect(redactSecrets('pw=abc; again abc; abcdef', ['abc', 'abcdef'])).toBe(`pw=${REDACTED}; again ${REDACTED}; ${REDACTED}`);
    expect(redactSecrets('nothing', [''])).toBe('nothing');
  });

  it('keeps head and tail on character boundaries', () => {
    const text = 'ä'.repeat(100) + 'MIDDLE' + 'ö'.repeat(100);
    const r = boundText(text, 51); // odd byte limit forces a cut inside a 2-byte character
    expect(r.truncated).toBe(true);
    expect(r.text).not.toContain('\uFFFD');
    expect(r.text.startsWith('ä'.repeat(25) + '\n…[')).toBe(true);
    expect(r.text.endsWith('\n' + 'ö'.repeat(25))).toBe(true);
    expect(r.text).toMatch(/…\[\d+ bytes omitted\]…/);
    expect(boundText('short', 10)).toEqual({ text: 'short', truncated: false });
  });
});

describe('AuditLog', () => {
  it('appends JSONL (0600), never writes registered secrets, bounds output', async () => {
    const secret = `Pw'"$ä-secret`;
    const { log } = await tmpLog({ outputLimitBytes: 1024, secrets: ['tok-123'] });
    log.addSecret(secret);
    await log.record(entry({ command: `echo ${secret} tok-123`, stdout: `x${secret}y\n` + 'z'.repeat(5000), stderr: `[sudo] ${secret}` }));
    await log.record(entry({ command: 'second' }));
    const raw = await readFile(log.filePath, 'utf8');
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain('tok-123');
    expect(raw).not.toContain('secret'); // not even a fragment
    expect(raw.trim().split('\n')).toHaveLength(2);
    expect((await stat(log.filePath)).mode & 0o777).toBe(0o600);
    const page = await log.read();
    expect(page.total).toBe(2);
    expect(page.entries[0]?.command).toBe(`echo ${REDACTED} ${REDACTED}`);
    expect(page.entries[0]?.outputTruncated).toBe(true);
    expect(page.entries[0]?.stdout.length).toBeLessThan(2200);
    expect(page.entries[0]?.stdout.startsWith(`x${REDACTED}y`)).toBe(true);
    expect(page.entries[1]?.outputTruncated).toBe(false);
  });

  it('pages, keeps call order under concurrency and skips a torn last line', async () => {
    const { log } = await tmpLog();
    await Promise.all(Array.from({ length: 25 }, (_, i) => log.record(entry({ command: `cmd ${i}` }))));
    await appendFile(log.filePath, '{"id":"torn", "host":');
    const p1 = await log.read({ offset: 0, limit: 10 });
    expect(p1.entries.map((e) => e.command)).toEqual(Array.from({ length: 10 }, (_, i) => `cmd ${i}`));
    expect(p1.nextOffset).toBe(10);
    const p3 = await log.read({ offset: 20, limit: 10 });
    expect(p3.entries).toHaveLength(5);
    expect(p3.nextOffset).toBeUndefined();
    expect(p3.total).toBe(25);
    expect((await new AuditLog(join(log.filePath, '..', 'missing.jsonl')).read()).total).toBe(0);
  });

  it('exports JSONL and CSV', async () => {
    const { dir, log } = await tmpLog();
    await log.record(entry({ command: 'printf "a,b"\n=cmd', stdout: 'Grüße\r\n"q"', exitCode: null, signal: 'TERM', errorCode: 'ssh:errors.cancelled' }));
    await log.record(entry({ command: '-1', exitCode: -1 }));
    expect(await log.export(join(dir, 'out', 'a.jsonl'), 'jsonl')).toBe(2);
    const jsonl = (await readFile(join(dir, 'out', 'a.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    expect(jsonl[0]?.stdout).toBe('Grüße\r\n"q"');
    await log.export(join(dir, 'out', 'a.csv'), 'csv');
    const csv = await readFile(join(dir, 'out', 'a.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFid,startedAt,host,port,user,via,sudo,command,')).toBe(true);
    expect(csv.split('\r\n')[0]?.endsWith(',stdout,stderr,kind,detail')).toBe(true);
    expect(csv).toContain(`"printf ""a,b""\n=cmd"`);
    expect(csv).toContain(`"Grüße\r\n""q"""`);
    expect(csv).toContain(',TERM,ssh:errors.cancelled,');
    expect(toCsv([entry({ command: '=HYPERLINK("x")' })])).toContain(`"'=HYPERLINK(""x"")"`);
    expect(toCsv([entry({ command: '-1' })])).toContain(',-1,');
  });
});

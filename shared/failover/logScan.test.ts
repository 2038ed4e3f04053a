import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterEvents } from './events';
import { parseLog, parseTextLogLine } from './logLine';
import { scanLogs } from './logScan';

const LOGS = path.resolve(import.meta.dirname, '../../test/support/failover/logs');
const read = (f: string) => readFileSync(path.join(LOGS, f), 'utf8');
const opts = { year: 2026, now: Date.UTC(2026, 11, 1) };

describe('log lines', () => {
  it('reads corosync log-file, journal/syslog, Pacemaker detail and ISO formats', () => {
    expect(parseTextLogLine('Mar 03 10:12:02 [2211] mx-a corosync notice  [TOTEM ] A new membership (1:2208) was formed. Members left: 2', opts)).toEqual({
      t: Date.UTC(2026, 2, 3, 10, 12, 2), node: 'mx-a', source: 'corosync', message: '[TOTEM ] A new membership (1:2208) was formed. Members left: 2', priority: 5,
    });
    expect(parseTextLogLine('Jul 14 09:31:10 mx-b corosync[512]:   [KNET  ] link: host: 1 link: 0 is down', opts)).toMatchObject({ node: 'mx-b', source: 'corosync', message: '[KNET  ] link: host: 1 link: 0 is down' });
    expect(parseTextLogLine('Aug 02 17:01:53 mx-b pacemaker-schedulerd[15628] (log_list_item)   info: fence1    (stonith:fence_ipmilan):         Started mx-b', opts)).toMatchObject({ source: 'pacemaker-schedulerd', priority: 6, message: expect.stringMatching(/^fence1 /) });
    expect(parseTextLogLine('Jun 21 11:40:02 mx-a kernel: [  512.571439] drbd mail/0 drbd1 mx-b: Split-Brain detected but unresolved, dropping connection!', opts)).toMatchObject({ source: 'kernel', message: 'drbd mail/0 drbd1 mx-b: Split-Brain detected but unresolved, dropping connection!' });
    expect(parseTextLogLine('2026-12-01T20:01:02.123456+01:00 node1 postfix/smtpd[77]: connect from unknown[10.77.0.1]', opts)).toMatchObject({ t: Date.UTC(2026, 11, 1, 19, 1, 2, 123), node: 'node1', source: 'postfix/smtpd' });
  });

  it('reads journalctl -o json, including byte-array messages', () => {
    const j = JSON.stringify({ __REALTIME_TIMESTAMP: '1764619262123456', _HOSTNAME: 'node2', SYSLOG_IDENTIFIER: 'corosync', MESSAGE: '[QUORUM] Members[1]: 2', PRIORITY: '5' });
    const b = JSON.stringify({ __REALTIME_TIMESTAMP: '1764619262200000', _HOSTNAME: 'node2', _TRANSPORT: 'kernel', MESSAGE: [100, 114, 98, 100, 7, 33] });
    const lines = parseLog(`${j}\n${b}\nnot json at all\n`, opts);
    expect(lines).toEqual([
      { t: 1764619262123, node: 'node2', source: 'corosync', message: '[QUORUM] Members[1]: 2', priority: 5 },
      { t: 1764619262200, node: 'node2', source: 'kernel', message: 'drbd?!' },
    ]);
  });

  it('never throws on garbage', () => {
    for (const g of ['', '{', '{"__REALTIME_TIMESTAMP":"x"}', 'Foo 99 99:99:99 x', '\u0000\u0001', '2026-13-45T99:99:99 h x: y']) expect(() => parseLog(g, opts)).not.toThrow();
  });
});

describe('log scanner on real excerpts', () => {
  it('corosync losing its peer: node lost and link down, no critical finding', () => {
    const f = scanLogs([...parseLog(read('public-corosync-file.log'), opts), ...parseLog(read('public-corosync-journal.log'), opts)]);
    const kinds = f.map((x) => `${x.kind}@${x.node}`);
    expect(kinds).toEqual(expect.arrayContaining(['nodeLost@mx-a', 'linkDown@mx-a', 'nodeLost@mx-b', 'linkDown@mx-b']));
    expect(f.some((x) => x.severity === 'critical')).toBe(false);
    const lost = f.find((x) => x.kind === 'nodeLost' && x.node === 'mx-b')!;
    expect(lost.count).toBeGreaterThan(1);
    expect(lost.line).toBe('[TOTEM ] Token has not been received in 2737 ms');
  });

  it('DRBD split brain is critical and shows its line', () => {
    const f = scanLogs(parseLog(read('public-drbd9-splitbrain.log'), opts));
    expect(f[0]).toMatchObject({ kind: 'splitBrain', severity: 'critical', node: 'mx-a' });
    expect(f[0]!.line).toMatch(/split-brain|Split-Brain/);
  });

  it('a monitor that found its resource not running is a failed action (Pacemaker 2.0 wording)', () => {
    const f = scanLogs(parseLog(read('public-pacemaker20.log'), opts));
    expect(f.map((x) => [x.kind, x.severity, x.count])).toEqual([['failedAction', 'error', 1]]);
    expect(f[0]!.line).toContain('postfix_monitor_10000 on mx-a: not running');
  });
});

describe('log scanner on the lab legacy server (Postfix 3.7, Dovecot 2.3 on Debian 12)', () => {
  it('deliveries deferred while Dovecot was down are a Postfix warning with the deferral line; a clean stop is none', () => {
    const f = scanLogs(parseLog(read('legacy-lab-mail.log'), opts));
    expect(f.map((x) => [x.kind, x.severity, x.node])).toEqual([['postfixError', 'warning', 'legacy']]);
    expect(f[0]!.count).toBe(10);
    expect(f[0]!.line).toContain('status=deferred (connect to mail.example-gmbh.test[private/dovecot-lmtp]: Connection refused)');
  });

  it('Dovecot losing anvil or aborting a login while it stops is shutdown noise (info), any other Dovecot error stays an error', () => {
    const f = scanLogs(parseLog(read('legacy-lab-dovecot-stop.log'), opts));
    expect(f.filter((x) => x.severity === 'error' || x.severity === 'critical')).toEqual([]);
    expect(f).toEqual([expect.objectContaining({ kind: 'dovecotError', severity: 'info', node: 'legacy', count: 4, line: 'imap-login: Error: read(anvil) failed: EOF' })]);
    const aborted = scanLogs(parseLog(read('legacy-lab-dovecot-auth-abort.log'), opts));
    expect(aborted.filter((x) => x.severity === 'error' || x.severity === 'critical')).toEqual([]);
    expect(aborted).toContainEqual(expect.objectContaining({ kind: 'dovecotError', severity: 'info', line: 'auth: Error: auth-worker: Aborted PASSV request for probe@example-gmbh.test: Shutting down' }));
    const gone = scanLogs(parseLog(read('legacy-vm-dovecot-auth-client-eof.log'), opts));
    expect(gone).toEqual([expect.objectContaining({ kind: 'dovecotError', severity: 'info', line: 'auth: Error: auth client 0 disconnected with 1 pending requests: EOF' })]);
    const other = scanLogs(parseLog('Dec 02 07:32:59 legacy dovecot[3049]: auth: Error: mysql(localhost): Connect failed to database (mailserver): Too many connections', opts));
    expect(other).toEqual([expect.objectContaining({ kind: 'dovecotError', severity: 'error' })]);
  });

  it('journal JSON of the same server: restarts become service events on the time line', () => {
    const lines = parseLog(read('legacy-lab-journal.jsonl'), opts);
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.every((l) => l.node === 'legacy' && l.t > Date.UTC(2026, 10, 1))).toBe(true);
    const ev = clusterEvents(lines).map((e) => e.text);
    expect(ev).toContain('postfix stopped');
    expect(ev).toContain('postfix started');
    const mail = clusterEvents(parseLog(read('legacy-lab-mail.log'), opts)).map((e) => e.text);
    expect(mail).toEqual(['dovecot stopped', 'dovecot started']);
  });
});

describe('cluster events', () => {
  it('membership, quorum and resource operations on one time line', () => {
    const ev = clusterEvents([...parseLog(read('public-corosync-journal.log'), opts), ...parseLog(read('public-pacemaker20.log'), opts)]);
    expect(ev.map((e) => e.text)).toEqual([
      'knet host 1 link 0 down',
      'token lost: forming new configuration',
      'membership 2.1b0: left 1',
      'quorum members[1]: 2',
      'monitor fence1 on mx-b: ok',
      'monitor postfix on mx-a: not running',
      'start vip on mx-a …',
    ]);
    expect(ev.filter((e) => e.bad).map((e) => e.kind)).toEqual(['membership', 'membership', 'membership', 'resource']);
  });
});

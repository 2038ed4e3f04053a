import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MHS_OCF_UNIT } from './ocfUnit';

// The agent runs under dash against a systemctl stand-in that keeps one unit's state in a file and logs every
// call (the real systemd is exercised by the lab: commissioning and the failover catalogue). The drop-in folder
// is moved from /run/systemd/system into the test's folder; nothing else in the script changes.
let dir = '';
const state = () => readFileSync(path.join(dir, 'state'), 'utf8').trim();
const calls = () => readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n').filter(Boolean);
function agent(action: string, unit = 'mariadb', initial?: string, extra: NodeJS.ProcessEnv = {}) {
  if (initial) writeFileSync(path.join(dir, 'state'), `${initial}\n`);
  // An empty unit: the parameter is not set at all.
  const env: NodeJS.ProcessEnv = { PATH: `${dir}:/usr/bin:/bin`, ...(unit ? { OCF_RESKEY_unit: unit } : {}), ...extra };
  return spawnSync('dash', [path.join(dir, 'unit'), action], { env, encoding: 'utf8' });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mhs-ocf-'));
  writeFileSync(path.join(dir, 'unit'), MHS_OCF_UNIT.replaceAll('/run/systemd/system', `${dir}/run`));
  writeFileSync(path.join(dir, 'state'), 'inactive\n');
  writeFileSync(path.join(dir, 'calls'), '');
  // systemctl: is-active prints the state (exit 0 only when active/reloading), start/stop set it, FAILSTART fails a
  // start; with HANG a stop --no-block leaves the unit deactivating (a master waiting for its children) until kill.
  writeFileSync(
    path.join(dir, 'systemctl'),
    `#!/bin/sh
d=${dir}
echo "$*" >> "$d/calls"
s=$(cat "$d/state")
case "$1" in
is-active) echo "$s"; case "$s" in active | reloading) exit 0 ;; esac; exit 3 ;;
start) if [ -e "$d/FAILSTART" ]; then echo failed > "$d/state"; exit 1; fi; echo active > "$d/state" ;;
stop) if [ "$2" = --no-block ] && [ -e "$d/HANG" ]; then echo deactivating > "$d/state"; else echo inactive > "$d/state"; fi ;;
kill) echo inactive > "$d/state" ;;
reset-failed) [ "$s" = failed ] && echo inactive > "$d/state"; exit 0 ;;
cat) case "$2" in mariadb.service | dovecot.service) exit 0 ;; esac; exit 1 ;;
esac
exit 0
`,
  );
  chmodSync(path.join(dir, 'systemctl'), 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ocf:mhs:unit', () => {
  it('is valid sh and prints well-formed meta-data with the one required parameter', () => {
    expect(spawnSync('dash', ['-n', path.join(dir, 'unit')]).status).toBe(0);
    const r = agent('meta-data', '');
    expect(r.status).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    expect(r.stdout).toContain('<parameter name="unit" unique="1" required="1">');
  });

  it('starts with a waiting systemctl start, writes the Pacemaker drop-in once and reports running', () => {
    expect(agent('start').status).toBe(0);
    expect(state()).toBe('active');
    expect(calls()).toEqual(['daemon-reload', 'reset-failed mariadb.service', 'start mariadb.service', 'is-active mariadb.service']);
    expect(readFileSync(path.join(dir, 'run/mariadb.service.d/50-pacemaker.conf'), 'utf8')).toBe('[Unit]\nDescription=Cluster Controlled mariadb\nBefore=pacemaker.service pacemaker_remote.service\n\n[Service]\nRestart=no\nTimeoutStartSec=infinity\n');
    expect(agent('monitor').status).toBe(0);
    // The same drop-in again: no second daemon-reload (it would cost every later start time).
    agent('stop');
    expect(agent('start').status).toBe(0);
    expect(calls().filter((c) => c === 'daemon-reload')).toHaveLength(1);
  });

  it('keeps the unit name of an instance unit and a given type', () => {
    agent('start', 'postfix@-');
    expect(calls()).toContain('start postfix@-.service');
    agent('monitor', 'dovecot.service');
    expect(calls()).toContain('is-active dovecot.service');
  });

  it('monitor: 0 active or reloading, 7 stopped or failed, 1 for a unit on its way', () => {
    expect(agent('monitor', 'mariadb', 'active').status).toBe(0);
    expect(agent('monitor', 'mariadb', 'reloading').status).toBe(0);
    expect(agent('monitor', 'mariadb', 'inactive').status).toBe(7);
    expect(agent('monitor', 'mariadb', 'failed').status).toBe(7);
    expect(agent('monitor', 'mariadb', 'activating').status).toBe(1);
  });

  it('stop: nothing to do when stopped, stops a running unit and one still activating, clears a failed one', () => {
    expect(agent('stop', 'mariadb', 'inactive').status).toBe(0);
    expect(calls()).not.toContain('stop --job-mode=ignore-dependencies mariadb.service');
    expect(agent('stop', 'mariadb', 'activating').status).toBe(0);
    expect(calls()).toContain('stop --job-mode=ignore-dependencies mariadb.service');
    expect(state()).toBe('inactive');
    expect(agent('stop', 'mariadb', 'failed').status).toBe(0);
    expect(state()).toBe('inactive');
  });

  it('a failed start is an error (1), a missing parameter not configured (6), an unknown unit not installed (5)', () => {
    writeFileSync(path.join(dir, 'FAILSTART'), '');
    expect(agent('start').status).toBe(1);
    expect(agent('monitor').status).toBe(7);
    expect(agent('start', '').status).toBe(6);
    expect(agent('validate-all').status).toBe(0);
    expect(agent('validate-all', 'nosuch').status).toBe(5);
    expect(agent('promote').status).toBe(3);
  });

  it('the probe (interval 0) puts the drop-in in place, a recurring monitor does not, and the start then needs no reload', () => {
    expect(agent('monitor', 'mariadb', 'inactive', { OCF_RESKEY_CRM_meta_interval: '10000' }).status).toBe(7);
    expect(calls()).not.toContain('daemon-reload');
    expect(agent('monitor', 'mariadb', 'inactive', { OCF_RESKEY_CRM_meta_interval: '0' }).status).toBe(7);
    expect(calls().filter((c) => c === 'daemon-reload')).toHaveLength(1);
    expect(agent('start').status).toBe(0);
    expect(calls().filter((c) => c === 'daemon-reload')).toHaveLength(1);
    // no unit on this node (a node that never runs it): the probe leaves systemd alone
    agent('monitor', 'nosuch', 'inactive', { OCF_RESKEY_CRM_meta_interval: '0' });
    expect(calls().filter((c) => c === 'daemon-reload')).toHaveLength(1);
  });

  it('stop_grace_ms: a unit that stops within the grace is not signalled; one still stopping after it gets SIGTERM for every process', () => {
    const grace = { OCF_RESKEY_stop_grace_ms: '300' };
    expect(agent('stop', 'dovecot', 'active', grace).status).toBe(0);
    expect(calls()).toContain('stop --no-block --job-mode=ignore-dependencies dovecot.service');
    expect(calls().some((c) => c.startsWith('kill'))).toBe(false);
    writeFileSync(path.join(dir, 'HANG'), '');
    const t0 = Date.now();
    expect(agent('stop', 'dovecot', 'active', grace).status).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(calls()).toContain('kill --kill-whom=all --signal=SIGTERM dovecot.service');
    expect(state()).toBe('inactive');
    // a malformed grace is ignored: the plain waiting stop
    writeFileSync(path.join(dir, 'calls'), '');
    expect(agent('stop', 'dovecot', 'active', { OCF_RESKEY_stop_grace_ms: '0.3s' }).status).toBe(0);
    expect(calls()).toEqual(['is-active dovecot.service', 'is-active dovecot.service', 'stop --job-mode=ignore-dependencies dovecot.service', 'reset-failed dovecot.service', 'is-active dovecot.service']);
  });

  it('drain (Postfix): refuses new connections on the ports, waits until the directory is empty, then stops and accepts again', () => {
    const q = path.join(dir, 'active');
    mkdirSync(q);
    writeFileSync(path.join(q, '4F2A91C3'), '');
    writeFileSync(path.join(dir, 'nft'), `#!/bin/sh\n{ echo "nft $*"; [ "$1" = -f ] && cat; } >> ${dir}/calls\nexit 0\n`);
    chmodSync(path.join(dir, 'nft'), 0o755);
    // the delivery in flight ends 0.3 s later
    const done = spawn('sh', ['-c', `sleep 0.3; rm -f ${q}/4F2A91C3`]);
    const drain = { OCF_RESKEY_drain_dir: q, OCF_RESKEY_drain_ports: '25 465 587 x;rm', OCF_RESKEY_drain_ms: '3000', OCF_RESKEY_stop_grace_ms: '0' };
    const t0 = Date.now();
    expect(agent('stop', 'postfix@-', 'active', drain).status).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    const c = calls();
    const table = c.indexOf('nft -f -');
    expect(c[table + 4]).toBe('    tcp dport { 25, 465, 587 } tcp flags & (syn | ack) == syn reject with tcp reset');
    expect(c.indexOf('stop --no-block --job-mode=ignore-dependencies postfix@-.service')).toBeGreaterThan(table);
    expect(c.at(-1)).toBe('nft delete table inet mhs_drain');
    done.kill();
    // a queue that never empties holds the stop only drain_ms; a start removes a table a killed stop left
    writeFileSync(path.join(q, 'stuck'), '');
    const t1 = Date.now();
    expect(agent('stop', 'postfix@-', 'active', { ...drain, OCF_RESKEY_drain_ms: '200' }).stderr).toContain('not empty after 200 ms');
    expect(Date.now() - t1).toBeLessThan(2000);
    expect(state()).toBe('inactive');
    writeFileSync(path.join(dir, 'calls'), '');
    expect(agent('start', 'postfix@-', 'inactive', drain).status).toBe(0);
    expect(calls()).toContain('nft delete table inet mhs_drain');
  });
});

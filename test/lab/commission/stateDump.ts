/**
 * A normalised dump of what commissioning changes on a lab node, for "same state as before" (rollback) and
 * "same state as an uninterrupted run" (interrupt-and-resume) comparisons: the Pacemaker configuration
 * (without the counters and the properties Pacemaker maintains itself), corosync.conf, the storage layout,
 * checksums of every config file the plan may touch, the mail data by content (Dovecot renames message files
 * when it sets flags; its index files are left out), MariaDB's user tables, the queue, enabled units,
 * installed packages and the system accounts. Values that are random per run (keys, certificates, the
 * delivery test's mail) are reduced to "present".
 */
import type { LabStatus } from '../lib/statusSchema.js';
import { rootRun } from './mailEvidence';

/** Config trees whose files are compared by checksum. */
const CONFIG_PATHS = [
  '/etc/postfix',
  '/etc/dovecot',
  '/etc/mysql',
  '/etc/mailname',
  '/etc/aliases',
  '/etc/corosync/corosync.conf',
  '/etc/drbd.d',
  '/etc/default/sbd',
  '/etc/nftables.conf',
  '/etc/fail2ban/jail.d',
  '/etc/ssh/sshd_config.d',
  '/etc/modules-load.d',
  '/etc/mail-ha-studio',
  '/etc/fstab',
];
/** Present or not, never by content: made fresh by every run. */
const RANDOM_PATHS = ['/etc/corosync/authkey', '/etc/corosync/qdevice/net/nssdb', '/etc/corosync/qnetd/nssdb'];

export interface NodeDump {
  cib: string;
  corosync: string;
  storage: string;
  files: string;
  randomFiles: string;
  data: string;
  database: string;
  queue: string;
  units: string;
  packages: string;
  accounts: string;
  mounts: string;
}

function dumpScript(dataDirs: { vmail: string; spool: string }): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    'export LC_ALL=C',
    "s() { printf '\\n@@dump:%s\\n' \"$1\"; }",
    // CIB: drop counters, the controller's own properties and the status section.
    's cib; if cibadmin -Q --scope configuration >/tmp/.mhs-dump-cib 2>/dev/null; then grep -vE \'name="(dc-version|cluster-infrastructure|have-watchdog|last-lrm-refresh|cluster-name)"\' /tmp/.mhs-dump-cib | sed -E \'s/ (epoch|num_updates|admin_epoch|cib-last-written|update-origin|update-client|update-user|have-quorum|dc-uuid)="[^"]*"//g\' | sed -E \'s/^[[:space:]]+//\'; else echo none; fi; rm -f /tmp/.mhs-dump-cib',
    's corosync; if [ -f /etc/corosync/corosync.conf ]; then sha256sum < /etc/corosync/corosync.conf | cut -c1-64; else echo missing; fi; systemctl is-active corosync 2>/dev/null || true',
    's storage; lsblk -n -o NAME,TYPE,FSTYPE,LABEL,SIZE -e 7 2>/dev/null | grep -vE "^(zram|vda|nbd)" | sed -E \'s/[[:space:]]+/ /g\'; for d in /dev/loop[0-9]*; do [ -b "$d" ] && printf \'%s %s\\n\' "$d" "$(blkid -p -o export "$d" 2>/dev/null | grep -E \'^(TYPE|LABEL)=\' | tr \'\\n\' \' \')"; done; lvs --noheadings -o vg_name,lv_name,lv_size 2>/dev/null | sed -E \'s/[[:space:]]+/ /g\'; [ -r /proc/drbd ] && grep -E "cs:|ro:" /proc/drbd | sed -E \'s/ (ns|nr|dw|dr|al|bm|lo|pe|ua|ap|ep|wo|oos):[^ ]*//g\'; true',
    `s files; for p in ${CONFIG_PATHS.map(q).join(' ')}; do [ -e "$p" ] && find "$p" -type f -print 2>/dev/null; done | grep -vE '\\.(db|lmdb|cdb)$' | sort | while IFS= read -r f; do printf '%s %s %s\\n' "$(sha256sum < "$f" | cut -c1-16)" "$(stat -c '%a %U:%G' "$f")" "$f"; done`,
    `s random; for p in ${RANDOM_PATHS.map(q).join(' ')}; do if [ -e "$p" ]; then echo "present $p"; else echo "absent $p"; fi; done`,
    // Message files by content (Dovecot renames them to store flags), without the delivery test's mail.
    `s data; v=${q(dataDirs.vmail)}; if [ -d "$v" ]; then find "$v" -type f \\( -path '*/cur/*' -o -path '*/new/*' \\) -print0 | xargs -0 -r grep -L -Z 'mail-ha-studio.invalid' | xargs -0 -r sha256sum | cut -c1-64 | sort > /tmp/.mhs-dump-data; printf 'messages %s\\ncontent %s\\n' "$(wc -l < /tmp/.mhs-dump-data)" "$(sha256sum < /tmp/.mhs-dump-data | cut -c1-64)"; rm -f /tmp/.mhs-dump-data; else echo none; fi`,
    `s database; if mariadb -N -B -e 'SELECT 1' >/dev/null 2>&1; then mariadb -N -B -e "SELECT CONCAT(table_schema,'.',table_name) FROM information_schema.tables WHERE table_type='BASE TABLE' AND table_schema NOT IN ('mysql','information_schema','performance_schema','sys') ORDER BY 1" | while read -r t; do printf '%s %s\\n' "$t" "$(mariadb -N -B -e "CHECKSUM TABLE $t EXTENDED" | cut -f2)"; done; else echo stopped; fi`,
    // maildrop is left out: it holds local submissions (sudo's and cron's mails to root) that arrive whenever
    // those run, e.g. one more on the passive node after a reconnect; the queues mail from outside goes through stay.
    `s queue; for d in incoming active deferred hold; do printf '%s %s\\n' "$d" "$(find ${q(dataDirs.spool)}/$d -type f 2>/dev/null | wc -l)"; done`,
    "s units; systemctl list-unit-files --state=enabled --no-legend 2>/dev/null | awk '{print $1}' | grep -vE '^(getty|serial-getty|container-getty|console-getty)@' | sort; for u in postfix dovecot mariadb corosync pacemaker corosync-qdevice corosync-qnetd sbd nftables fail2ban; do printf 'active %s %s\\n' \"$u\" \"$(systemctl is-active \"$u\" 2>/dev/null || true)\"; done",
    "s packages; dpkg-query -W -f='${db:Status-Abbrev} ${Package}\\n' | awk '$1 ~ /^ii/ {print $2}' | sort",
    "s accounts; getent passwd | cut -d: -f1,3,4 | sort; getent group | cut -d: -f1,3 | sort",
    `s mounts; findmnt -rn -o TARGET,SOURCE | grep -E '^(/srv|/var/vmail|/var/lib/mysql|/var/spool/postfix|${q(dataDirs.vmail).slice(1, -1)})( |/)' | sort || true`,
    's end',
  ].join('\n');
}

function parse(raw: string): NodeDump {
  const out: Record<string, string[]> = {};
  let cur: string[] | undefined;
  for (const line of raw.split('\n')) {
    const m = /^@@dump:(\w+)$/.exec(line);
    if (m) out[m[1]!] = cur = [];
    else if (cur && line.trim()) cur.push(line.trimEnd());
  }
  if (!out.end) throw new Error('state dump ended early');
  const get = (k: string) => (out[k] ?? []).join('\n');
  return {
    cib: get('cib'),
    corosync: get('corosync'),
    storage: get('storage'),
    files: get('files'),
    randomFiles: get('random'),
    data: get('data'),
    database: get('database'),
    queue: get('queue'),
    units: get('units'),
    packages: get('packages'),
    accounts: get('accounts'),
    mounts: get('mounts'),
  };
}

export async function stateDump(st: LabStatus, nodes: readonly string[] = st.nodes.map((n) => n.name)): Promise<Record<string, NodeDump>> {
  const root = st.nodes.find((n) => n.name === 'legacy')?.mailStore?.root ?? '/var/vmail';
  const script = dumpScript({ vmail: root, spool: '/var/spool/postfix' });
  const out: Record<string, NodeDump> = {};
  for (const n of st.nodes.filter((x) => nodes.includes(x.name))) out[n.name] = parse(await rootRun(st, n, script));
  return out;
}

/** The parts that differ, as readable lines (empty = same state). */
export function diffDumps(a: Record<string, NodeDump>, b: Record<string, NodeDump>): string[] {
  const lines: string[] = [];
  for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[node];
    const y = b[node];
    if (!x || !y) {
      lines.push(`${node}: only in one dump`);
      continue;
    }
    for (const k of Object.keys(x) as (keyof NodeDump)[]) {
      if (x[k] === y[k]) continue;
      const xs = new Set(x[k].split('\n'));
      const ys = new Set(y[k].split('\n'));
      const gone = [...xs].filter((l) => !ys.has(l)).slice(0, 8);
      const added = [...ys].filter((l) => !xs.has(l)).slice(0, 8);
      lines.push(`${node}.${k}: ${gone.map((l) => `-${l}`).concat(added.map((l) => `+${l}`)).join(' | ')}`);
    }
  }
  return lines;
}

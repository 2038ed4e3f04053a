/**
 * The preflight script: one constant, read-only POSIX sh script run (as root) on every node before a plan is
 * made. It prints sections `@@mhs:<name>` that inventory.ts parses. It changes nothing on the node: only
 * reads, queries (`ip`, `lvs`, `dpkg-query`, `postconf -h`, `doveconf -h`) and hashes files. Tools that are
 * missing (a bare secondary has no postconf, no lvm) simply leave their section empty.
 */

/** Packages whose presence the plan cares about: the mail stack, the HA stack, the tools the steps use. */
export const PACKAGES_OF_INTEREST =
  '^(postfix.*|dovecot-.*|mariadb-.*|mysql-.*|galera-.*|opendkim.*|opendmarc|rspamd|spamassassin|spamc|sa-compile|clamav.*|amavisd-new|postgrey|postsrsd|policyd-.*|sieve-connect|ssl-cert|openssl|ca-certificates|rsyslog|logrotate|bsd-mailx|mailutils|corosync.*|pacemaker.*|crmsh|pcs|resource-agents.*|fence-agents.*|drbd-utils|sbd|fail2ban|python3-systemd|nftables|iptables|ufw|firewalld|rsync|lvm2|mdadm|xfsprogs|e2fsprogs|psmisc|socat|sudo|openssh-server)$';

/** Units whose enabled/active state the plan reads (and the rollback must restore). */
export const UNITS_OF_INTEREST = [
  'postfix',
  'dovecot',
  'mariadb',
  'mysql',
  'corosync',
  'pacemaker',
  'corosync-qdevice',
  'corosync-qnetd',
  'sbd',
  'drbd',
  'fail2ban',
  'nftables',
  'ssh',
  'rsyslog',
  'opendkim',
  'spamassassin',
  'clamav-daemon',
  'postgrey',
  'rspamd',
] as const;

const lines = [
  'export LC_ALL=C',
  "s() { printf '\\n@@mhs:%s\\n' \"$1\"; }",
  "have() { command -v \"$1\" >/dev/null 2>&1; }",
  's date; date -u +%Y-%m-%dT%H:%M:%SZ',
  's hostname; uname -n',
  's os; cat /etc/os-release 2>/dev/null',
  's addr; ip -o addr show 2>/dev/null',
  's link; ip -o link show 2>/dev/null',
  "s drbd; if [ -r /proc/drbd ]; then echo loaded; head -n 1 /proc/drbd; else echo notloaded; modinfo -F version drbd 2>/dev/null; fi",
  "s vgs; have vgs && vgs --noheadings --units b --nosuffix --separator '|' -o vg_name,vg_size,vg_free,vg_extent_size 2>/dev/null",
  "s lvs; have lvs && lvs --noheadings --units b --nosuffix --separator '|' -o vg_name,lv_name,lv_size 2>/dev/null",
  's lsblk; lsblk -b -P -o PATH,SIZE,TYPE,FSTYPE,LABEL,MOUNTPOINT 2>/dev/null',
  "s byid; for l in /dev/disk/by-id/*; do [ -L \"$l\" ] && printf '%s %s\\n' \"$l\" \"$(readlink -f \"$l\")\"; done 2>/dev/null",
  "s mounts; findmnt -rn -o TARGET,SOURCE,FSTYPE 2>/dev/null | awk '$1 !~ \"^/(proc|sys|dev|run)(/|$)\"'",
  's watchdog; [ -c /dev/watchdog ] && echo device; modinfo softdog >/dev/null 2>&1 && echo softdog',
  `s packages; dpkg-query -W -f='\${db:Status-Abbrev}\\t\${Package}\\t\${Version}\\n' 2>/dev/null | awk -F '\\t' '$1 ~ /^ii/ && $2 ~ /${PACKAGES_OF_INTEREST}/ { print $2 "\\t" $3 }'`,
  's passwd; getent passwd | cut -d: -f1,3,4,6,7',
  's group; getent group | cut -d: -f1,3,4',
  `s units; for u in ${UNITS_OF_INTEREST.join(' ')}; do printf '%s %s %s\\n' "$u" "$(systemctl is-enabled "$u.service" 2>/dev/null || true)" "$(systemctl is-active "$u.service" 2>/dev/null || true)"; done`,
  's mailconf',
  "if have postconf; then printf 'queue_directory=%s\\n' \"$(postconf -h queue_directory 2>/dev/null)\"; fi",
  "if have doveconf; then for k in mail_location mail_home mail_uid mail_gid; do printf '%s=%s\\n' \"$k\" \"$(doveconf -h \"$k\" 2>/dev/null)\"; done; fi",
  "if have my_print_defaults; then my_print_defaults --mysqld 2>/dev/null | sed -n 's/^--datadir=/datadir=/p' | tail -n 1; fi",
  "if have doveadm; then printf 'first_mailbox=%s\\n' \"$(timeout 15 doveadm user '*' 2>/dev/null | head -n 1)\"; fi",
  // Indexed tables are rebuilt on the other nodes with postmap (aliases with newaliases), never copied as binaries.
  "if have postconf; then { postconf -x 2>/dev/null | grep -v '^alias_'; postconf -P 2>/dev/null; } | grep -oE '(hash|btree|lmdb|cdb|dbm|sdbm):/[^ ,]+' | sort -u | while IFS= read -r t; do [ -f \"${t#*:}\" ] && printf 'postmap=%s\\n' \"$t\"; done; fi",
  "if have postconf; then postconf -h alias_database 2>/dev/null | tr ', ' '\\n\\n' | grep -E '^(hash|btree|lmdb|cdb|dbm|sdbm):/' | while IFS= read -r t; do [ -f \"${t#*:}\" ] && printf 'aliasdb=%s\\n' \"$t\"; done; fi",
  's files',
  'tls=""',
  "if have postconf; then tls=\"$(postconf -h smtpd_tls_cert_file smtpd_tls_key_file smtpd_tls_CAfile smtpd_tls_chain_files smtp_tls_cert_file smtp_tls_key_file smtp_tls_CAfile 2>/dev/null | tr ', ' '\\n\\n')\"; fi",
  "if have doveconf; then tls=\"$tls $(doveconf -h ssl_cert ssl_key ssl_ca 2>/dev/null | sed -n 's/^<//p')\"; fi",
  'for p in /etc/postfix /etc/dovecot /etc/mysql /etc/mailname /etc/aliases $tls; do case "$p" in /*) [ -e "$p" ] || [ -L "$p" ] && find "$p" \\( -type f -o -type l \\) -print 2>/dev/null;; esac; done | grep -vE \'\\.(db|lmdb|cdb|dir|pag)$\' | sort -u | head -n 2000 | while IFS= read -r f; do',
  "  if [ -L \"$f\" ]; then printf 'L\\t%s\\t%s\\n' \"$f\" \"$(readlink \"$f\")\"; else printf 'F\\t%s\\t%s\\t%s\\n' \"$f\" \"$(stat -c '%a %U:%G %s' \"$f\")\" \"$(sha256sum < \"$f\" | cut -c1-64)\"; fi",
  'done',
  's end',
];

export const INVENTORY_SCRIPT = lines.join('\n') + '\n';

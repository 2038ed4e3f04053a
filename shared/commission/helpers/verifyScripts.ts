/**
 * Evidence helpers: what proves the copy of the mail data complete before the old data is ever touched, and
 * what proves mail flows on the VIP afterwards. Results are files under /var/lib/mail-ha-studio/verify so a
 * later step (or the operator) can compare them.
 */
import { STATE_DIR } from './aptUnits';

export const VERIFY_DIR = `${STATE_DIR}/verify`;

export const MHS_VERIFY = `#!/bin/sh
# Mail HA Studio: checksum lists and counts of mail data, MariaDB tables and the Postfix queue.
set -eu
export LC_ALL=C
out=${VERIFY_DIR}
mkdir -p "$out"
cmd=\${1:-}; [ $# -gt 0 ] && shift
sql() {
  if mariadb -e 'SELECT 1' >/dev/null 2>&1; then mariadb -N -B -e "$1"
  else mariadb --defaults-file=/etc/mysql/debian.cnf -N -B -e "$1"; fi
}
case "$cmd" in
maildir)
  # LABEL DIR: messages per mailbox folder (cur + new) and a checksum list of every file below DIR.
  label=$1 dir=$2
  ( cd "$dir" && find . -type f \\( -path '*/cur/*' -o -path '*/new/*' \\) -print | sed 's#/\\(cur\\|new\\)/[^/]*$##' | sort | uniq -c | awk '{ print $2 "\\t" $1 }' ) > "$out/$label.mailboxes"
  ( cd "$dir" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum ) > "$out/$label.sha256"
  printf '%s: %s mailbox folders, %s messages, %s files\\n' "$label" "$(wc -l < "$out/$label.mailboxes")" "$(awk -F '\\t' '{ s += $2 } END { print s + 0 }' "$out/$label.mailboxes")" "$(wc -l < "$out/$label.sha256")" ;;
files)
  # LABEL DIR: a checksum list of every file below DIR.
  label=$1 dir=$2
  ( cd "$dir" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum ) > "$out/$label.sha256"
  printf '%s: %s files\\n' "$label" "$(wc -l < "$out/$label.sha256")" ;;
queue)
  # LABEL DIR: files in each Postfix queue.
  label=$1 dir=$2
  for q in maildrop incoming active deferred hold corrupt; do
    printf '%s\\t%s\\n' "$q" "$( [ -d "$dir/$q" ] && find "$dir/$q" -type f | wc -l || echo 0)"
  done > "$out/$label.queue"
  printf '%s: %s\\n' "$label" "$(tr '\\t\\n' '= ' < "$out/$label.queue")" ;;
db)
  # LABEL: rows and CHECKSUM TABLE per table. InnoDB's persistent statistics change on their own; left out.
  label=$1
  sql "SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('information_schema', 'performance_schema', 'sys') AND NOT (table_schema = 'mysql' AND table_name IN ('innodb_table_stats', 'innodb_index_stats', 'gtid_slave_pos', 'general_log', 'slow_log', 'transaction_registry')) ORDER BY 1" |
  while IFS= read -r t; do
    s=\${t%%.*} n=\${t#*.}
    printf '%s\\t%s\\t%s\\n' "$t" "$(sql "SELECT COUNT(*) FROM \\\`$s\\\`.\\\`$n\\\`")" "$(sql "CHECKSUM TABLE \\\`$s\\\`.\\\`$n\\\` EXTENDED" | cut -f2)"
  done > "$out/$label.db"
  printf '%s: %s tables, %s rows\\n' "$label" "$(wc -l < "$out/$label.db")" "$(awk -F '\\t' '{ s += $2 } END { print s + 0 }' "$out/$label.db")" ;;
same)
  # KIND A B: the two lists are identical (prints the first differences otherwise).
  kind=$1 a=$2 b=$3
  if cmp -s "$out/$a.$kind" "$out/$b.$kind"; then echo "$kind $a = $b"; exit 0; fi
  echo "$kind differs between $a and $b:" >&2
  diff "$out/$a.$kind" "$out/$b.$kind" | head -n 20 >&2 || true
  exit 1 ;;
atleast)
  # A B: no mailbox folder has fewer messages in B than in A (mail may arrive in between, none may vanish).
  a=$1 b=$2
  awk -F '\\t' 'NR == FNR { before[$1] = $2; next } { after[$1] = $2 } END { bad = 0; for (m in before) if ((after[m] + 0) < before[m]) { print "fewer messages in " m ": " after[m] + 0 " < " before[m] > "/dev/stderr"; bad = 1 } exit bad }' "$out/$a.mailboxes" "$out/$b.mailboxes"
  echo "no mailbox lost messages ($a -> $b)" ;;
*) echo "usage: mhs-verify maildir|files|queue LABEL DIR | db LABEL | same KIND A B | atleast A B" >&2; exit 2 ;;
esac
`;

/** bash for /dev/tcp (bash is Essential in Debian): SMTP banner wait, a test mail, a port reachability test. */
export const MHS_NET = `#!/bin/bash
# Mail HA Studio: network probes (SMTP banner, a test mail, is a port open / refused / filtered).
set -u
cmd=\${1:-}; [ $# -gt 0 ] && shift
case "$cmd" in
banner)
  # HOST PORT WAIT_S: waits for an SMTP 220 banner.
  host=$1 port=$2 wait=\${3:-60} end=$((SECONDS + \${3:-60}))
  while :; do
    line=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1" && IFS= read -r -t 4 l <&3 && printf "QUIT\\r\\n" >&3 && echo "$l"' "$host" "$port" 2>/dev/null) || true
    if [[ $line == 220* ]]; then echo "\${line%$'\\r'}"; exit 0; fi
    (( SECONDS < end )) || { echo "no SMTP banner on $host:$port within \${wait}s" >&2; exit 1; }
    sleep 0.2
  done ;;
port)
  # HOST PORT: prints open, refused or filtered (no answer within 4 s) and exits 0, 1 or 2.
  timeout 4 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
  case $? in 0) echo "open $1:$2"; exit 0 ;; 124) echo "filtered $1:$2"; exit 2 ;; *) echo "refused $1:$2"; exit 1 ;; esac ;;
send)
  # HOST PORT FROM TO TOKEN: one plain SMTP delivery; TOKEN becomes the Message-ID's local part.
  host=$1 port=$2 from=$3 to=$4 token=$5
  exec 3<>"/dev/tcp/$host/$port" || exit 1
  expect() {
    local line
    while IFS= read -r -t 30 line <&3; do
      line=\${line%$'\\r'}; echo "< $line"
      if [[ $line =~ ^[0-9]{3}( |$) ]]; then [[ $line == "$1"* ]] && return 0; echo "unexpected reply: $line" >&2; exit 1; fi
    done
    echo "no reply from $host:$port" >&2; exit 1
  }
  say() { echo "> $1"; printf '%s\\r\\n' "$1" >&3; }
  expect 220; say "EHLO mail-ha-studio.invalid"; expect 250
  say "MAIL FROM:<$from>"; expect 250; say "RCPT TO:<$to>"; expect 250; say DATA; expect 354
  printf 'From: <%s>\\r\\nTo: <%s>\\r\\nSubject: Mail HA Studio delivery test\\r\\nMessage-ID: <%s@mail-ha-studio.invalid>\\r\\n\\r\\nDelivered through the cluster address.\\r\\n.\\r\\n' "$from" "$to" "$token" >&3
  expect 250; say QUIT; expect 221 ;;
*) echo "usage: mhs-net banner HOST PORT [WAIT_S] | port HOST PORT | send HOST PORT FROM TO TOKEN" >&2; exit 2 ;;
esac
`;

/**
 * Helper scripts the prepare step writes to every node (shown in full in the dry run). They keep the step
 * commands short and make "undo exactly what we did" possible: each remembers, under a stamp, what was there
 * before its first run (a re-run never overwrites that), and its undo puts exactly that back.
 */

export const HELPER_DIR = '/usr/local/lib/mail-ha-studio';
export const STATE_DIR = '/var/lib/mail-ha-studio';
export const helper = (name: string) => `${HELPER_DIR}/${name}`;

/**
 * Packages from the node's own apt sources. Debian starts a service as soon as its package is installed
 * (corosync with Debian's single-node default config, MariaDB on a fresh datadir, fail2ban with a jail that
 * finds no log): a policy-rc.d that refuses every start keeps them down until the plan has configured them.
 */
export const MHS_APT = `#!/bin/sh
# Mail HA Studio: install packages and remember which were new, so that undo removes exactly those.
set -eu
export LC_ALL=C DEBIAN_FRONTEND=noninteractive
state=${STATE_DIR}/apt
accounts() { getent passwd | awk -F: '{ print "u " $1 " " $3 }'; getent group | awk -F: '{ print "g " $1 " " $3 }'; }
installed() { dpkg-query -W -f='\${db:Status-Abbrev} \${Package}\\n' 2>/dev/null | awk '$1 ~ /^ii/ { print $2 }' | sort -u; }
# A run cut off mid-install (the app killed, the connection gone) may leave apt or dpkg running on the node for a
# while, or dpkg interrupted: wait for them (up to 15 min), then let dpkg finish what it had begun.
# (sh has no local variables: busy and settle use names of their own.)
busy() { for busy_c in /proc/[0-9]*/comm; do read -r busy_name 2>/dev/null < "$busy_c" || continue; case "$busy_name" in apt|apt-get|dpkg|unattended-upgr) return 0 ;; esac; done; return 1; }
settle() {
  settle_s=0
  while busy; do settle_s=$((settle_s+1)); [ $settle_s -le 900 ] || { echo "apt/dpkg still busy after 15 min" >&2; exit 1; }; [ $((settle_s % 30)) -ne 1 ] || echo "waiting for another apt/dpkg run to end"; sleep 1; done
  dpkg --configure -a
}
cmd=\${1:-}; [ $# -gt 0 ] && shift
case "$cmd" in
has)
  for p in "$@"; do dpkg-query -W -f='\${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || { echo "not installed: $p"; exit 1; }; done ;;
install)
  stamp=$1; shift
  mkdir -p "$state"
  if [ ! -e "$state/$stamp.before" ]; then
    # What the packages' maintainer scripts may add beside their files: system accounts and files under /etc
    # that no package owns (postfix's /etc/aliases, mariadb's debian.cnf). Undo removes exactly those again.
    accounts > "$state/$stamp.accounts.tmp"; mv "$state/$stamp.accounts.tmp" "$state/$stamp.accounts"
    find /etc -xdev -type f 2>/dev/null | sort > "$state/$stamp.etc.tmp"; mv "$state/$stamp.etc.tmp" "$state/$stamp.etc"
    installed > "$state/$stamp.before"
  fi
  guard=
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d; chmod 0755 /usr/sbin/policy-rc.d; guard=1; fi
  trap '[ -z "$guard" ] || rm -f /usr/sbin/policy-rc.d' EXIT
  settle
  if [ -s "$state/$stamp.debconf" ]; then debconf-set-selections "$state/$stamp.debconf"; fi
  apt-get -q update
  # Recommends stay out: the plan names every package it needs (fence-agents alone would pull cloud SDKs).
  apt-get -q -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install "$@"
  installed | comm -13 "$state/$stamp.before" - > "$state/$stamp.new.tmp"
  mv "$state/$stamp.new.tmp" "$state/$stamp.new"
  echo "newly installed: $(wc -l < "$state/$stamp.new") packages" ;;
preseed)
  stamp=$1; shift
  mkdir -p "$state"
  printf '%s\\n' "$@" > "$state/$stamp.debconf" ;;
undo)
  stamp=$1
  [ -s "$state/$stamp.new" ] || { echo "nothing was installed under $stamp"; exit 0; }
  still=$(installed | comm -12 "$state/$stamp.new" -)
  if [ -n "$still" ]; then
    settle
    # Units of these packages that failed while they were configured stay "failed" in systemd after the purge.
    # shellcheck disable=SC2086
    units=$(dpkg -L $still 2>/dev/null | grep -E '^(/usr)?/lib/systemd/system/[^/]+[.](service|socket|timer)$' | sed 's#.*/##' | sort -u | tr '\\n' ' ')
    # shellcheck disable=SC2086
    apt-get -q -y purge $still
    # shellcheck disable=SC2086
    [ -z "$units" ] || systemctl reset-failed $units 2>/dev/null || true
  fi
  if [ -s "$state/$stamp.accounts" ]; then
    # System accounts (id < 1000) the packages created: users first (a group may be a user's primary group).
    accounts | sort > "$state/$stamp.accounts.now"
    sort "$state/$stamp.accounts" | comm -13 - "$state/$stamp.accounts.now" | awk '$1 == "u" && $3 < 1000 { print $2 }' | while read -r u; do userdel "$u" 2>/dev/null || true; done
    sort "$state/$stamp.accounts" | comm -13 - "$state/$stamp.accounts.now" | awk '$1 == "g" && $3 < 1000 { print $2 }' | while read -r g; do getent group "$g" >/dev/null && groupdel "$g" 2>/dev/null || true; done
    rm -f "$state/$stamp.accounts.now"
  fi
  if [ -s "$state/$stamp.etc" ]; then
    find /etc -xdev -type f 2>/dev/null | sort | comm -13 "$state/$stamp.etc" - | while IFS= read -r f; do dpkg -S "$f" >/dev/null 2>&1 || rm -f "$f"; done
  fi
  rm -f "$state/$stamp.new" "$state/$stamp.before" "$state/$stamp.debconf" "$state/$stamp.accounts" "$state/$stamp.etc" ;;
*) echo "usage: mhs-apt has PKG... | install STAMP PKG... | preseed STAMP LINE... | undo STAMP" >&2; exit 2 ;;
esac
`;

/**
 * systemd units: remember enabled/active before the plan changes them, put exactly that back on undo.
 * Restore order: enablement first, then stops in reverse, then starts in the given order (databases before
 * the mail services that use them).
 */
export const MHS_UNITS = `#!/bin/sh
# Mail HA Studio: save and restore the enabled/active state of systemd units.
set -eu
export LC_ALL=C
state=${STATE_DIR}/units
cmd=\${1:-}; [ $# -gt 0 ] && shift
case "$cmd" in
save)
  stamp=$1; shift
  mkdir -p "$state"
  [ -e "$state/$stamp" ] && { echo "already saved: $stamp"; exit 0; }
  for u in "$@"; do
    en=$(systemctl is-enabled "$u.service" 2>/dev/null) || true
    act=$(systemctl is-active "$u.service" 2>/dev/null) || true
    printf '%s %s %s\\n' "$u" "\${en:-disabled}" "\${act:-inactive}"
  done > "$state/$stamp.tmp"
  mv "$state/$stamp.tmp" "$state/$stamp"
  cat "$state/$stamp" ;;
restore)
  stamp=$1
  [ -e "$state/$stamp" ] || { echo "nothing saved under $stamp"; exit 0; }
  while read -r u en act; do
    case "$en" in
      enabled) systemctl enable "$u.service" ;;
      masked) systemctl mask "$u.service" ;;
      disabled) systemctl disable "$u.service" 2>/dev/null || true ;;
    esac
  done < "$state/$stamp"
  tac "$state/$stamp" | while read -r u en act; do
    [ "$act" = active ] || systemctl stop "$u.service" 2>/dev/null || true
  done
  while read -r u en act; do
    [ "$act" = active ] && systemctl start "$u.service"
  done < "$state/$stamp"
  rm -f "$state/$stamp" ;;
*) echo "usage: mhs-units save STAMP UNIT... | restore STAMP" >&2; exit 2 ;;
esac
`;

/**
 * Users, groups and directories the plan creates. Shared data keeps numeric owners, so a user that exists
 * with another uid is an error here, never silently "fixed".
 */
export const MHS_ACCOUNTS = `#!/bin/sh
# Mail HA Studio: create groups, users and directories, remembering what was new; undo removes exactly those.
set -eu
export LC_ALL=C
state=${STATE_DIR}/accounts
cmd=\${1:-}; [ $# -gt 0 ] && shift
note() { mkdir -p "$state"; printf '%s\\n' "$2" >> "$state/$1"; }
# usermod refuses while the account runs processes: stop their units (and the sockets that would start
# them again), renumber, give the account's files the new uid, start the units again.
renumber_user() {
  name=$1 from=$2 to=$3
  units=$(ps -o unit= -u "$from" 2>/dev/null | grep -v '^-$' | sort -u | tr '\\n' ' ')
  sockets=""
  for u in $units; do sockets="$sockets $(systemctl show -p TriggeredBy --value "$u" 2>/dev/null)"; done
  [ -z "$units$sockets" ] || systemctl stop $sockets $units
  usermod -u "$to" "$name"
  find / /run -xdev -uid "$from" -exec chown -h "$to" {} + 2>/dev/null || true
  [ -z "$units$sockets" ] || systemctl start $sockets $units
  echo "user $name: uid $from -> $to (restarted: \${units:-nothing})"
}
case "$cmd" in
group)
  stamp=$1 name=$2 gid=$3
  if have=$(getent group "$name"); then
    [ "$(echo "$have" | cut -d: -f3)" = "$gid" ] || { echo "group $name exists with gid $(echo "$have" | cut -d: -f3), expected $gid" >&2; exit 3; }
  else
    if other=$(getent group "$gid"); then echo "gid $gid is taken by group $(echo "$other" | cut -d: -f1)" >&2; exit 3; fi
    groupadd --system -g "$gid" "$name"; note "$stamp" "group $name"
  fi ;;
user)
  stamp=$1 name=$2 uid=$3 gid=$4 home=$5 shell=$6
  if have=$(getent passwd "$name"); then
    [ "$(echo "$have" | cut -d: -f3):$(echo "$have" | cut -d: -f4)" = "$uid:$gid" ] || { echo "user $name exists as $(echo "$have" | cut -d: -f3):$(echo "$have" | cut -d: -f4), expected $uid:$gid" >&2; exit 3; }
  else
    if other=$(getent passwd "$uid"); then echo "uid $uid is taken by user $(echo "$other" | cut -d: -f1)" >&2; exit 3; fi
    useradd --system -u "$uid" -g "$gid" -d "$home" -M -s "$shell" "$name"; note "$stamp" "user $name"
  fi ;;
dir)
  stamp=$1 mode=$2 owner=$3; shift 3
  for d in "$@"; do
    if [ ! -d "$d" ]; then mkdir -p "$d"; chmod "$mode" "$d"; chown "$owner" "$d"; note "$stamp" "dir $d"; fi
  done ;;
move-user)
  # STAMP NAME NEWUID: gives a system account another uid (its old one is needed for the primary's data).
  stamp=$1 name=$2 new=$3
  old=$(id -u "$name")
  [ "$old" = "$new" ] && exit 0
  renumber_user "$name" "$old" "$new"
  note "$stamp" "moveuser $name $old" ;;
move-group)
  stamp=$1 name=$2 new=$3
  old=$(getent group "$name" | cut -d: -f3)
  [ "$old" = "$new" ] && exit 0
  groupmod -g "$new" "$name"
  find / /run -xdev -gid "$old" -exec chgrp -h "$new" {} + 2>/dev/null || true
  echo "group $name: gid $old -> $new"
  note "$stamp" "movegroup $name $old" ;;
undo)
  stamp=$1
  [ -e "$state/$stamp" ] || { echo "nothing created under $stamp"; exit 0; }
  tac "$state/$stamp" | while read -r kind name old; do
    case "$kind" in
      user) userdel "$name" 2>/dev/null || true ;;
      group) groupdel "$name" 2>/dev/null || true ;;
      dir) rmdir "$name" 2>/dev/null || echo "left $name in place: not empty" ;;
      moveuser) renumber_user "$name" "$(id -u "$name")" "$old" ;;
      movegroup) cur=$(getent group "$name" | cut -d: -f3); groupmod -g "$old" "$name"; find / /run -xdev -gid "$cur" -exec chgrp -h "$old" {} + 2>/dev/null || true ;;
    esac
  done
  rm -f "$state/$stamp" ;;
*) echo "usage: mhs-accounts group STAMP NAME GID | user STAMP NAME UID GID HOME SHELL | dir STAMP MODE OWNER DIR... | move-user|move-group STAMP NAME NEWID | undo STAMP" >&2; exit 2 ;;
esac
`;

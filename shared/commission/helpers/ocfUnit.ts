/**
 * The resource agent the cluster runs the mail services with (ocf:mhs:unit): Debian's own systemd unit,
 * started and stopped by a `systemctl` that waits for systemd's job to finish.
 *
 * Why not Pacemaker's systemd class: Pacemaker 2.1 (bookworm) does not wait for the job. It asks systemd to
 * start/stop the unit and then confirms with monitors spaced min(2 s, op timeout / 10) apart
 * (execd_commands.c "goagain"; Pacemaker 3 tracks the D-Bus job instead). With a sane timeout every start
 * and every stop cost >= 2 s even when the service was ready after 0.2 s; a planned switch-over stops and
 * starts each service once, one after another, so that alone was ~12 s of the 13.6 s SMTP outage measured on
 * the ct lab. `systemctl start` returns when the unit is active: MariaDB and Dovecot are Type=notify (ready
 * means accepting connections), postfix@- is forking and `postfix start` waits for master's sockets.
 *
 * Why not the stock agents of resource-agents 4.12 (bookworm): ocf:heartbeat:postfix and :dovecot sleep 1 s
 * before their first check on every start, and they run the daemons outside systemd, so the log lines no
 * longer carry _SYSTEMD_UNIT=postfix@-.service (fail2ban's journalmatch) and `systemctl reload` after a config
 * sync misses them; :mysql/:mariadb start mysqld_safe with the agent's own pid/socket defaults instead of
 * Debian's unit. This agent keeps the units, their journal and reloads.
 *
 * Like Pacemaker's systemd class it writes the drop-in 50-pacemaker.conf (same path and content): the unit is
 * ordered before pacemaker.service, so on shutdown Pacemaker stops (or moves) it first, and Restart=no, so
 * systemd never restarts a service behind the cluster's back. The drop-in lives in /run, so after a boot the
 * first start would pay a `systemctl daemon-reload` (0.2-1 s per unit, three in a row on the switch-over
 * after a reboot, measured on the ct lab); the probe Pacemaker runs when the node joins writes it instead.
 *
 * stop_grace_ms (Dovecot: 0): how long the unit's own stop may take before every process left in it gets
 * SIGTERM. Dovecot's master waits up to 5 s for login processes that still hold clients, then sends SIGQUIT
 * and sleeps 1 s more (master/service-monitor.c, MAX_DIE_WAIT_MSECS); with IMAP/POP3 clients connected the
 * stop took 1.3-4.1 s on the ct lab, all of it inside the SMTP outage of a switch-over (Postfix waits for
 * the volume, the volume for Dovecot). Its mail processes end on SIGTERM as they do on master's own
 * shutdown_clients; Postfix, the only LMTP client, is stopped before Dovecot.
 *
 * drain_dir / drain_ports / drain_ms (Postfix): before the stop, new connections to drain_ports get a TCP
 * reset (an nftables table of its own, inet mhs_drain, removed after the stop and before every start) and the
 * agent waits up to drain_ms until drain_dir (Postfix's active queue) is empty. Without it a mail accepted
 * just before the stop could be stored by Dovecot while the SIGTERM killed Postfix's LMTP client before it
 * read the 250: the queue file stayed and the other node delivered the mail again (about one standby in four
 * on the loaded lab). After the drain nothing is in flight, so Postfix also gets stop_grace_ms=0: its own
 * `postfix stop` polls the master once a second and cost a full second of the outage.
 */

export const OCF_PROVIDER = 'mhs';
export const OCF_AGENT = 'unit';
export const OCF_PROVIDER_DIR = `/usr/lib/ocf/resource.d/${OCF_PROVIDER}`;
export const OCF_AGENT_PATH = `${OCF_PROVIDER_DIR}/${OCF_AGENT}`;

export const MHS_OCF_UNIT = `#!/bin/sh
# Mail HA Studio: a systemd unit as an OCF resource; start/stop wait for systemd's job (see the plan's resources step).
# OCF exit codes: 0 ok, 1 generic error, 3 unimplemented, 5 not installed, 6 not configured, 7 not running.
unit=\${OCF_RESKEY_unit:-}
grace=\${OCF_RESKEY_stop_grace_ms:-}
drain_dir=\${OCF_RESKEY_drain_dir:-}
drain_ports=\${OCF_RESKEY_drain_ports:-}
drain_ms=\${OCF_RESKEY_drain_ms:-3000}
meta() {
  cat <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="unit" version="1.0">
<version>1.0</version>
<longdesc lang="en">Starts and stops a systemd unit and waits for systemd's job to finish, so the cluster goes on as soon as the service is ready (Pacemaker 2.1's systemd class confirms with monitors 2 s apart). Writes the same drop-in as the systemd class (Before=pacemaker.service, Restart=no), with TimeoutStartSec=infinity: the start timeout is Pacemaker's.</longdesc>
<shortdesc lang="en">systemd unit, synchronous start and stop</shortdesc>
<parameters>
<parameter name="unit" unique="1" required="1">
<longdesc lang="en">The unit, e.g. mariadb or postfix@- (.service is added when no type is given).</longdesc>
<shortdesc lang="en">systemd unit</shortdesc>
<content type="string"/>
</parameter>
<parameter name="stop_grace_ms" unique="0" required="0">
<longdesc lang="en">Milliseconds the unit's own stop may take before every process still in the unit gets SIGTERM (empty: wait for the unit's stop alone).</longdesc>
<shortdesc lang="en">grace before SIGTERM to all</shortdesc>
<content type="integer" default=""/>
</parameter>
<parameter name="drain_dir" unique="0" required="0">
<longdesc lang="en">A directory that must be empty before the stop (Postfix: its active queue), waited for up to drain_ms.</longdesc>
<shortdesc lang="en">drain before stop</shortdesc>
<content type="string" default=""/>
</parameter>
<parameter name="drain_ports" unique="0" required="0">
<longdesc lang="en">TCP ports (space separated) whose new connections get a reset while draining (nftables table inet mhs_drain).</longdesc>
<shortdesc lang="en">ports closed while draining</shortdesc>
<content type="string" default=""/>
</parameter>
<parameter name="drain_ms" unique="0" required="0">
<longdesc lang="en">Longest wait for drain_dir to become empty, in milliseconds.</longdesc>
<shortdesc lang="en">drain limit</shortdesc>
<content type="integer" default="3000"/>
</parameter>
</parameters>
<actions>
<action name="start" timeout="120s"/>
<action name="stop" timeout="120s"/>
<action name="monitor" timeout="20s" interval="30s" depth="0"/>
<action name="validate-all" timeout="20s"/>
<action name="meta-data" timeout="5s"/>
</actions>
</resource-agent>
EOF
}
case "\${1:-}" in meta-data) meta; exit 0 ;; esac
[ -n "$unit" ] || { echo "parameter unit is missing" >&2; exit 6; }
case "$grace" in '' | *[!0-9]*) grace= ;; esac
case "$drain_ms" in '' | *[!0-9]*) drain_ms=3000 ;; esac
ports=
for p in $drain_ports; do case "$p" in *[!0-9]*) ;; *) ports="\${ports:+$ports, }$p" ;; esac; done
case "$unit" in *.*) svc=$unit ;; *) svc=$unit.service ;; esac
# is-active prints one state; active and reloading serve, inactive and failed are stopped, anything else is moving.
state() { systemctl is-active "$svc" 2>/dev/null; }
running() { case $(state) in active | reloading) return 0 ;; esac; return 1; }
stopped() { case $(state) in inactive | failed | '') return 0 ;; esac; return 1; }
dropin() {
  d=/run/systemd/system/$svc.d
  umask 022
  # TimeoutStartSec=infinity: Pacemaker's start timeout decides, not systemd's default 90 s (Postfix's start took
  # longer on the emulated vm lab, and systemd failed a start Pacemaker would still have waited for).
  want=$(printf '[Unit]\\nDescription=Cluster Controlled %s\\nBefore=pacemaker.service pacemaker_remote.service\\n\\n[Service]\\nRestart=no\\nTimeoutStartSec=infinity' "$unit")
  [ "$(cat "$d/50-pacemaker.conf" 2>/dev/null)" = "$want" ] && return 0
  mkdir -p "$d" && printf '%s\\n' "$want" > "$d/50-pacemaker.conf" && systemctl daemon-reload
}
# within MS CHECK: up to MS milliseconds (in steps of 0.1 s) until CHECK holds
within() {
  n=0
  while [ "$n" -lt "$1" ]; do "$2" && return 0; sleep 0.1; n=$((n + 100)); done
  "$2"
}
queue_empty() { [ -z "$(ls -A "$drain_dir" 2>/dev/null)" ]; }
# drain: refuse new connections, then wait until nothing is in flight (bounded); undrain: accept again
drain() {
  [ -n "$drain_dir" ] || return 0
  if [ -n "$ports" ] && command -v nft >/dev/null 2>&1; then
    printf 'table inet mhs_drain {\\n  chain input {\\n    type filter hook input priority -10; policy accept;\\n    tcp dport { %s } tcp flags & (syn | ack) == syn reject with tcp reset\\n  }\\n}\\n' "$ports" | nft -f - || echo "drain: nft refused the table" >&2
  fi
  within "$drain_ms" queue_empty || echo "drain: $drain_dir not empty after $drain_ms ms" >&2
}
undrain() {
  [ -n "$drain_dir" ] && command -v nft >/dev/null 2>&1 && nft delete table inet mhs_drain 2>/dev/null
  return 0
}
case "\${1:-}" in
start)
  dropin || exit 1
  undrain
  systemctl reset-failed "$svc" 2>/dev/null
  systemctl start "$svc" || exit 1
  running || exit 1 ;;
stop)
  # also a unit still activating after a start that timed out: stopping cancels its job.
  # ignore-dependencies: in a shutdown systemd has already queued this unit's stop behind pacemaker.service's
  # (the drop-in orders it Before=pacemaker), and a plain stop would join that job and wait for the Pacemaker
  # that is waiting for this agent: a deadlock until the op timeout (seen on the ct lab's powerOff case).
  if ! stopped; then
    drain
    if [ -n "$grace" ]; then
      systemctl stop --no-block --job-mode=ignore-dependencies "$svc" || exit 1
      within "$grace" stopped || systemctl kill --kill-whom=all --signal=SIGTERM "$svc" 2>/dev/null
    fi
    # waits for the stop job (a running one is joined, not started again)
    stopped || systemctl stop --job-mode=ignore-dependencies "$svc" || exit 1
  fi
  systemctl reset-failed "$svc" 2>/dev/null
  stopped || exit 1
  undrain ;;
monitor | status)
  # a probe (interval 0, when the node joins) puts the drop-in in place, so no start pays the reload
  if [ "\${OCF_RESKEY_CRM_meta_interval:-0}" = 0 ] && systemctl cat "$svc" >/dev/null 2>&1; then dropin || exit 1; fi
  running && exit 0
  stopped && exit 7
  exit 1 ;;
validate-all)
  systemctl cat "$svc" >/dev/null 2>&1 || { echo "$svc: no such unit" >&2; exit 5; } ;;
*) exit 3 ;;
esac
exit 0
`;

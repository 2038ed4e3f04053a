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
 * systemd never restarts a service behind the cluster's back.
 */

export const OCF_PROVIDER = 'mhs';
export const OCF_AGENT = 'unit';
export const OCF_PROVIDER_DIR = `/usr/lib/ocf/resource.d/${OCF_PROVIDER}`;
export const OCF_AGENT_PATH = `${OCF_PROVIDER_DIR}/${OCF_AGENT}`;

export const MHS_OCF_UNIT = `#!/bin/sh
# Mail HA Studio: a systemd unit as an OCF resource; start/stop wait for systemd's job (see the plan's resources step).
# OCF exit codes: 0 ok, 1 generic error, 3 unimplemented, 5 not installed, 6 not configured, 7 not running.
unit=\${OCF_RESKEY_unit:-}
meta() {
  cat <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="unit" version="1.0">
<version>1.0</version>
<longdesc lang="en">Starts and stops a systemd unit and waits for systemd's job to finish, so the cluster goes on as soon as the service is ready (Pacemaker 2.1's systemd class confirms with monitors 2 s apart). Writes the same drop-in as the systemd class: Before=pacemaker.service, Restart=no.</longdesc>
<shortdesc lang="en">systemd unit, synchronous start and stop</shortdesc>
<parameters>
<parameter name="unit" unique="1" required="1">
<longdesc lang="en">The unit, e.g. mariadb or postfix@- (.service is added when no type is given).</longdesc>
<shortdesc lang="en">systemd unit</shortdesc>
<content type="string"/>
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
case "$unit" in *.*) svc=$unit ;; *) svc=$unit.service ;; esac
# is-active prints one state; active and reloading serve, inactive and failed are stopped, anything else is moving.
state() { systemctl is-active "$svc" 2>/dev/null; }
running() { case $(state) in active | reloading) return 0 ;; esac; return 1; }
stopped() { case $(state) in inactive | failed | '') return 0 ;; esac; return 1; }
dropin() {
  d=/run/systemd/system/$svc.d
  want=$(printf '[Unit]\\nDescription=Cluster Controlled %s\\nBefore=pacemaker.service pacemaker_remote.service\\n\\n[Service]\\nRestart=no' "$unit")
  [ "$(cat "$d/50-pacemaker.conf" 2>/dev/null)" = "$want" ] && return 0
  mkdir -p "$d" && printf '%s\\n' "$want" > "$d/50-pacemaker.conf" && systemctl daemon-reload
}
case "\${1:-}" in
start)
  dropin || exit 1
  systemctl reset-failed "$svc" 2>/dev/null
  systemctl start "$svc" || exit 1
  running || exit 1 ;;
stop)
  # also a unit still activating after a start that timed out: stopping cancels its job
  stopped || systemctl stop "$svc" || exit 1
  systemctl reset-failed "$svc" 2>/dev/null
  stopped || exit 1 ;;
monitor | status)
  running && exit 0
  stopped && exit 7
  exit 1 ;;
validate-all)
  systemctl cat "$svc" >/dev/null 2>&1 || { echo "$svc: no such unit" >&2; exit 5; } ;;
*) exit 3 ;;
esac
exit 0
`;

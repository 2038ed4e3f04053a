/**
 * Hardening files as the seed asks ("SSH-Root-Login verhindern, Fail2Ban, Ports schließen"): nftables that
 * lets mail and SSH in from anywhere and the cluster's own ports only from the peers; fail2ban jails for
 * sshd, postfix, postfix-sasl and dovecot reading the journal (Debian 12 has no rsyslog by default, and the
 * cluster runs Postfix as postfix@-.service, which the shipped journalmatch does not name); sshd without
 * root login.
 */

export interface FirewallModel {
  /** TCP ports open to everyone (SSH, and the mail ports on the cluster nodes). */
  publicTcp: number[];
  /** Per rule: protocol, ports and the peer addresses allowed. */
  peerRules: { proto: 'tcp' | 'udp'; ports: string; from: string[]; why: string }[];
}

const portSet = (ports: number[]) => (ports.length === 1 ? String(ports[0]) : `{ ${ports.join(', ')} }`);

export function renderNftables(m: FirewallModel): string {
  const o = [
    '#!/usr/sbin/nft -f',
    '# Written by Mail HA Studio: mail and SSH from anywhere, cluster ports only from the cluster peers.',
    'flush ruleset',
    '',
    'table inet mail_ha_studio {',
    '\tchain input {',
    '\t\ttype filter hook input priority filter; policy drop;',
    '\t\tct state established,related accept',
    '\t\tct state invalid drop',
    '\t\tiif "lo" accept',
    '\t\tmeta l4proto { icmp, ipv6-icmp } accept',
    `\t\ttcp dport ${portSet(m.publicTcp)} accept`,
  ];
  for (const r of m.peerRules) if (r.from.length) o.push(`\t\tip saddr { ${[...new Set(r.from)].join(', ')} } ${r.proto} dport ${r.ports} accept comment "${r.why}"`);
  o.push('\t}', '', '\tchain forward {', '\t\ttype filter hook forward priority filter; policy drop;', '\t}', '', '\tchain output {', '\t\ttype filter hook output priority filter; policy accept;', '\t}', '}', '');
  return o.join('\n');
}

export interface Fail2banModel {
  mail: boolean;
  ignore: string[];
}

export function renderFail2banJail(m: Fail2banModel): string {
  const o = [
    '# Written by Mail HA Studio.',
    '[DEFAULT]',
    'backend = systemd',
    'banaction = nftables-multiport',
    'banaction_allports = nftables-allports',
    `ignoreip = 127.0.0.1/8 ::1 ${[...new Set(m.ignore)].join(' ')}`.trimEnd(),
    '',
    '[sshd]',
    'enabled = true',
  ];
  if (m.mail) {
    const postfixJournal = 'journalmatch = _SYSTEMD_UNIT=postfix@-.service';
    o.push('', '[postfix]', 'enabled = true', 'mode = more', postfixJournal, '', '[postfix-sasl]', 'enabled = true', postfixJournal, '', '[dovecot]', 'enabled = true', 'journalmatch = _SYSTEMD_UNIT=dovecot.service');
  }
  o.push('');
  return o.join('\n');
}

/** First match wins in sshd_config and Debian includes sshd_config.d/*.conf at the top: 00- comes first. */
export const SSHD_NO_ROOT = '# Written by Mail HA Studio: no root login; administrators log in with their own key and use sudo.\nPermitRootLogin no\n';
export const SSHD_NO_ROOT_PATH = '/etc/ssh/sshd_config.d/00-mail-ha-studio.conf';

export interface SbdModel {
  device?: string;
  watchdogTimeoutS: number;
}

/** /etc/default/sbd: with Pacemaker integration; the device only for disk SBD. */
export function renderSbdDefaults(m: SbdModel): string {
  return [
    '# Written by Mail HA Studio.',
    ...(m.device ? [`SBD_DEVICE="${m.device}"`] : []),
    'SBD_PACEMAKER=yes',
    'SBD_STARTMODE=always',
    'SBD_DELAY_START=no',
    'SBD_WATCHDOG_DEV=/dev/watchdog',
    `SBD_WATCHDOG_TIMEOUT=${m.watchdogTimeoutS}`,
    'SBD_TIMEOUT_ACTION=flush,reboot',
    'SBD_MOVE_TO_ROOT_CGROUP=auto',
    'SBD_SYNC_RESOURCE_STARTUP=yes',
    '',
  ].join('\n');
}

/**
 * hardening (after the cut-over, on every node): nftables (mail and SSH from anywhere, corosync, DRBD and
 * qnetd only from the peers), checked from ANOTHER node: an allowed port answers (or refuses), a closed one
 * stays silent; fail2ban reading the journal; and PermitRootLogin no, but only on nodes the app reaches as an
 * admin user, and only after a NEW SSH connection proved that user's key login and sudo (the engineer is
 * never locked out).
 */
import { shCommand, shQuote } from '../../shell/quote';
import { helper } from '../helpers/aptUnits';
import { subnetOf } from '../inputs/links';
import type { PlanInput } from '../inputs/types';
import { K, is, live, probe, run, systemctl } from '../ops';
import { SSHD_NO_ROOT, SSHD_NO_ROOT_PATH, renderFail2banJail, renderNftables, type FirewallModel } from '../render/hardening';
import { groupConsecutive, type ModelProbe, type StepSpec } from '../spec';
import type { NodeRole } from '../types';
import { id, on, roleDative, roleName, t } from './common';

/** A probe over a NEW SSH connection: the login itself is what is proved. */
const fresh = (p: ModelProbe): ModelProbe => ({ ...p, probe: { ...p.probe, freshSession: true } });

/** Every address a role has in the cluster's networks. */
function addressesOf(i: PlanInput, role: NodeRole): string[] {
  const a = i.links.map((l) => l.addrs[role]).filter((x): x is string => !!x);
  if (role === 'witness' && i.witness) a.push(i.witness.address);
  return [...new Set(a)];
}

export function firewallModel(i: PlanInput, role: NodeRole): FirewallModel {
  const hosting = i.nodes.some((n) => n.role === role && n.canHost);
  const member = i.nodes.some((n) => n.role === role);
  const peers = i.nodes.filter((n) => n.role !== role).flatMap((n) => addressesOf(i, n.role));
  const rules: FirewallModel['peerRules'] = [];
  if (member) rules.push({ proto: 'udp', ports: '5405-5412', from: peers, why: 'corosync knet' });
  if (i.drbd && (role === 'primary' || role === 'secondary')) {
    const other = role === 'primary' ? 'secondary' : 'primary';
    rules.push({ proto: 'tcp', ports: String(i.drbd.port), from: [i.drbd.addrs[other]!], why: 'DRBD replication' });
  }
  if (role === 'witness') rules.push({ proto: 'tcp', ports: '5403', from: i.nodes.flatMap((n) => addressesOf(i, n.role)), why: 'corosync-qnetd' });
  return { publicTcp: [...new Set([...i.hardening.sshPorts, ...(hosting ? i.hardening.mailPorts : [])])].sort((a, b) => a - b), peerRules: rules };
}

/** The address other nodes (and clients) see a role at: on the VIP's network when it has one there. */
function clientAddress(i: PlanInput, role: NodeRole): string | undefined {
  const vipNet = subnetOf(i.vip.address, i.vip.prefix);
  const link = i.links.find((l) => l.subnet === vipNet) ?? i.links[0];
  return link?.addrs[role] ?? (role === 'witness' ? i.witness?.address : undefined);
}

const SESSIONS_LOCAL = '/etc/fail2ban/jail.d/mail-ha-studio-sessions.local';

/** Writes ignoreip = the cluster's addresses + the peers of the SSH sessions established now. */
export function sessionIgnoreCommand(ignore: readonly string[]): string {
  const fixed = ['127.0.0.1/8', '::1', ...new Set(ignore)].join(' ');
  return [
    `peers=$(ss -tnH state established '( sport = :22 )' 2>/dev/null | awk '{ a = $4; sub(/:[0-9]+$/, "", a); gsub(/^\\[|\\]$/, "", a); sub(/^::ffff:/, "", a); print a }' | sort -u | tr '\\n' ' ')`,
    `printf '# Written by Mail HA Studio: the SSH sessions open while fail2ban was set up (the app among them).\\n[DEFAULT]\\nignoreip = %s %s\\n' ${shQuote(fixed)} "$peers" > ${shQuote(SESSIONS_LOCAL)}`,
    `echo "never banned: ${fixed} $peers"`,
  ].join('\n');
}

export function hardeningSteps(i: PlanInput): StepSpec[] {
  const steps: StepSpec[] = [];
  const h = i.hardening;
  if (h.firewall) {
    for (const role of i.allRoles) {
      const fw = firewallModel(i, role);
      const content = renderNftables(fw);
      const loaded = probe('nft list table inet mail_ha_studio >/dev/null', [is(K.file('/etc/nftables.conf'), content)]);
      steps.push({
        id: id('hardening.firewall', role),
        phase: 'hardening',
        node: role,
        title: on(role, t('Firewall (nftables) einrichten', 'Set up the firewall (nftables)')),
        explanation: t(
          `Ersetzt /etc/nftables.conf: eingehend offen sind nur TCP ${fw.publicTcp.join(', ')} für alle${fw.peerRules.length ? ` sowie ${fw.peerRules.map((r) => `${r.why} (${r.proto.toUpperCase()} ${r.ports}) von ${r.from.join(', ')}`).join('; ')}` : ''}; alles andere wird verworfen. Ausgehender Verkehr bleibt frei. Die Regeln werden vor dem Laden auf Syntax geprüft und bei jedem Start geladen.`,
          `Replaces /etc/nftables.conf: incoming, only TCP ${fw.publicTcp.join(', ')} is open to everyone${fw.peerRules.length ? `, plus ${fw.peerRules.map((r) => `${r.why} (${r.proto.toUpperCase()} ${r.ports}) from ${r.from.join(', ')}`).join('; ')}` : ''}; everything else is dropped. Outgoing traffic stays free. The rules are syntax-checked before they load, and load at every boot.`,
        ),
        apply: [
          { kind: 'write', path: '/etc/nftables.conf', content, mode: '0755' },
          run('nft -c -f /etc/nftables.conf', []),
          systemctl('enable', ['nftables']),
          run('nft -f /etc/nftables.conf', []),
        ],
        verify: [loaded],
        destructive: true,
        expectedDurationS: 3,
      });
    }
    for (const target of i.allRoles) {
      const observer: NodeRole | undefined = target !== 'witness' && i.allRoles.includes('witness') ? 'witness' : i.nodes.find((n) => n.role !== target)?.role;
      const addr = clientAddress(i, target);
      if (!observer || !addr) continue;
      const fw = firewallModel(i, target);
      const port = (p: number) => shCommand([helper('mhs-net'), 'port', addr, String(p)]);
      const allowed = fw.publicTcp.slice(0, 3);
      const probes = [
        ...allowed.map((p) => `{ ${port(p)}; [ $? -ne 2 ]; }`),
        // MariaDB is never reachable from outside: no answer at all, not even a refusal.
        `{ ${port(3306)}; [ $? -eq 2 ]; }`,
      ];
      steps.push({
        id: id(`hardening.firewallSeen.${target}`, observer),
        phase: 'hardening',
        node: observer,
        title: { de: `Firewall von außen prüfen: ${roleName[target].de} (${addr}) vom ${roleDative[observer].de} aus`, en: `Check the firewall from outside: ${roleName[target].en} (${addr}) from the ${roleName[observer].en}` },
        explanation: t(
          `Versucht von einem anderen Rechner aus Verbindungen zu ${addr}: TCP ${allowed.join(', ')} müssen durchkommen (eine Antwort oder eine Abweisung), TCP 3306 (MariaDB) muss unbeantwortet bleiben.`,
          `Tries connections to ${addr} from another machine: TCP ${allowed.join(', ')} must get through (an answer or a refusal), TCP 3306 (MariaDB) must stay unanswered.`,
        ),
        apply: [],
        verify: [live(probes.join(' && '), { timeoutMs: 60_000 })],
        destructive: false,
        expectedDurationS: 8,
      });
    }
  }
  if (h.fail2ban) {
    const ignore = i.allRoles.flatMap((r) => addressesOf(i, r));
    for (const role of i.allRoles) {
      const mail = i.nodes.some((n) => n.role === role && n.canHost);
      const jails = ['sshd', ...(mail ? ['postfix', 'postfix-sasl', 'dovecot'] : [])];
      const path = '/etc/fail2ban/jail.d/mail-ha-studio.conf';
      steps.push({
        id: id('hardening.fail2ban', role),
        phase: 'hardening',
        node: role,
        title: on(role, t('Fail2Ban einrichten', 'Set up fail2ban')),
        explanation: t(
          `Sperrt Adressen nach wiederholten Fehlanmeldungen (Jails: ${jails.join(', ')}). Fail2Ban liest das systemd-Journal (Debian 12 hat ohne rsyslog keine auth.log) und sperrt über nftables; die Adressen der Clusterknoten werden nie gesperrt.`,
          `Bans addresses after repeated failed logins (jails: ${jails.join(', ')}). Fail2ban reads the systemd journal (Debian 12 has no auth.log without rsyslog) and bans through nftables; the cluster nodes' addresses are never banned.`,
        ),
        apply: [
        { kind: 'write', path, content: renderFail2banJail({ mail, ignore }), mode: '0644' },
        // Whoever is logged in over SSH right now (the app's own connection, through a jump host or a relay)
        // is never banned: its address is only known on the node. A .local file is read after the .conf.
        run(sessionIgnoreCommand(ignore), []),
        systemctl('enable', ['fail2ban']),
        systemctl('restart', ['fail2ban']),
      ],
        // fail2ban (Python) needs 20-40 s to load its jails on a slow VM, and a status of four jails answers
        // slowly meanwhile (vm lab under TCG: 18 s, then more than 30 s): generous, and instant once it runs.
        verify: [live(jails.map((j) => `fail2ban-client status ${shQuote(j)} >/dev/null`).join(' && '), { waitMs: 180_000, timeoutMs: 90_000, title: t(`Jails aktiv: ${jails.join(', ')}`, `jails active: ${jails.join(', ')}`) })],
        destructive: false,
        expectedDurationS: 8,
      });
    }
  }
  const proofs: StepSpec[] = [];
  const offs: StepSpec[] = [];
  for (const role of h.rootLoginOff) {
    const proof = fresh(live('[ "$(id -u)" = 0 ]', { title: t('neue SSH-Verbindung als Admin-Benutzer mit sudo', 'new SSH connection as the admin user, with sudo') }));
    proofs.push({
      id: id('hardening.adminLogin', role),
      phase: 'hardening',
      node: role,
      title: on(role, t('Anmeldung des Admin-Benutzers über eine neue Verbindung beweisen', "Prove the admin user's login over a new connection")),
      explanation: t(
        'Öffnet eine neue SSH-Verbindung mit dem Benutzer und Schlüssel, mit denen die App diesen Knoten erreicht, und prüft sudo. Nur wenn das klappt, wird im nächsten Schritt die Root-Anmeldung abgeschaltet: so sperrt sich niemand aus.',
        'Opens a new SSH connection with the user and key the app reaches this node with, and checks sudo. Only when that works does the next step switch off root login: so nobody is locked out.',
      ),
      apply: [],
      verify: [proof],
      destructive: false,
      expectedDurationS: 5,
    });
    offs.push({
      id: id('hardening.rootLogin', role),
      phase: 'hardening',
      node: role,
      title: on(role, t('Root-Anmeldung per SSH abschalten', 'Switch off root login over SSH')),
      explanation: t(
        `Schreibt ${SSHD_NO_ROOT_PATH} mit PermitRootLogin no (Debian liest sshd_config.d zuerst, der erste Wert gilt), prüft die Konfiguration mit sshd -t und lädt sshd neu; bestehende Verbindungen bleiben. Danach beweist wieder eine neue Verbindung, dass der Admin-Benutzer hineinkommt.`,
        `Writes ${SSHD_NO_ROOT_PATH} with PermitRootLogin no (Debian reads sshd_config.d first, the first value wins), checks the configuration with sshd -t and reloads sshd; existing connections stay. Afterwards a new connection proves again that the admin user gets in.`,
      ),
      apply: [{ kind: 'write', path: SSHD_NO_ROOT_PATH, content: SSHD_NO_ROOT, mode: '0644' }, run('sshd -t && systemctl reload ssh.service', [])],
      verify: [probe("sshd -T -C user=root,host=localhost,addr=127.0.0.1 | grep -qi '^permitrootlogin no$'", [is(K.file(SSHD_NO_ROOT_PATH), SSHD_NO_ROOT)]), proof],
      destructive: true,
      expectedDurationS: 5,
    });
  }
  // Every login proved first, then root login off everywhere: each node's switch still follows its own proof.
  steps.push(...proofs, ...offs);
  return groupConsecutive(steps, ['hardening.firewall', 'hardening.fail2ban', 'hardening.adminLogin', 'hardening.rootLogin']);
}

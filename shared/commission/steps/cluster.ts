/**
 * cluster: Corosync (one authkey made on the primary and copied to the others, corosync.conf rendered from
 * the model), the quorum device on the witness with its certificate exchange (every file travels through the
 * app as a transfer), then Pacemaker with an empty configuration. The resources come at the cut-over.
 */
import { shQuote } from '../../shell/quote';
import type { PlanInput } from '../inputs/types';
import { K, fileExists, is, isNot, live, probe, run, set, systemctl, unitsAre, unitsRestore, unitsSave } from '../ops';
import { renderCorosyncConf } from '../render/corosyncConf';
import { groupConsecutive, type Effect, type ModelProbe, type ModelRun, type StepSpec } from '../spec';
import type { NodeRole } from '../types';
import { id, on, stamp, t } from './common';
import { tokenReasoning } from './clusterTiming';
import { fencingBeforeCluster } from './fencing';

const AUTHKEY = '/etc/corosync/authkey';
const CONF = '/etc/corosync/corosync.conf';
const QNETD_DB = '/etc/corosync/qnetd/nssdb';
const QNETD_CA = `${QNETD_DB}/qnetd-cacert.crt`;
const QD_DIR = '/etc/corosync/qdevice/net';
const QD_DB = `${QD_DIR}/nssdb`;
const QD_CA = `${QD_DIR}/qnetd-cacert.crt`;
const QD_CRQ = `${QD_DB}/qdevice-net-node.crq`;
const QD_P12 = `${QD_DB}/qdevice-net-node.p12`;
const QD_P12_IN = `${QD_DIR}/qdevice-net-node.p12`;

export function corosyncConfText(i: PlanInput): string {
  return renderCorosyncConf({
    clusterName: i.clusterName,
    tokenMs: i.tokenMs,
    ...(i.consensusMs ? { consensusMs: i.consensusMs } : {}),
    linkCount: i.nodes[0]?.ringAddrs.length ?? 1,
    nodes: i.nodes.map((n) => ({ name: n.hostname, nodeid: n.nodeid, addrs: n.ringAddrs })),
    quorum: i.quorum === 'qdevice' ? { kind: 'qdevice', host: i.witness!.address, algorithm: i.qdeviceAlgorithm } : { kind: i.quorum },
  });
}

const clientCertImported: ModelProbe = probe(`certutil -d ${shQuote(QD_DB)} -L -n 'Cluster Cert' >/dev/null 2>&1`, [is(K.file(`${QD_DB}/cert9.db`), 'cert')]);

function qdeviceSteps(i: PlanInput): StepSpec[] {
  const name = i.clusterName;
  const signed = `${QNETD_DB}/cluster-${name}.crt`;
  const request = `/var/lib/mail-ha-studio/qnetd/${name}.crq`;
  const steps: StepSpec[] = [];
  const caReady = fileExists(QNETD_CA, 'ca');
  steps.push({
    id: id('qdevice.qnetdCa', 'witness'),
    phase: 'cluster',
    node: 'witness',
    title: on('witness', t('Zertifizierungsstelle von corosync-qnetd anlegen', "Create corosync-qnetd's certificate authority")),
    explanation: t(
      'corosync-qnetd spricht mit den Knoten nur über TLS mit Client-Zertifikaten. Legt die Zertifikatsdatenbank und die CA des Witness an (falls das Paket es nicht schon getan hat).',
      'corosync-qnetd talks to the nodes only over TLS with client certificates. Creates the witness\'s certificate database and CA (unless the package already did).',
    ),
    check: caReady,
    apply: [run(`[ -f ${shQuote(QNETD_CA)} ] || corosync-qnetd-certutil -i`, [set(K.file(QNETD_CA), 'ca')])],
    verify: [caReady],
    destructive: false,
    expectedDurationS: 5,
    backupPaths: [QNETD_DB],
  });
  const qnetdRuns = unitsAre(['corosync-qnetd'], { enabled: true, active: true });
  steps.push({
    id: id('qdevice.qnetd', 'witness'),
    phase: 'cluster',
    node: 'witness',
    title: on('witness', t('corosync-qnetd starten', 'Start corosync-qnetd')),
    explanation: t('Startet den Quorum-Dienst (TCP 5403) und nimmt ihn in den Systemstart auf.', 'Starts the quorum service (TCP 5403) and enables it at boot.'),
    check: qnetdRuns,
    apply: [unitsSave(stamp('qnetd'), ['corosync-qnetd']), systemctl('enable', ['corosync-qnetd']), systemctl('restart', ['corosync-qnetd'])],
    verify: [qnetdRuns],
    rollback: [unitsRestore(stamp('qnetd'))],
    destructive: false,
    expectedDurationS: 5,
  });
  for (const n of i.nodes) {
    const dbReady = probe(`[ -d ${shQuote(QD_DB)} ] && [ -s ${shQuote(QD_CA)} ]`, [isNot(K.file(`${QD_DB}/cert9.db`), null), is(K.file(QD_CA), 'ca')]);
    steps.push({
      id: id('qdevice.clientDb', n.role),
      phase: 'cluster',
      node: n.role,
      title: on(n.role, t('Zertifikatsdatenbank für corosync-qdevice anlegen', 'Create the certificate database for corosync-qdevice')),
      explanation: t('Holt das CA-Zertifikat vom Witness und legt damit die Zertifikatsdatenbank des Quorum-Clients an.', "Fetches the CA certificate from the witness and creates the quorum client's certificate database with it."),
      check: dbReady,
      apply: [
        { kind: 'transfer', from: 'witness', fromPath: QNETD_CA, toPath: QD_CA, mode: '0644' },
        run(`[ -d ${shQuote(QD_DB)} ] || corosync-qdevice-net-certutil -i -c ${shQuote(QD_CA)}`, [set(K.file(`${QD_DB}/cert9.db`), 'db')]),
      ],
      verify: [dbReady],
      destructive: false,
      expectedDurationS: 5,
      backupPaths: [QD_DB],
    });
  }
  const requested = probe(`[ -s ${shQuote(QD_CRQ)} ]`, [is(K.file(QD_CRQ), 'crq')]);
  steps.push({
    id: id('qdevice.request', 'primary'),
    phase: 'cluster',
    node: 'primary',
    title: on('primary', t('Zertifikatsanfrage für den Cluster erzeugen', 'Create the certificate request for the cluster')),
    explanation: t(`Erzeugt den Schlüssel und die Zertifikatsanfrage des Clusters ${name} für den Witness.`, `Creates the key and the certificate request of cluster ${name} for the witness.`),
    check: { probe: { command: `${clientCertImported.probe.command} || ${requested.probe.command}` }, holds: [{ any: [...clientCertImported.holds, ...requested.holds] }] },
    apply: [run(`corosync-qdevice-net-certutil -r -n ${shQuote(name)}`, [set(K.file(QD_CRQ), 'crq')])],
    verify: [{ probe: { command: `${clientCertImported.probe.command} || ${requested.probe.command}` }, holds: [{ any: [...clientCertImported.holds, ...requested.holds] }] }],
    destructive: false,
    expectedDurationS: 5,
  });
  const isSigned = fileExists(signed, 'signed');
  steps.push({
    id: id('qdevice.sign', 'witness'),
    phase: 'cluster',
    node: 'witness',
    title: on('witness', t('Zertifikat des Clusters signieren', "Sign the cluster's certificate")),
    explanation: t('Holt die Anfrage vom Primärsystem und signiert sie mit der CA des Witness.', "Fetches the request from the primary and signs it with the witness's CA."),
    check: isSigned,
    apply: [
      { kind: 'transfer', from: 'primary', fromPath: QD_CRQ, toPath: request, mode: '0600' },
      run(`corosync-qnetd-certutil -s -c ${shQuote(request)} -n ${shQuote(name)}`, [set(K.file(signed), 'signed')]),
    ],
    verify: [isSigned],
    destructive: false,
    expectedDurationS: 5,
    backupPaths: [signed],
  });
  steps.push({
    id: id('qdevice.import', 'primary'),
    phase: 'cluster',
    node: 'primary',
    title: on('primary', t('Signiertes Zertifikat übernehmen', 'Take the signed certificate')),
    explanation: t(
      'Holt das signierte Zertifikat vom Witness, verpackt es mit dem Schlüssel (PKCS#12) für die anderen Knoten und übernimmt es selbst.',
      'Fetches the signed certificate from the witness, packs it with the key (PKCS#12) for the other nodes and imports it itself.',
    ),
    check: clientCertImported,
    apply: [
      { kind: 'transfer', from: 'witness', fromPath: signed, toPath: `${QD_DB}/cluster-${name}.crt`, mode: '0600' },
      run(`corosync-qdevice-net-certutil -M -c ${shQuote(`${QD_DB}/cluster-${name}.crt`)}`, [set(K.file(QD_P12), 'p12')]),
      run(`corosync-qdevice-net-certutil -m -c ${shQuote(QD_P12)}`, [set(K.file(`${QD_DB}/cert9.db`), 'cert')]),
    ],
    verify: [clientCertImported],
    destructive: false,
    expectedDurationS: 5,
  });
  for (const n of i.nodes.filter((x) => x.role !== 'primary')) {
    steps.push({
      id: id('qdevice.import', n.role),
      phase: 'cluster',
      node: n.role,
      title: on(n.role, t('Zertifikat des Clusters übernehmen', "Import the cluster's certificate")),
      explanation: t('Holt Zertifikat und Schlüssel (PKCS#12) vom Primärsystem und übernimmt sie.', 'Fetches certificate and key (PKCS#12) from the primary and imports them.'),
      check: clientCertImported,
      apply: [
        { kind: 'transfer', from: 'primary', fromPath: QD_P12, toPath: QD_P12_IN, mode: '0600', secret: true },
        run(`corosync-qdevice-net-certutil -m -c ${shQuote(QD_P12_IN)}`, [set(K.file(`${QD_DB}/cert9.db`), 'cert')]),
      ],
      verify: [clientCertImported],
      destructive: false,
      expectedDurationS: 5,
    });
  }
  return steps;
}

const withEffects = (r: ModelRun, more: Effect[]): ModelRun => ({ ...r, effects: [...r.effects, ...more] });

function startStep(role: NodeRole, unit: string, concern: string, title: ReturnType<typeof t>, explanation: ReturnType<typeof t>, extraCheck?: ModelProbe, extraEffects: Effect[] = [], waitMs = 60_000): StepSpec {
  const st = stamp(`${unit}-${role}`);
  const runs = unitsAre([unit], { enabled: true, active: true });
  const check = extraCheck ? { probe: { command: `${runs.probe.command} && ${extraCheck.probe.command}` }, holds: [...runs.holds, ...extraCheck.holds] } : runs;
  return {
    id: id(concern, role),
    phase: 'cluster',
    node: role,
    title: on(role, title),
    explanation,
    check,
    apply: [unitsSave(st, [unit], extraEffects.flatMap((e) => ('set' in e ? [e.set] : []))), systemctl('enable', [unit]), withEffects(systemctl('restart', [unit]), extraEffects)],
    verify: [{ ...check, probe: { ...check.probe, waitMs } }],
    rollback: [unitsRestore(st)],
    destructive: false,
    expectedDurationS: 10,
  };
}

export function clusterSteps(i: PlanInput): StepSpec[] {
  const steps: StepSpec[] = [];
  const keyThere = fileExists(AUTHKEY, 'key');
  steps.push({
    id: id('cluster.authkey', 'primary'),
    phase: 'cluster',
    node: 'primary',
    title: on('primary', t('Corosync-Schlüssel erzeugen', 'Create the corosync key')),
    explanation: t(
      'Corosync verschlüsselt und signiert jedes Paket zwischen den Knoten (knet, AES-256, SHA-256) mit einem gemeinsamen Schlüssel. Er entsteht auf dem Primärsystem und wird über die App zu den anderen Knoten kopiert, nie angezeigt.',
      'Corosync encrypts and signs every packet between the nodes (knet, AES-256, SHA-256) with a shared key. It is made on the primary and copied to the other nodes through the app, never shown.',
    ),
    check: keyThere,
    apply: [run('corosync-keygen', [set(K.file(AUTHKEY), 'key')])],
    verify: [keyThere],
    destructive: false,
    expectedDurationS: 3,
    backupPaths: [AUTHKEY],
  });
  for (const n of i.nodes.filter((x) => x.role !== 'primary')) {
    steps.push({
      id: id('cluster.authkeyCopy', n.role),
      phase: 'cluster',
      node: n.role,
      title: on(n.role, t('Corosync-Schlüssel übernehmen', 'Take over the corosync key')),
      explanation: t('Kopiert den Corosync-Schlüssel vom Primärsystem (nur lesbar für root).', 'Copies the corosync key from the primary (readable by root only).'),
      apply: [{ kind: 'transfer', from: 'primary', fromPath: AUTHKEY, toPath: AUTHKEY, mode: '0400', secret: true }],
      verify: [probe(`[ -s ${shQuote(AUTHKEY)} ]`, [is(K.file(AUTHKEY), 'key')])],
      destructive: false,
      expectedDurationS: 2,
    });
  }
  const conf = corosyncConfText(i);
  const linkText = i.nodes[0]!.ringAddrs.length > 1 ? 'zwei Links' : 'einen Link';
  const linkTextEn = i.nodes[0]!.ringAddrs.length > 1 ? 'two links' : 'one link';
  const quorumDe = i.quorum === 'twoNode' ? 'two_node (schließt wait_for_all ein: ein allein startender Knoten wartet auf den anderen)' : i.quorum === 'qdevice' ? `Quorum-Gerät auf dem Witness ${i.witness?.address} (${i.qdeviceAlgorithm})` : 'drei gleichberechtigte Knoten';
  const quorumEn = i.quorum === 'twoNode' ? 'two_node (implies wait_for_all: a node starting alone waits for the other)' : i.quorum === 'qdevice' ? `a quorum device on the witness ${i.witness?.address} (${i.qdeviceAlgorithm})` : 'three equal nodes';
  const timing = tokenReasoning(i);
  for (const n of i.nodes) {
    steps.push({
      id: id('cluster.corosyncConf', n.role),
      phase: 'cluster',
      node: n.role,
      title: on(n.role, t('corosync.conf schreiben', 'Write corosync.conf')),
      explanation: t(
        `Ersetzt Debians Beispielkonfiguration (ein Ein-Knoten-Cluster, der eine echte Clusterbildung blockiert) durch die des Clusters ${i.clusterName}: knet mit Verschlüsselung, ${linkText} (${n.ringAddrs.join(', ')}), Token ${i.tokenMs} ms${i.consensusMs ? `, Consensus ${i.consensusMs} ms` : ''}, Quorum: ${quorumDe}. ${timing.de}`,
        `Replaces Debian's example configuration (a one-node cluster that blocks forming a real one) with the one of cluster ${i.clusterName}: knet with encryption, ${linkTextEn} (${n.ringAddrs.join(', ')}), token ${i.tokenMs} ms${i.consensusMs ? `, consensus ${i.consensusMs} ms` : ''}, quorum: ${quorumEn}. ${timing.en}`,
      ),
      apply: [{ kind: 'write', path: CONF, content: conf, mode: '0644' }],
      verify: [probe(`grep -q ${shQuote(`cluster_name: ${i.clusterName}`)} ${shQuote(CONF)}`, [is(K.file(CONF), conf)])],
      destructive: false,
      expectedDurationS: 2,
    });
  }
  steps.push(...fencingBeforeCluster(i));
  if (i.quorum === 'qdevice') steps.push(...qdeviceSteps(i));
  const named: ModelProbe = probe(`[ "$(corosync-cmapctl -g totem.cluster_name 2>/dev/null | sed 's/^.*= //')" = ${shQuote(i.clusterName)} ]`, [is(K.corosync, i.clusterName)]);
  for (const n of i.nodes) {
    steps.push(
      startStep(n.role, 'corosync', 'cluster.corosync', t('Corosync starten', 'Start corosync'), t('Startet Corosync mit der neuen Konfiguration und nimmt es in den Systemstart auf.', 'Starts corosync with the new configuration and enables it at boot.'), named, [
        set(K.corosync, i.clusterName),
      ]),
    );
  }
  if (i.quorum === 'qdevice') {
    for (const n of i.nodes) {
      const s = startStep(
        n.role,
        'corosync-qdevice',
        'qdevice.start',
        t('corosync-qdevice starten', 'Start corosync-qdevice'),
        t('Startet den Quorum-Client; er verbindet sich mit corosync-qnetd auf dem Witness.', 'Starts the quorum client; it connects to corosync-qnetd on the witness.'),
      );
      s.verify.push(live(`corosync-qdevice-tool -s | grep -Eq 'State:[[:space:]]+Connected'`, { waitMs: 90_000, title: t('mit dem Witness verbunden', 'connected to the witness') }));
      steps.push(s);
    }
  }
  const votes = i.nodes.length + (i.quorum === 'qdevice' ? 1 : 0);
  steps.push({
    id: id('cluster.quorum', 'primary'),
    phase: 'cluster',
    node: 'primary',
    title: on('primary', t('Quorum prüfen', 'Check the quorum')),
    explanation: t(`Wartet, bis alle ${i.nodes.length} Knoten Mitglied sind und der Cluster quorat ist (${votes} Stimmen).`, `Waits until all ${i.nodes.length} nodes are members and the cluster is quorate (${votes} votes).`),
    apply: [],
    verify: [live(`corosync-quorumtool -s | grep -Eq '^Quorate:[[:space:]]+Yes' && corosync-quorumtool -s | grep -Eq '^Nodes:[[:space:]]+${i.nodes.length}$'`, { waitMs: 120_000 })],
    destructive: false,
    expectedDurationS: 10,
  });
  for (const n of i.nodes) {
    steps.push(startStep(n.role, 'pacemaker', 'cluster.pacemaker', t('Pacemaker starten', 'Start Pacemaker'), t('Startet Pacemaker (noch ohne Ressourcen) und nimmt es in den Systemstart auf.', 'Starts Pacemaker (still without resources) and enables it at boot.')));
  }
  steps.push({
    id: id('cluster.online', 'primary'),
    phase: 'cluster',
    node: 'primary',
    title: on('primary', t('Alle Knoten in Pacemaker online', 'All nodes online in Pacemaker')),
    explanation: t('Wartet, bis Pacemaker einen DC gewählt hat und alle Knoten online sind.', 'Waits until Pacemaker has elected a DC and every node is online.'),
    apply: [],
    verify: [live(`timeout 10 crmadmin -D >/dev/null 2>&1 && [ "$(crm_node -p | wc -w)" -eq ${i.nodes.length} ]`, { waitMs: 180_000 })],
    destructive: false,
    expectedDurationS: 15,
  });
  // Independent per node: written, started and checked on all nodes at the same time.
  return groupConsecutive(steps, ['cluster.corosyncConf', 'qdevice.clientDb', 'fencing.sbd', 'fencing.watchdog', 'fencing.ipmiReach', 'cluster.corosync', 'qdevice.start', 'cluster.pacemaker']);
}

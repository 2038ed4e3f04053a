/**
 * cutover: the short outage. Legacy's mail services stop (the stopwatch legacyMailOutage starts), their
 * evidence is recorded (mails per mailbox, a checksum list of every file, rows and CHECKSUM TABLE per table,
 * queue files), the final delta is copied and compared file by file BEFORE anything else happens, the
 * services leave systemd, the volume is handed to Pacemaker in one configuration push, MariaDB's tables are
 * compared on the copy, and only then - the point of no return - Postfix and Dovecot start on the VIP.
 * Until that last step `rollback` returns legacy to its standalone server: nothing of its data is touched.
 */
import { shCommand, shQuote } from '../../shell/quote';
import { helper } from '../helpers/aptUnits';
import { VERIFY_DIR } from '../helpers/verifyScripts';
import type { PlanInput } from '../inputs/types';
import { K, inParallel, markPath, isMounted, is, isNot, live, markClear, markSet, marked, orMark, probe, run, script, set, systemctl, unitsAre, unitsRestore, unitsSave } from '../ops';
import type { Cond, Effect, ModelProbe, StepSpec } from '../spec';
import type { NodeRole } from '../types';
import { id, on, stamp, t } from './common';
import { copyDir, dataPairs } from './datacopy';
import { parkLegacyMountsStep } from './legacyMounts';
import { PUSHED, drbdSyncedStep } from './replication';
import { CIB_FILE, serviceResources, startsAtPonr, validateAgainstShadow, withLiveNodes } from './resources';

export const PONR = 'cutover-open';
export const OUTAGE_TIMER = 'legacyMailOutage';
const MAIN_CF = '/etc/postfix/main.cf';
const verify = (...args: string[]) => shCommand([helper('mhs-verify'), ...args]);

function inetInterfaces(i: PlanInput): string {
  const v6 = /ipv6|all/.test(i.postfix.inetProtocols);
  return [i.vip.address, '127.0.0.1', ...(v6 ? ['[::1]'] : [])].join(', ');
}

function postfixOnVip(i: PlanInput, role: NodeRole): StepSpec {
  const want = { inet_interfaces: inetInterfaces(i), myhostname: i.vipName };
  // On the model the edit is a new version of main.cf, so the backup of main.cf is what undoes it.
  const edited = `postconf:${Object.values(want).join('|')}`;
  const check: ModelProbe = probe(Object.entries(want).map(([k, v]) => `[ "$(postconf -h ${k})" = ${shQuote(v)} ]`).join(' && '), [is(K.file(MAIN_CF), edited)]);
  return {
    id: id('cutover.postfixVip', role),
    phase: 'cutover',
    node: role,
    title: on(role, t('Postfix an die Dienst-IP binden', 'Bind Postfix to the service address')),
    explanation: t(
      `Setzt inet_interfaces = ${want.inet_interfaces} und myhostname = ${i.vipName}: Postfix nimmt Mail nur noch auf der Dienst-IP (und lokal) an, meldet sich mit deren Namen und verschickt über sie. Die Änderung wird erst mit dem Start unter Pacemaker wirksam (Postfix braucht dafür einen Neustart, kein reload).`,
      `Sets inet_interfaces = ${want.inet_interfaces} and myhostname = ${i.vipName}: Postfix accepts mail only on the service address (and locally), introduces itself with its name and sends through it. The change takes effect when Pacemaker starts Postfix (it needs a restart, not a reload).`,
    ),
    check,
    apply: [run(shCommand(['postconf', '-e', ...Object.entries(want).map(([k, v]) => `${k}=${v}`)]), [set(K.file(MAIN_CF), edited)])],
    verify: [check],
    destructive: role === 'primary',
    expectedDurationS: 2,
    backupPaths: [MAIN_CF],
  };
}

export function cutoverSteps(i: PlanInput): StepSpec[] {
  const steps: StepSpec[] = [];
  const synced = drbdSyncedStep(i);
  if (synced) steps.push(synced);
  for (const n of i.nodes.filter((x) => x.canHost && x.role !== 'primary')) steps.push(postfixOnVip(i, n.role));

  const units = i.mailUnits;
  const notEnabled = unitsAre(units, { enabled: false });
  steps.push({
    id: id('cutover.disableUnits', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Maildienste aus dem Systemstart nehmen', 'Take the mail services out of the boot sequence')),
    explanation: t(
      `Nimmt ${units.join(', ')} aus dem Systemstart (sie laufen weiter bis zum nächsten Schritt): ab jetzt startet sie nur Pacemaker, auf genau einem Knoten. Liefen sie beim Booten zusätzlich von selbst, arbeiteten zwei Postfix auf denselben Daten. Schon vor der Unterbrechung erledigt, damit sie kurz bleibt.`,
      `Takes ${units.join(', ')} out of the boot sequence (they keep running until the next step): from now on only Pacemaker starts them, on exactly one node. If they also started by themselves at boot, two Postfix would work on the same data. Done before the outage so that it stays short.`,
    ),
    check: notEnabled,
    apply: [unitsSave(stamp('legacy-boot'), units), systemctl('disable', units)],
    verify: [notEnabled],
    rollback: [unitsRestore(stamp('legacy-boot'))],
    destructive: true,
    expectedDurationS: 3,
  });

  const stopped = unitsAre(units, { active: false });
  const evidence = probe(['before.db', 'before.mailboxes', 'before.sha256', 'before-db.sha256', 'before.queue'].map((f) => `[ -e ${shQuote(`${VERIFY_DIR}/${f}`)} ]`).join(' && '), [is(K.mark('evidence-before'), '1')]);
  const stopCheck = orMark(PUSHED, { probe: { command: `${stopped.probe.command} && ${evidence.probe.command}` }, holds: [...stopped.holds, ...evidence.holds] });
  const dbFirst = units.filter((u) => u !== 'mariadb');
  steps.push({
    id: id('cutover.stopLegacy', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Maildienste auf dem Altsystem anhalten und Bestand festhalten', "Stop legacy's mail services and record what it holds")),
    explanation: t(
      `Ab hier ist der Mailserver kurz nicht erreichbar (die Stoppuhr läuft; Absender versuchen es später erneut). Stoppt ${[...dbFirst].reverse().join(', ')}, hält die Tabellen der Datenbank fest (Zeilen und CHECKSUM TABLE je Tabelle), stoppt MariaDB und zählt die Mails je Postfach, die Prüfsummen aller Dateien unter ${i.data.vmail} und ${i.data.mariadb} und die Dateien der Postfix-Queue. Die Dienste bleiben im Systemstart, bis der nächste Schritt sie herausnimmt.`,
      `From here the mail server is briefly unreachable (the stopwatch runs; senders retry later). Stops ${[...dbFirst].reverse().join(', ')}, records the database's tables (rows and CHECKSUM TABLE per table), stops MariaDB and counts the mails per mailbox, the checksums of every file under ${i.data.vmail} and ${i.data.mariadb} and the files of the Postfix queue.`,
    ),
    check: stopCheck,
    apply: [
      unitsSave(stamp('legacy-running'), units),
      systemctl('stop', [...dbFirst].reverse()),
      // The mail store is quiet once Postfix and Dovecot stopped: counted while MariaDB's tables are read.
      run(inParallel(verify('maildir', 'before', i.data.vmail), verify('queue', 'before', i.data.spool), verify('db', 'before')), []),
      systemctl('stop', ['mariadb']),
      run(verify('files', 'before-db', i.data.mariadb), [set(K.mark('evidence-before'), '1')]),
    ],
    verify: [stopCheck],
    rollback: [unitsRestore(stamp('legacy-running'))],
    destructive: true,
    expectedDurationS: 10,
    timer: { start: OUTAGE_TIMER },
  });
  steps.push(postfixOnVip(i, 'primary'));

  const same = (kind: string, a: string, b: string) => verify('same', kind, a, b);
  const copied = probe(
    [same('sha256', 'before', 'copy'), same('mailboxes', 'before', 'copy'), same('sha256', 'before-db', 'copy-db'), same('queue', 'before', 'copy')].join(' && '),
    dataPairs(i).map(([from, to]) => is(K.vol(to), `final:${from}`)),
  );
  steps.push({
    id: id('cutover.finalCopy', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Letzten Stand kopieren und Datei für Datei vergleichen', 'Copy the last changes and compare file by file')),
    explanation: t(
      'Kopiert, was sich seit dem Vorkopieren geändert hat (bei gestoppten Diensten, daher konsistent), und vergleicht die Kopie mit dem festgehaltenen Bestand: gleiche Mails je Postfach, gleiche Prüfsumme jeder Datei, gleiche Queue. Weicht etwas ab, bricht der Plan hier ab; das Altsystem ist dann unverändert und startet mit dem Rollback wieder.',
      'Copies what changed since the pre-copy (with the services stopped, so consistent) and compares the copy with the recorded state: the same mails per mailbox, the same checksum for every file, the same queue. If anything differs the plan stops here; legacy is unchanged and starts again with the rollback.',
    ),
    check: marked(PUSHED),
    apply: [
      // The three trees are independent: copied, then listed, each at the same time (the outage is running).
      run(inParallel(...dataPairs(i).map(([from, to]) => copyDir(from, to, 'final').action.command)), dataPairs(i).flatMap(([from, to]) => copyDir(from, to, 'final').effects), { progress: 'rsync', timeoutMs: 24 * 3600_000 }),
      run(inParallel(verify('maildir', 'copy', i.onVolume.vmail), verify('files', 'copy-db', i.onVolume.mariadb), verify('queue', 'copy', i.onVolume.spool)), []),
    ],
    verify: [orMark(PUSHED, copied)],
    destructive: false,
    expectedDurationS: 10,
  });

  steps.push(parkLegacyMountsStep(i));

  const mp = i.volume.mountPoint;
  const mounted = isMounted(mp, i.volume.device);
  const releasedHolds: Cond[] = [isNot(K.mount(mp), i.volume.device), ...(i.drbd ? [isNot(K.drbd(i.drbd.resource, 'role'), 'Primary')] : [])];
  const released = orMark(PUSHED, probe(`! { ${mounted.probe.command}; }${i.drbd ? ` && ! drbdadm role ${shQuote(i.drbd.resource)} | grep -q '^Primary'` : ''}`, releasedHolds));
  steps.push({
    id: id('cutover.release', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Datenträger an Pacemaker übergeben', 'Hand the volume to Pacemaker')),
    explanation: t(
      `Hängt ${mp} aus${i.drbd ? ' und macht die DRBD-Seite wieder zur Secondary' : ''}: ab jetzt hängt nur Pacemaker den Datenträger ein.`,
      `Unmounts ${mp}${i.drbd ? ' and makes the DRBD side secondary again' : ''}: from now on only Pacemaker mounts the volume.`,
    ),
    check: released,
    apply: [
      run(`if mountpoint -q ${shQuote(mp)}; then umount ${shQuote(mp)}; fi`, [set(K.mount(mp), null)]),
      ...(i.drbd ? [run(`if drbdadm role ${shQuote(i.drbd.resource)} | grep -q '^Primary'; then drbdadm secondary ${shQuote(i.drbd.resource)}; fi`, [set(K.drbd(i.drbd.resource, 'role'), 'Secondary')])] : []),
    ],
    verify: [released],
    destructive: false,
    expectedDurationS: 3,
  });

  // "Pushed" stays true after the point of no return changed the live configuration: a re-run must never push
  // the file again (it would stop Postfix and Dovecot on a cluster that serves mail).
  const pushedProbe = probe(`[ -e ${shQuote(markPath(PUSHED))} ] && cibadmin -Q --xpath "//group[@id='g_mail']" >/dev/null 2>&1`, [is(K.mark(PUSHED), '1'), isNot(K.cib, null)]);
  const services = serviceResources(i);
  const stopEverything = [
    'crm_resource --resource g_mail --meta --set-parameter target-role --parameter-value Stopped',
    ...(i.drbd ? ['crm_resource --resource cl_drbd --meta --set-parameter target-role --parameter-value Stopped'] : []),
    `crm_resource --wait --timeout=${i.opTimeouts.stopS * (services.length + 5)}`,
  ];
  const emptyConfig = '<configuration><crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/></cluster_property_set></crm_config><nodes/><resources/><constraints/></configuration>';
  const pacemakerStops: Effect[] = [set(K.mount(mp), null), ...(i.drbd ? i.nodes.filter((n) => n.canHost).flatMap((n) => [set(K.drbd(i.drbd!.resource, 'up'), null, n.role), set(K.drbd(i.drbd!.resource, 'role'), null, n.role)]) : [])];
  steps.push({
    id: id('cutover.push', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Pacemaker-Konfiguration in einem Schritt aktivieren', 'Activate the Pacemaker configuration in one step')),
    explanation: t(
      `Prüft ${CIB_FILE} noch einmal an einer Kopie und ersetzt dann die Konfiguration des laufenden Clusters in einem einzigen Schritt (cibadmin --replace): nie halb. Pacemaker ${i.drbd ? 'macht DRBD auf dem Primärsystem zur Primary, ' : ''}hängt den Datenträger ein, bindet die Datenverzeichnisse, setzt die Dienst-IP ${i.vip.address} und startet MariaDB auf der Kopie; Postfix und Dovecot bleiben noch aus.`,
      `Checks ${CIB_FILE} once more against a copy and then replaces the running cluster's configuration in one single step (cibadmin --replace): never half of it. Pacemaker ${i.drbd ? 'promotes DRBD on the primary, ' : ''}mounts the volume, binds the data directories, brings up the service address ${i.vip.address} and starts MariaDB on the copy; Postfix and Dovecot stay off for now.`,
    ),
    check: pushedProbe,
    apply: [
      run(
        script(validateAgainstShadow(CIB_FILE), 't=$(mktemp -d)', `trap 'rm -rf "$t"' EXIT`, withLiveNodes(CIB_FILE), 'cibadmin --replace --scope configuration --xml-file "$t/conf.xml"'),
        [set(K.cib, 'pushed'), set(K.mount(mp), i.volume.device), ...(i.drbd ? [set(K.drbd(i.drbd.resource, 'role'), 'Primary')] : [])],
        { timeoutMs: 5 * 60_000 },
      ),
      markSet(PUSHED),
      run(`crm_resource --wait --timeout=${i.opTimeouts.startS * (services.length + 5)}`, [], { timeoutMs: (i.opTimeouts.startS * (services.length + 5) + 60) * 1000 }),
    ],
    verify: [pushedProbe, live(`crm_resource --locate --resource p_mariadb 2>&1 | grep -q 'is running on'`, { waitMs: i.opTimeouts.startS * 1000, title: t('MariaDB läuft unter Pacemaker', 'MariaDB runs under Pacemaker') })],
    rollback: [
      run(script(...stopEverything, `f=$(mktemp) && printf '%s\\n' ${shQuote(emptyConfig)} > "$f" && cibadmin --replace --scope configuration --xml-file "$f" && rm -f "$f"`, `crm_resource --wait --timeout=${i.opTimeouts.stopS * 4}`), [set(K.cib, null), ...pacemakerStops], {
        timeoutMs: (i.opTimeouts.stopS * (services.length + 9) + 60) * 1000,
      }),
      markClear(PUSHED),
    ],
    destructive: false,
    expectedDurationS: 20,
  });

  steps.push({
    id: id('cutover.compareDb', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Datenbank auf dem neuen Datenträger vergleichen', 'Compare the database on the new volume')),
    explanation: t(
      'Liest aus dem MariaDB auf der Kopie dieselben Zahlen wie vorhin auf dem Altsystem (Zeilen und CHECKSUM TABLE je Tabelle) und vergleicht sie. Erst wenn alles gleich ist, geht es weiter.',
      'Reads the same figures from MariaDB on the copy as from legacy before (rows and CHECKSUM TABLE per table) and compares them. Only when everything is equal does the plan go on.',
    ),
    check: marked(PONR),
    apply: [run(verify('db', 'copy'), [])],
    verify: [orMark(PONR, live(same('db', 'before', 'copy')))],
    destructive: false,
    expectedDurationS: 5,
  });

  const ponrUnits = services.filter((s) => startsAtPonr(s.unit.replace('@-', '')));
  steps.push({
    id: id('cutover.open', 'primary'),
    phase: 'cutover',
    node: 'primary',
    title: on('primary', t('Mail über die Dienst-IP freigeben (Punkt ohne Rückkehr)', 'Open mail on the service address (point of no return)')),
    explanation: t(
      `Startet ${ponrUnits.map((s) => s.unit).join(' und ')} unter Pacemaker und gibt die Gruppe für beide Knoten frei. Ab jetzt nimmt der Cluster auf ${i.vip.address} (${i.vipName}) Mail an; neue Mails liegen nur noch auf dem neuen Datenträger, daher ist danach kein Rollback zum Einzelserver mehr möglich. Die Stoppuhr endet beim ersten SMTP-Gruß auf der Dienst-IP.`,
      `Starts ${ponrUnits.map((s) => s.unit).join(' and ')} under Pacemaker and releases the group for both nodes. From now on the cluster accepts mail on ${i.vip.address} (${i.vipName}); new mail lives only on the new volume, so afterwards there is no rollback to the standalone server. The stopwatch ends at the first SMTP greeting on the service address.`,
    ),
    check: marked(PONR),
    apply: [
      run(script(...ponrUnits.map((s) => `crm_resource --resource ${s.id} --meta --delete-parameter target-role`), 'crm_resource --clear --resource g_mail'), [set(K.cib, 'open')]),
      markSet(PONR),
    ],
    verify: [live(shCommand([helper('mhs-net'), 'banner', i.vip.address, '25', String(i.opTimeouts.startS * 2)]), { timeoutMs: (i.opTimeouts.startS * 2 + 30) * 1000, title: t(`SMTP-Gruß auf ${i.vip.address}:25`, `SMTP greeting on ${i.vip.address}:25`) })],
    destructive: true,
    pointOfNoReturn: true,
    expectedDurationS: 10,
    timer: { stop: OUTAGE_TIMER },
  });
  return steps;
}

/**
 * verify: the cluster as a whole. Every resource runs; no mailbox on the cluster has fewer messages than
 * legacy had before the cut-over; a test mail sent to the VIP arrives in a mailbox. Transient facts are
 * proved inside apply and leave a milestone, so a later re-run (with the group maybe on the other node)
 * does not ask them again.
 */
import { shCommand, shQuote } from '../../shell/quote';
import { helper } from '../helpers/aptUnits';
import type { PlanInput } from '../inputs/types';
import { live, markSet, marked, run, script } from '../ops';
import type { StepSpec } from '../spec';
import { id, on, t } from './common';
import { serviceResources } from './resources';

export function verifySteps(i: PlanInput): StepSpec[] {
  const primary = i.nodes.find((n) => n.role === 'primary')!;
  const ids = ['p_fs', 'p_bind_vmail', 'p_bind_mysql', 'p_bind_spool', 'p_vip', ...serviceResources(i).map((s) => s.id)];
  const onPrimary = `crm_resource --locate --resource g_mail 2>&1 | grep -q ${shQuote(`running on: ${primary.hostname}`)} || { echo 'the mail group does not run on this node' >&2; exit 1; }`;
  const steps: StepSpec[] = [
    {
      id: id('verify.resources', 'primary'),
      phase: 'verify',
      node: 'primary',
      title: on('primary', t('Alle Clusterressourcen laufen', 'Every cluster resource runs')),
      explanation: t(`Prüft, dass ${ids.join(', ')} laufen.`, `Checks that ${ids.join(', ')} run.`),
      apply: [],
      verify: [live(ids.map((r) => `crm_resource --locate --resource ${r} 2>&1 | grep -q 'is running on'`).join(' && '), { waitMs: 120_000 })],
      destructive: false,
      expectedDurationS: 5,
    },
    {
      id: id('verify.mailboxes', 'primary'),
      phase: 'verify',
      node: 'primary',
      title: on('primary', t('Kein Postfach hat Mails verloren', 'No mailbox lost mail')),
      explanation: t(
        'Zählt die Mails je Postfach auf dem Cluster und vergleicht mit dem Stand vor der Übernahme: kein Postfach darf weniger haben (neue Mails dürfen dazugekommen sein).',
        'Counts the mails per mailbox on the cluster and compares with the state before the cut-over: no mailbox may have fewer (new mail may have arrived).',
      ),
      check: marked('verified-mailboxes'),
      apply: [run(script(onPrimary, shCommand([helper('mhs-verify'), 'maildir', 'after', i.data.vmail]), shCommand([helper('mhs-verify'), 'atleast', 'before', 'after'])), []), markSet('verified-mailboxes')],
      verify: [marked('verified-mailboxes')],
      destructive: false,
      expectedDurationS: 10,
    },
  ];
  if (i.testMailbox) {
    const mbx = i.testMailbox;
    steps.push({
      id: id('verify.delivery', 'primary'),
      phase: 'verify',
      node: 'primary',
      title: on('primary', t(`Testmail an ${mbx} über die Dienst-IP zustellen`, `Deliver a test mail to ${mbx} through the service address`)),
      explanation: t(
        `Schickt per SMTP an ${i.vip.address}:25 eine Testmail an ${mbx} und wartet, bis Dovecot sie im Posteingang findet: der ganze Weg Postfix -> LMTP -> Dovecot -> Datenträger funktioniert.`,
        `Sends a test mail to ${mbx} by SMTP to ${i.vip.address}:25 and waits until Dovecot finds it in the inbox: the whole path Postfix -> LMTP -> Dovecot -> volume works.`,
      ),
      check: marked('verified-delivery'),
      apply: [
        run(
          script(
            onPrimary,
            'token="mhs-$(date +%s)-$$"',
            `${shCommand([helper('mhs-net'), 'send', i.vip.address, '25', mbx, mbx])} "$token"`,
            'n=0',
            `until doveadm search -u ${shQuote(mbx)} mailbox INBOX header Message-ID "$token" | grep -q .; do n=$((n + 1)); [ $n -lt 60 ] || { echo "the test mail did not arrive within 60 s" >&2; exit 1; }; sleep 1; done`,
            'echo "delivered: $token"',
          ),
          [],
          { timeoutMs: 180_000 },
        ),
        markSet('verified-delivery'),
      ],
      verify: [marked('verified-delivery')],
      destructive: false,
      expectedDurationS: 10,
    });
  }
  return steps;
}

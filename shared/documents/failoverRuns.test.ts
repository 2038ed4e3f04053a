import { describe, expect, it } from 'vitest';
import { planProject } from '../planning/planProject';
import type { Project } from '../project/schema';
import type { CaseResult } from '../failover/schema';
import { seedProject } from '../../test/support/documents/seedProject';
import { commissionedProject } from '../../test/support/documents/results';
import { strictTranslator } from '../../test/support/documents/strictTranslator';
import { keyEvents } from './failoverRuns';
import { buildDocument } from './index';
import { modelTexts } from './model';

type Ev = CaseResult['events'][number];

async function text(kind: 'report' | 'acceptance', project: Project, lang: 'de' | 'en') {
  const { t, missing } = await strictTranslator(lang);
  const model = buildDocument(kind, { project, plan: planProject(project), generatedAt: '2026-12-01T12:00:00Z', appVersion: '0.1.0' }, t, lang);
  expect(missing).toEqual([]);
  return modelTexts(model).join('\n');
}

/** The seed's acceptance run with its planned standby failed on the SMTP outage, as the ct lab measured it. */
function failedStandby(): Project {
  const p = commissionedProject(seedProject({ actualHours: true }));
  const standby = p.failover.runs[0]!.cases[0]!;
  standby.verdict = {
    value: 'fail',
    checks: [
      { id: 'outage.smtp', ok: false, key: 'failover:checks.outage', params: { protocol: 'smtp', seconds: 32.2, limit: 21, windows: 1 } },
      { id: 'mail.bounced', ok: false, key: 'failover:checks.mailsBounced', params: { count: 4 } },
      { id: 'findings.unexpected', ok: false, key: 'failover:checks.unexpectedErrors', params: { count: 1, kinds: 'dovecotError' } },
      { id: 'dualActive', ok: true, key: 'failover:checks.singleActive' },
    ],
  };
  return p;
}

describe('failover results in the documents', () => {
  it('Validierung names the failed checks in the reader’s words and numbers', async () => {
    const de = await text('report', failedStandby(), 'de');
    expect(de).toContain('Nicht erfüllt: SMTP (25): Ausfall 32,2 s (Ziel ≤ 21 s, 1 Fenster); 4 Mails dauerhaft abgewiesen');
    expect(de).toContain('Unerwartete Fehler in den Logs: 1 (Dovecot-Fehler)');
    expect(de).not.toMatch(/smtp: |32\.2|dovecotError/);
    const en = await text('report', failedStandby(), 'en');
    expect(en).toContain('Not met: SMTP (25): outage 32.2 s (target ≤ 21 s, 1 window(s))');
  });

  it('the acceptance record lists each failed case with why it failed as an open point', async () => {
    const de = await text('acceptance', failedStandby(), 'de');
    expect(de).toContain('Testfall „Geplanter Standby“ nicht bestanden – SMTP (25): Ausfall 32,2 s (Ziel ≤ 21 s, 1 Fenster); 4 Mails dauerhaft abgewiesen');
    expect(de).toContain('Nacharbeit und Wiederholung des Tests.');
    // The seed's hard crash lost a mail: failed on that.
    expect(de).toMatch(/Testfall „Harter Absturz des aktiven Knotens“ nicht bestanden – [^\n]*verloren/);
  });

  it('mails of a case whose mailbox could not be read are printed as not verified, not as lost', async () => {
    const p = commissionedProject(seedProject({ actualHours: true }));
    const standby = p.failover.runs[0]!.cases[0]!;
    const tally = standby.mails!.tally;
    standby.mails!.tally = { ...tally, delivered: 0, lost: [], notVerified: Array.from({ length: tally.accepted }, (_, n) => n) };
    standby.verdict = { value: 'aborted', reason: { key: 'ssh:errors.cancelled' }, checks: [{ id: 'mail.verified', ok: false, key: 'failover:checks.mailsNotVerified', params: { count: tally.accepted, accepted: tally.accepted } }] };
    const de = await text('acceptance', p, 'de');
    expect(de).toContain(`${tally.accepted}/${tally.sent} angenommen, 0 verloren, ${tally.accepted} nicht geprüft, 0 doppelt`);
    const en = await text('acceptance', p, 'en');
    expect(en).toContain(`${tally.accepted}/${tally.sent} accepted, 0 lost, ${tally.accepted} not verified, 0 duplicated`);
    // A case whose mailbox was read keeps the short form.
    expect(de).not.toMatch(/angenommen, 1 verloren, 0 nicht geprüft/);
    expect(de).toMatch(/angenommen, 1 verloren, 0 doppelt/);
  });

  it('a cluster without fencing is not accepted "with its fencing": the risk acceptance is named', async () => {
    const p = failedStandby();
    p.planning.quorumFencing = { ...p.planning.quorumFencing, fencing: ['none'], riskAcceptance: { who: 'Petra Groß', when: '2026-11-20', reason: 'Labor' } };
    const de = await text('acceptance', p, 'de');
    expect(de).toContain('Ein Fencing ist nicht eingerichtet; das Risiko hat Petra Groß am 20.11.2026 schriftlich akzeptiert.');
    expect(de).not.toContain('das Fencing und die Überwachung');
    expect(await text('acceptance', failedStandby(), 'de')).toContain('die Datenhaltung, das Fencing und die Überwachung');
  });
});

describe('keyEvents: what a printed time line numbers', () => {
  const t0 = 1_000_000;
  const ev = (s: number, node: string, kind: Ev['kind'], txt: string, bad?: boolean): Ev => ({ t: t0 + s * 1000, node, kind, text: txt, ...(bad ? { bad } : {}) });
  // The shape of a real planned standby on the ct lab: a stop chain, a start chain, journal lines twice.
  const standby: Ev[] = [
    ev(0, 'legacy', 'fault', 'fault: standby'),
    ev(0.3, 'secondary', 'resource', 'stop p_mariadb on legacy …'),
    ev(2.2, 'legacy', 'service', 'mariadb stopped'),
    ev(2.3, 'legacy', 'service', 'mariadb stopped'),
    ...['p_mariadb', 'p_postfix', 'p_vip', 'p_dovecot', 'p_bind_vmail', 'p_bind_spool', 'p_fs'].flatMap((r, i) => [
      ev(3 + i * 2, 'secondary', 'resource', `stop ${r} on legacy …`), ev(3.5 + i * 2, 'legacy', 'resource', `stop ${r} on legacy: ok`),
    ]),
    ...['p_fs', 'p_bind_vmail', 'p_bind_mysql', 'p_bind_spool', 'p_mariadb', 'p_dovecot', 'p_postfix'].flatMap((r, i) => [
      ev(18 + i * 3, 'secondary', 'resource', `start ${r} on secondary …`), ev(19 + i * 3, 'secondary', 'resource', `start ${r} on secondary: ok`),
    ]),
    ev(37.8, 'secondary', 'service', 'postfix started'),
    ev(40, '', 'runner', 'services on secondary'),
    ev(47.7, 'secondary', 'membership', 'membership 2.29: joined 2'),
    ev(47.7, 'secondary', 'quorum', 'quorum members[1]: 2'),
    ev(49.0, 'legacy', 'membership', 'membership 1.2d: joined 2'),
  ];

  it('keeps the fault, the service milestones and the end of the start chain, in time order, at most 12', () => {
    const k = keyEvents(standby);
    expect(k.length).toBe(12);
    expect(k.map((e) => e.t)).toEqual([...k.map((e) => e.t)].sort((a, b) => a - b));
    const texts = k.map((e) => e.text);
    expect(texts[0]).toBe('fault: standby');
    expect(texts).toContain('postfix started');
    expect(texts).toContain('start p_postfix on secondary: ok');
    expect(texts).toContain('start p_fs on secondary: ok');
    expect(texts.filter((x) => x === 'mariadb stopped')).toHaveLength(1);
    expect(texts).not.toContain('services on secondary');
    // One membership burst (two nodes, membership and quorum lines within 1.5 s) is one event.
    expect(k.filter((e) => e.kind === 'membership' || e.kind === 'quorum')).toHaveLength(1);
  });

  it('never drops a bad sign or a fence for resource steps', () => {
    const crash = [ev(-2.4, 'legacy', 'membership', 'knet host 2 link 0 down', true), ev(-2.2, 'legacy', 'membership', 'knet host 2 link 1 down', true), ev(0.5, 'legacy', 'fence', 'fenced mail02'), ...standby.slice(4)];
    const k = keyEvents(crash, 8);
    expect(k).toHaveLength(8);
    expect(k.map((e) => e.text)).toEqual(expect.arrayContaining(['knet host 2 link 0 down', 'knet host 2 link 1 down', 'fenced mail02']));
  });
});

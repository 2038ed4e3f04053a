import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parsePostfix } from './postfix.js';

const POSTCONF_N = `alias_database = hash:/etc/aliases
alias_maps = hash:/etc/aliases
compatibility_level = 3.6
inet_interfaces = all
inet_protocols = all
myhostname = mail.example.org
mydestination = $myhostname, localhost
relayhost = [smarthost.example.net]:587
smtp_sasl_auth_enable = yes
smtp_tls_security_level = encrypt
smtpd_recipient_restrictions = permit_mynetworks,
    permit_sasl_authenticated,
    reject_unauth_destination
smtpd_tls_cert_file = /etc/letsencrypt/live/mail.example.org/fullchain.pem
smtpd_tls_key_file = /etc/letsencrypt/live/mail.example.org/privkey.pem
smtpd_tls_security_level = may
virtual_alias_maps = proxy:mysql:/etc/postfix/sql/aliases.cf
virtual_mailbox_domains = proxy:mysql:/etc/postfix/sql/domains.cf
virtual_mailbox_maps = proxy:mysql:/etc/postfix/sql/mailboxes.cf, hash:/etc/postfix/vmailbox
virtual_transport = lmtp:unix:private/dovecot-lmtp`;

const POSTCONF_M = `smtp       inet  n       -       y       -       -       smtpd
submission inet  n       -       y       -       -       smtpd
    -o syslog_name=postfix/submission
    -o smtpd_tls_security_level=encrypt
pickup     unix  n       -       y       60      1       pickup
cleanup    unix  n       -       y       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
smtp       unix  -       -       y       -       -       smtp`;

describe('postfix parser', () => {
  it('reads a smarthost setup with MySQL maps, TLS and submission', () => {
    const r = parsePostfix(out({ postconf: POSTCONF_N, master: POSTCONF_M, version: '3.7.11', queue: 'active 3\ndeferred 1250\nincoming 0\nhold 2\nmaildrop 0' }));
    expect(r.notes).toEqual([]);
    const p = r.postfix!;
    expect(p).toMatchObject({ version: '3.7.11', myhostname: 'mail.example.org', inetInterfaces: 'all', relayhost: '[smarthost.example.net]:587', role: 'smarthost', submissionEnabled: true, smtpsEnabled: false });
    expect(p.mysqlMaps).toEqual(['/etc/postfix/sql/aliases.cf', '/etc/postfix/sql/domains.cf', '/etc/postfix/sql/mailboxes.cf']);
    expect(p.tls).toEqual({ smtpdCertFile: '/etc/letsencrypt/live/mail.example.org/fullchain.pem', smtpdSecurityLevel: 'may', smtpSecurityLevel: 'encrypt', inboundEnabled: true, outboundEnabled: true });
    expect(p.mainCf?.smtpd_recipient_restrictions).toBe('permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination');
    expect(p.queue).toEqual({ active: 3, deferred: 1250, incoming: 0, hold: 2, total: 1255 });
  });

  it('recognises direct delivery without TLS', () => {
    const r = parsePostfix(out({ postconf: 'myhostname = mx.example.com\nrelayhost =\nvirtual_mailbox_domains = example.com', master: 'smtp inet n - y - - smtpd', version: '3.7.11', postqueue: ['sh: 1: postqueue: not found', 0], queue: ['find: Permission denied', 1] }));
    expect(r.postfix).toMatchObject({ role: 'direct', mysqlMaps: [], submissionEnabled: false, tls: { inboundEnabled: false, outboundEnabled: false } });
    expect(r.postfix?.relayhost).toBeUndefined();
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.permissionDenied']);
  });

  it('counts the queue with postqueue when the spool is not readable', () => {
    const r = parsePostfix(out({ postconf: 'relayhost =', master: '', version: '3.7.11', postqueue: '      7 active\n   1250 deferred', queue: ['find: ‘/var/spool/postfix/active’: Permission denied', 1] }));
    expect(r.postfix?.queue).toEqual({ active: 7, deferred: 1250, total: 1257 });
    expect(r.notes).toEqual([]);
    expect(parsePostfix(out({ postconf: 'relayhost =', postqueue: '', queue: ['find: Permission denied', 1] })).postfix?.queue).toEqual({ total: 0 });
  });

  it('notes a server without Postfix', () => {
    expect(parsePostfix(out({ postconf: ['sh: 1: postconf: not found', 127] })).notes.map((n) => n.key)).toContain('analysis:notes.postfix.notAvailable');
  });
});

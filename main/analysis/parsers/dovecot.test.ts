import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseDovecot } from './dovecot.js';

const DOVECONF_23 = `# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf
# Pigeonhole version 0.5.19 (4eae2f79)
# OS: Linux 6.1.0-18-amd64 x86_64 Debian 12.5 ext4
# Hostname: mail.example.org
auth_mechanisms = plain login
mail_location = maildir:/var/vmail/%d/%n
mail_plugins = " notify replication"
namespace inbox {
  inbox = yes
  location =
  mailbox Drafts {
    special_use = \\Drafts
  }
  prefix =
}
passdb {
  args = /etc/dovecot/dovecot-sql.conf.ext
  driver = sql
}
protocols = imap lmtp sieve
service replicator {
  process_min_avail = 1
}
plugin {
  mail_replica = tcp:mail2.example.org
}
ssl = required
ssl_cert = </etc/letsencrypt/live/mail.example.org/fullchain.pem
userdb {
  args = uid=vmail gid=vmail home=/var/vmail/%d/%n
  driver = static
}`;

const DOVECONF_24 = `# 2.4.1-4 (7d8c0e5759): /etc/dovecot/dovecot.conf
dovecot_config_version = 2.4.1
mail_driver = maildir
mail_path = ~/Maildir
protocols {
  imap = yes
  lmtp = yes
}
passdb sql {
  query = SELECT password FROM users WHERE userid = '%{user}'
}
userdb static {
  fields {
    uid = vmail
  }
}
ssl = required`;

describe('dovecot parser', () => {
  it('reads a 2.3 config with SQL passdb and the replicator', () => {
    const r = parseDovecot(out({ version: '2.3.19.1 (9b53102964)', doveconf: DOVECONF_23 }));
    expect(r.notes).toEqual([]);
    expect(r.dovecot).toEqual({ version: '2.3.19.1', protocols: ['imap', 'lmtp', 'sieve'], mailLocation: 'maildir:/var/vmail/%d/%n', passdbDrivers: ['sql'], userdbDrivers: ['static'], replicatorConfigured: true, sslEnabled: true });
  });

  it('reads 2.4 named passdb/userdb sections (no replicator)', () => {
    const r = parseDovecot(out({ version: '2.4.1-4 (7d8c0e5759)', doveconf: DOVECONF_24 }));
    expect(r.dovecot).toMatchObject({ version: '2.4.1-4', mailLocation: '~/Maildir', passdbDrivers: ['sql'], userdbDrivers: ['static'], replicatorConfigured: false });
  });

  it('keeps the version when doveconf is not allowed', () => {
    const r = parseDovecot(out({ version: '2.3.19.1 (9b53102964)', doveconf: ['doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf line 12: ssl_key: Can\'t open file /etc/dovecot/private/dovecot.key: Permission denied', 89] }));
    expect(r.dovecot).toEqual({ version: '2.3.19.1' });
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.permissionDenied']);
  });
});

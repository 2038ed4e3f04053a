import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseData } from './data.js';

const FIND = [
  'D\texample.org/anna',
  'D\texample.org/max',
  'D\texample.org/leer',
  'D\tkanzlei.de/info',
  'F\t4512\texample.org/anna/cur/1700000000.M1P2.mail,S=4512,W=4600:2,S',
  'F\t1200\texample.org/anna/new/1700000001.M2P2.mail,S=1200,W=1230',
  'F\t90000\texample.org/anna/.Sent/cur/1700000002.M3P2.mail,S=90000:2,S',
  'F\t300\texample.org/anna/tmp/1700000003.M4P2.mail',
  'F\t700\texample.org/max/Maildir/cur/1700000004.M5P2.mail:2,',
  'F\t50\tkanzlei.de/info/cur/1700000005.M6P2.mail:2,S',
  'F\tnotanumber\tkanzlei.de/info/cur/x',
].join('\n');

describe('data parser', () => {
  it('sums sizes and counts mailboxes and messages per domain', () => {
    const r = parseData(out({ du: '53687091200\t/var/vmail\n1073741824\t/var/lib/mysql/\n8192\t/var/spool/postfix', maildirs: FIND }));
    expect(r.notes).toEqual([]);
    expect(r.data).toEqual({
      vmailBytes: 53687091200,
      datadirBytes: 1073741824,
      spoolBytes: 8192,
      domains: [
        { domain: 'example.org', mailboxes: 3, messages: 4, bytes: 4512 + 1200 + 90000 + 700 },
        { domain: 'kanzlei.de', mailboxes: 1, messages: 1, bytes: 50 },
      ],
      totalMailboxes: 4,
      totalMessages: 5,
    });
  });

  it('leaves sizes out rather than report too little without root', () => {
    const r = parseData(out({ du: ["du: cannot read directory '/var/vmail/example.org/anna': Permission denied\n1000\t/var/vmail\n8192\t/var/spool/postfix", 1], maildirs: ['sh: 1: cd: can\'t cd to /var/vmail', 126] }));
    expect(r.data).toEqual({});
    expect(r.notes.map((n) => `${n.key} ${n.params?.section}`)).toEqual(['analysis:notes.permissionDenied du', 'analysis:notes.permissionDenied maildirs']);
  });

  it('notes a server without /var/vmail', () => {
    const r = parseData(out({ du: ['du: cannot access \'/var/vmail\': No such file or directory\n4096\t/var/lib/mysql\n8192\t/var/spool/postfix', 1], maildirs: ['no /var/vmail', 3] }));
    expect(r.data).toMatchObject({ datadirBytes: 4096, spoolBytes: 8192 });
    expect(r.notes.map((n) => n.key)).toEqual(['analysis:notes.data.noMaildirs']);
  });

  it('measures where the paths section says, with its layout (mailboxes as user@domain under /data/mail)', () => {
    const r = parseData(
      out({
        paths: 'template\t/data/mail/%u\nroot\t/data/mail\nspool\t/srv/postfix-queue\ndatadir\t/srv/mysql',
        du: '5000\t/data/mail\n300\t/srv/postfix-queue\n7000\t/srv/mysql\n99\t/var/vmail',
        maildirs: ['D\tanna@example.org', 'D\tanna@example.org/cur', 'D\tbob@kanzlei.de', 'F\t10\tanna@example.org/cur/1:2,S', 'F\t20\tanna@example.org/.Sent/new/2', 'F\t5\tbob@kanzlei.de/tmp/3'].join('\n'),
      }),
    );
    expect(r.notes).toEqual([]);
    expect(r.data).toEqual({
      vmailBytes: 5000,
      spoolBytes: 300,
      datadirBytes: 7000,
      domains: [
        { domain: 'example.org', mailboxes: 1, messages: 2, bytes: 30 },
        { domain: 'kanzlei.de', mailboxes: 1, messages: 0, bytes: 0 },
      ],
      totalMailboxes: 2,
      totalMessages: 2,
    });
  });

  it('names the mail root it looked at when there is none', () => {
    const r = parseData(out({ paths: 'template\t/srv/vmail/%d/%n\nroot\t/srv/vmail\nspool\t/var/spool/postfix\ndatadir\t/var/lib/mysql', du: ['4096\t/var/lib/mysql', 1], maildirs: ['no /srv/vmail', 3] }));
    expect(r.notes).toEqual([{ key: 'analysis:notes.data.noMaildirs', params: { path: '/srv/vmail' } }]);
  });
});

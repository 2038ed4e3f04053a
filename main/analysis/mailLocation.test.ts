import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shQuote } from '../../shared/shell/quote';
import { DISCOVER_PATHS } from './collectors/data';
import { mailLayout, mailLayoutFor, mailTemplate } from './mailLocation';

const CASES: Array<{ location: string; home?: string; template?: string; root: string; depth: number; domainAt?: number; userAt: number; userWithDomain?: boolean }> = [
  { location: 'maildir:/srv/vmail/%d/%n', template: '/srv/vmail/%d/%n', root: '/srv/vmail', depth: 2, domainAt: 0, userAt: 1 },
  { location: 'maildir:/var/vmail/%Ld/%Ln/Maildir:LAYOUT=fs', template: '/var/vmail/%Ld/%Ln/Maildir', root: '/var/vmail', depth: 2, domainAt: 0, userAt: 1 },
  { location: 'maildir:~/Maildir', home: '/home/vmail/%d/%n', template: '/home/vmail/%d/%n/Maildir', root: '/home/vmail', depth: 2, domainAt: 0, userAt: 1 },
  { location: '/var/mail/%{user|domain}/%{user|username}', template: '/var/mail/%{user|domain}/%{user|username}', root: '/var/mail', depth: 2, domainAt: 0, userAt: 1 },
  { location: 'mdbox:/data/mail/%u', template: '/data/mail/%u', root: '/data/mail', depth: 1, userAt: 0, userWithDomain: true },
  { location: 'maildir:/mail/vhosts/%n', template: '/mail/vhosts/%n', root: '/mail/vhosts', depth: 1, userAt: 0 },
];

describe('mail location', () => {
  it.each(CASES)('$location -> root $root', (c) => {
    expect(mailTemplate(c.location, c.home)).toBe(c.template);
    expect(mailLayout(c.template!)).toMatchObject({ root: c.root, depth: c.depth, userAt: c.userAt, userWithDomain: c.userWithDomain ?? false, ...(c.domainAt !== undefined ? { domainAt: c.domainAt } : {}) });
  });

  it('falls back to /var/vmail/%d/%n only when Dovecot says nothing usable', () => {
    expect(mailLayoutFor(undefined).root).toBe('/var/vmail');
    expect(mailLayoutFor('maildir:~/Maildir').root).toBe('/var/vmail'); // home unknown
    expect(mailLayoutFor('maildir:/%d/%n').root).toBe('/var/vmail'); // nothing fixed before the variables
    expect(mailLayoutFor('maildir:/srv/vmail/%d/%n').root).toBe('/srv/vmail');
  });

  describe('the offline script finds the same root and template on the server (sh + a doveconf that prints them)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-mailloc-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it.each([...CASES, { location: 'maildir:/%d/%n', template: '/var/vmail/%d/%n', root: '/var/vmail', depth: 2, userAt: 1 }, { location: '', template: '/var/vmail/%d/%n', root: '/var/vmail', depth: 2, userAt: 1 }])('$location', (c) => {
      const doveconf = path.join(dir, 'doveconf');
      writeFileSync(doveconf, `#!/bin/sh\ncase "$2" in mail_location) printf '%s\\n' ${shQuote(c.location)};; mail_home) printf '%s\\n' ${shQuote(c.home ?? '')};; esac\n`);
      chmodSync(doveconf, 0o755);
      const out = execFileSync('/bin/sh', ['-c', `${DISCOVER_PATHS}\nprintf '%s|%s' "$T" "$R"`], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: 'utf8' });
      const layout = mailLayoutFor(c.location, c.home);
      expect(out).toBe(`${layout.template}|${layout.root}`);
    });
  });
});

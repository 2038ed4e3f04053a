/**
 * Where the mailboxes are, as Dovecot says: its mail_location (2.3, e.g. `maildir:/srv/vmail/%d/%n`,
 * `maildir:~/Maildir` with mail_home = /var/vmail/%d/%n) or mail_path (2.4, e.g.
 * `/var/vmail/%{user|domain}/%{user|username}`). From the path template come the root directory to measure and
 * which directory levels below it name the domain and the user. Pure.
 */

/** Debian's and most how-tos' default, used only when Dovecot does not say (not installed, not readable). */
export const DEFAULT_MAIL_ROOT = '/var/vmail';

export interface MailLayout {
  /** The path template the mailboxes follow, e.g. /srv/vmail/%d/%n/Maildir. */
  template: string;
  /** The fixed directory before the first variable (what du measures and find walks). */
  root: string;
  /** Levels below root up to the mailbox directory (1 for %u, 2 for %d/%n). */
  depth: number;
  /** Level (0-based, below root) that names the domain, if any. */
  domainAt?: number;
  /** Level that names the user (for %u: user@domain). */
  userAt: number;
  /** True when the user level is user@domain (%u). */
  userWithDomain: boolean;
}

/** %d %Ld %{domain} %{user|domain} ... ; %n %Ln %{username} %{user|username}; %u %Lu %{user}. */
function variableKind(segment: string): 'domain' | 'user' | 'full' | 'other' | undefined {
  if (!segment.includes('%')) return undefined;
  const s = segment.replace(/%L|%\{lower:/g, '%').replace(/\|lower\}/g, '}');
  if (/^%(d|\{domain\}|\{user\s*\|\s*domain\})$/.test(s)) return 'domain';
  if (/^%(n|\{username\}|\{user\s*\|\s*username\})$/.test(s)) return 'user';
  if (/^%(u|\{user\})$/.test(s)) return 'full';
  return 'other';
}

/**
 * The mailbox path template from Dovecot's settings: the part of mail_location between the format prefix
 * and the first `:option`; a leading ~ stands for mail_home. undefined when nothing usable is configured.
 */
export function mailTemplate(location: string | undefined, home?: string): string | undefined {
  if (!location) return undefined;
  let p = location.trim().replace(/^[a-z0-9]+:(?!\/\/)/i, '');
  p = p.split(':')[0] ?? '';
  if (p.startsWith('~')) {
    if (!home || !home.startsWith('/')) return undefined;
    p = home.replace(/\/+$/, '') + p.slice(1);
  } else if (p.startsWith('%{home}') || p.startsWith('%h')) {
    if (!home || !home.startsWith('/')) return undefined;
    p = home.replace(/\/+$/, '') + p.replace(/^(%\{home\}|%h)/, '');
  }
  return p.startsWith('/') ? p.replace(/\/+$/, '') : undefined;
}

/** Root and levels of a template; undefined when the root would be / (nothing fixed before the variables). */
export function mailLayout(template: string): MailLayout | undefined {
  const parts = template.split('/').filter(Boolean);
  const first = parts.findIndex((s) => s.includes('%') || s.startsWith('~'));
  const fixed = first < 0 ? parts : parts.slice(0, first);
  if (!fixed.length) return undefined;
  const root = `/${fixed.join('/')}`;
  const vars = first < 0 ? [] : parts.slice(first);
  let domainAt: number | undefined;
  let userAt: number | undefined;
  let userWithDomain = false;
  let depth = 0;
  vars.forEach((seg, i) => {
    const k = variableKind(seg);
    if (!k) return;
    depth = i + 1;
    if (k === 'domain' && domainAt === undefined) domainAt = i;
    if ((k === 'user' || k === 'full') && userAt === undefined) {
      userAt = i;
      userWithDomain = k === 'full';
    }
  });
  // No variable at all, or none we understand: each directory under the root is one mailbox.
  if (userAt === undefined) return { template, root, depth: Math.max(1, depth), userAt: Math.max(0, depth - 1), userWithDomain: false, ...(domainAt !== undefined ? { domainAt } : {}) };
  return { template, root, depth, userAt, userWithDomain, ...(domainAt !== undefined ? { domainAt } : {}) };
}

/** The layout the server uses, or the default one (/var/vmail/%d/%n) when Dovecot's settings say nothing usable. */
export function mailLayoutFor(location: string | undefined, home?: string): MailLayout {
  const t = mailTemplate(location, home);
  return (t ? mailLayout(t) : undefined) ?? (mailLayout(`${DEFAULT_MAIL_ROOT}/%d/%n`) as MailLayout);
}

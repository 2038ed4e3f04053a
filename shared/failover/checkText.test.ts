import { describe, expect, it } from 'vitest';
import { cliT } from '../../main/cli/command';
import { checkText } from './checkText';

describe('checkText (the real locale files)', () => {
  it('writes figures the reader way and protocols by name', async () => {
    const de = await cliT({ lang: 'de' });
    const en = await cliT({ lang: 'en' });
    const p = { protocol: 'submission', seconds: 23.75, limit: 26.6, windows: 1 };
    expect(checkText(de, 'de', 'failover:checks.outage', p)).toContain('23,8');
    expect(checkText(de, 'de', 'failover:checks.outage', p)).toContain('Submission (587)');
    expect(checkText(en, 'en', 'failover:checks.outage', p)).toContain('23.8');
  });

  it('names the finding kinds and leaves no empty brackets after zero', async () => {
    const de = await cliT({ lang: 'de' });
    expect(checkText(de, 'de', 'failover:checks.criticalFindings', { count: 0, kinds: '–' })).toBe('Kritische Log-Befunde: keine');
    expect(checkText(de, 'de', 'failover:checks.criticalFindings', { count: 2, kinds: 'splitBrain, dualActive' })).toBe('Kritische Log-Befunde: 2 (Split Brain, Auf zwei Knoten aktiv)');
  });

  it('says mails were not verified, not lost, when the mailbox could not be read, in both languages', async () => {
    const de = await cliT({ lang: 'de' });
    const en = await cliT({ lang: 'en' });
    const key = 'failover:checks.mailsNotVerified';
    expect(checkText(de, 'de', key, { count: 34, accepted: 34 })).toBe('34 angenommene Mails nicht geprüft: das Postfach war nicht lesbar');
    expect(checkText(de, 'de', key, { count: 1, accepted: 1 })).toBe('1 angenommene Mail nicht geprüft: das Postfach war nicht lesbar');
    expect(checkText(de, 'de', key, { count: 0, accepted: 34 })).toBe('Keine angenommene Mail blieb ungeprüft');
    expect(checkText(en, 'en', key, { count: 34, accepted: 34 })).toBe('34 accepted mails not verified: the mailbox could not be read');
    expect(checkText(en, 'en', key, { count: 0, accepted: 34 })).toBe('No accepted mail left unverified');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SshErrorCode } from './errors';

const load = (lng: string) => JSON.parse(readFileSync(new URL(`../../shared/i18n/locales/${lng}/ssh.json`, import.meta.url), 'utf8')) as { errors: Record<string, string> };

describe('ssh messages', () => {
  it.each(['de', 'en'])('%s has a message for every error code the engine throws', (lng) => {
    const { errors } = load(lng);
    for (const code of [...Object.values(SshErrorCode), 'ssh:errors.auditFailed']) {
      const key = code.replace(/^ssh:errors\./, '');
      expect(errors[key], `${lng}: ${code}`).toBeTruthy();
    }
  });

  it('hostKeyUnknown and hostKeyChanged show the fingerprints the user must compare', () => {
    for (const lng of ['de', 'en']) {
      const { errors } = load(lng);
      expect(errors.hostKeyUnknown).toContain('{{fingerprint}}');
      expect(errors.hostKeyUnknown).toContain('{{keyType}}');
      expect(errors.hostKeyChanged).toContain('{{oldFingerprint}}');
      expect(errors.hostKeyChanged).toContain('{{newFingerprint}}');
    }
  });
});

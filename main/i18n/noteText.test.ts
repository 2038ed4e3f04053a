/** Notes read as sentences in both languages, also when a parameter is itself a message code. */
import { describe, expect, it } from 'vitest';
import { noteText } from '../../shared/analysis/noteText';
import { nodeTranslator } from './nodeI18n';

const timeout = { key: 'analysis:notes.collectorFailed', params: { collector: 'maillog', error: 'ssh:errors.commandTimeout', seconds: 120, host: 'mail.example.org' }, source: 'maillog' };

describe('noteText', () => {
  it('translates the collector and the error it failed with, in German and English', async () => {
    const de = noteText((await nodeTranslator('de')) as never, timeout);
    expect(de).toBe('Der Sammler Mailaufkommen (Mail-Log) konnte nicht ausgeführt werden: Der Befehl auf mail.example.org hat länger als 120 Sekunden gebraucht und wurde abgebrochen. Bitte später noch einmal versuchen oder den Server prüfen.');
    const en = noteText((await nodeTranslator('en')) as never, timeout);
    expect(en).toMatch(/^Collector Mail volume \(mail log\) could not be run: .*mail\.example\.org.*120 seconds/);
    for (const text of [de, en]) expect(text).not.toMatch(/\b(analysis|ssh):|\{\{/);
  });

  it('names a rejected value in the user\'s language', async () => {
    const n = { key: 'analysis:notes.valueRejected', params: { collector: 'hardware', field: 'hardware.cpuThreads', value: '100000000000000000000' } };
    expect(noteText((await nodeTranslator('de')) as never, n)).toBe('Hardware (CPU, Arbeitsspeicher, Netzwerk): Der Wert „100000000000000000000“ für hardware.cpuThreads liegt außerhalb des gültigen Bereichs und wurde verworfen.');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FactsSchema } from '../../shared/analysis/facts.js';
import { collectors } from './collectors/index.js';
import { BUNDLE_MAGIC, generateOfflineScript, parseCollectorBundle, splitBundle } from './offlineScript.js';

const dir = mkdtempSync(join(tmpdir(), 'mhs-offline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('offline collector script', () => {
  it('runs with sh on this machine and parses into valid facts', () => {
    const script = join(dir, 'mhs-collect.sh');
    writeFileSync(script, generateOfflineScript());
    const out = join(dir, 'bundle.txt');
    execFileSync('sh', [script, out], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60000 });
    const text = readFileSync(out, 'latin1');
    const facts = parseCollectorBundle(text);
    expect(FactsSchema.safeParse(facts).success).toBe(true);
    expect(facts.source).toBe('offline');
    expect(facts.collectedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Object.keys(facts.collectors ?? {}).sort()).toEqual(collectors.map((c) => c.id).sort());
    // Everything this Debian machine certainly has:
    expect(facts.os?.id).toBe('debian');
    expect(facts.hardware?.memTotalBytes).toBeGreaterThan(0);
    expect(facts.storage?.filesystems?.some((f) => f.mountpoint === '/')).toBe(true);
    expect(facts.collectors?.os?.status).not.toBe('failed');
  });

  it('is read-only: no writes, deletes or service changes besides its own output file', () => {
    const s = generateOfflineScript();
    expect(s).not.toMatch(/\b(rm|mv|cp|dd|mkfs|tee|sed -i|systemctl (start|stop|restart|enable|disable)|postsuper|postqueue -f)\b/);
    const redirects = s.match(/>\s*[^\s>;)]+/g) ?? [];
    expect(redirects.filter((r) => !/^>(&[123-]|\/dev\/null|"\$OUT")$/.test(r))).toEqual([]);
  });

  it('cannot be confused by output that imitates the markers', () => {
    const b = 'MHS-0123456789abcdef01234567';
    const fake = 'MHS-ffffffffffffffffffffffff';
    const os = `@@mhs:begin osrelease\nID=debian\nVERSION_ID="12"\n${fake} end os 0\n${fake} begin storage\n@@mhs:end osrelease 0\n`;
    const text = `${BUNDLE_MAGIC}${b}\n${b} meta collectedAt=2026-11-25T20:00:00Z uid=0\n${b} begin os\n${os}\n${b} end os 0\n`;
    const { sections } = splitBundle(text);
    expect(sections.map((s) => s.id)).toEqual(['os']);
    const facts = parseCollectorBundle(text);
    expect(facts.os).toMatchObject({ id: 'debian', versionId: '12' });
    expect(facts.collectors?.os).toEqual({ status: 'partial', exitCode: 0, collectedAt: '2026-11-25T20:00:00Z' });
    expect(facts.collectors?.storage?.status).toBe('skipped');
  });

  it('never throws on arbitrary bundles', () => {
    const b = 'MHS-abc';
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(`${b} begin os`, `${b} end os 0`, `${b} begin storage`, `${b} meta uid=0 collectedAt=x`, '@@mhs:begin dpkg', '@@mhs:end dpkg 1')), { maxLength: 30 }), (lines) => {
        const facts = parseCollectorBundle(`${BUNDLE_MAGIC}${b}\n${lines.join('\n')}`);
        expect(FactsSchema.safeParse(facts).success).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(parseCollectorBundle('garbage').notes?.map((n) => n.key)).toEqual(['analysis:notes.bundle.invalid']);
  });
});

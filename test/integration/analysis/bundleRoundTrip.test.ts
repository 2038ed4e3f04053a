/**
 * Property: whatever bytes a server's tools print, the facts the app makes of them survive save -> open
 * unchanged. Driven through the app's own handlers (analysis.importBundle, project.save, project.open) with
 * collector bundles whose sections hold arbitrary bytes: invalid UTF-8, control characters, terminal escape
 * sequences, numbers far beyond any schema limit, megabyte lines, fragments that look like real output.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/analysis/facts';
import type { Project } from '../../../shared/project/schema';
import { createDispatcher } from '../../../main/handlers/dispatch';
import { createNodeServices } from '../../../main/nodeServices';
import { collectors } from '../../../main/analysis/collectors/index';
import { BUNDLE_MAGIC } from '../../../main/analysis/offlineScript';
import { checkedResult } from '../../../main/analysis/runAnalysis';
import { parseProjectBytes, projectFileBytes } from '../../../main/project/projectFiles';
import { TextCollector } from '../../../main/ssh/textStream';
import { checkPlausibility } from '../../../shared/analysis/checkFacts';
import { ServerTextCleaner } from '../../../shared/analysis/cleanText';
import { mergeFacts } from '../../../shared/analysis/facts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-bundle-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dispatch = createDispatcher({ services: createNodeServices({ userDataDir: path.join(dir, 'userdata'), transport: 'bridge' }), emit: () => {} });

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error).slice(0, 600)}`);
  return r.value as T;
}

const enc = (s: string) => Buffer.from(s, 'utf8');
/** Byte pieces a hostile or broken server prints. */
const HOSTILE: Buffer[] = [
  Buffer.from([0xff, 0xfe, 0xc3]), // invalid UTF-8
  Buffer.from([0xc3, 0xa4]), // ä
  Buffer.from([0xed, 0xa0, 0x80]), // encoded surrogate (invalid)
  Buffer.from([0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x7f]),
  Buffer.from([0xc2, 0x9b]), // C1 CSI
  enc('\x1b[31mred\x1b[0m'),
  enc('\x1b]0;owned\x07'),
  enc('\x1b[2J\x1b[H'),
  enc('\r\n'),
  enc('\u202e'),
  enc('99999999999999999999999'),
  enc('18446744073709551615'),
  enc('-1'),
  enc('1e309'),
  enc('__proto__'),
  enc('constructor'),
  enc('x'.repeat(70_000)),
];
/** Fragments that look like real tool output so the parsers get deep enough to store values. */
const LOOKALIKE = [
  'Mem' + 'Total:       99999999999999999999 kB',
  'CPU(s):                99999999999999999999',
  'processor\t: 0',
  'model name\t: \x1b[31mEvil\x1b[0m CPU',
  'active 99999999999999999999',
  'deferred 18446744073709551615',
  '   99999999999999999999 deferred',
  '{"blockdevices":[{"name":"sda","type":"disk","size":99999999999999999999999,"rota":true}]}',
  '{"report":[{"vg":[{"vg_name":"vg","vg_size":"1","vg_free":"99999999999999999999","vg_extent_count":"99999999999999999999"}]}]}',
  '/dev/sda1 ext4 1000 99999999999999999999 5 100% /',
  'myhostname = mail.\x1b]0;x\x07example.org',
  'mail_location = maildir:/var/vmail/%d/%n',
  'ssl = \xff',
  'version\t10.11.\x1b[2J6',
  'datadir\t/var/lib/mysql',
  'vmail\t99999999999999999999\t3',
  '99999999999999999999\t/var/vmail',
  'D\texample.org/anna',
  'F\t99999999999999999999\texample.org/anna/cur/1',
  'LISTEN 0 4096 0.0.0.0:25 0.0.0.0:* users:(("master",pid=1,fd=13))',
  'LISTEN 0 4096 0.0.0.0:99999999999 0.0.0.0:*',
  'postfix\tenabled\tactive',
  'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="\x1b[5mDebian\x1b[0m"',
  'postfix\t3.7.11-0+deb12u1\tii ',
  '2026-11-25',
  'Nov 24 09:00:00 mail postfix/smtpd[1]: 4AB: client=x[192.0.2.1]',
  'Nov 24 09:00:01 mail postfix/qmgr[2]: 4AB: from=<a\xff@b.example>, size=99999999999999999999, nrcpt=1 (queue active)',
  'Nov 24 09:00:02 mail postfix/lmtp[3]: 4AB: to=<\x1b[31mx@y.example>, relay=l, delay=1, status=sent (ok)',
  'eth0 99999999999',
].map(enc);

/** The sections a collector prints, read from its own command (`echo '@@mhs:begin NAME'`). */
const sectionsOf = (command: string) => [...command.matchAll(/@@mhs:begin (\w+)'/g)].map((m) => m[1] as string);

/** A line that looks like real output with a hostile piece spliced in somewhere, or plain garbage. */
const hostileLine = fc.oneof(
  fc.tuple(fc.constantFrom(...LOOKALIKE), fc.constantFrom(...HOSTILE), fc.nat()).map(([line, bad, at]) => {
    const i = at % (line.length + 1);
    return Buffer.concat([line.subarray(0, i), bad, line.subarray(i)]);
  }),
  fc.constantFrom(...LOOKALIKE),
  fc.constantFrom(...HOSTILE),
  fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
);
const sectionBody = fc.array(hostileLine, { maxLength: 10 }).map((lines) => Buffer.concat(lines.flatMap((l) => [l, enc('\n')])));

/** Output of one collector: its own sections (in order, exit code mostly 0), each with hostile content; or noise. */
const outputOf = (command: string) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)) },
    {
      weight: 6,
      arbitrary: fc.tuple(...sectionsOf(command).map((name) => fc.tuple(fc.constant(name), sectionBody, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 }))))).map((secs) =>
        Buffer.concat(secs.flatMap(([name, body, rc]) => [enc(`@@mhs:begin ${name}\n`), body, enc(`\n@@mhs:end ${name} ${rc}\n`)])),
      ),
    },
  );

function bundle(outputs: readonly Uint8Array[]): Buffer {
  const b = `MHS-${randomUUID().replace(/-/g, '')}`;
  const parts: Uint8Array[] = [enc(`${BUNDLE_MAGIC}${b}\n${b} meta collectedAt=2026-11-25T10:00:00Z uid=0\n`)];
  collectors.forEach((c, i) => parts.push(enc(`${b} begin ${c.id}\n`), outputs[i] ?? Buffer.alloc(0), enc(`\n${b} end ${c.id} 0\n`)));
  return Buffer.concat(parts);
}

describe('facts from arbitrary server output survive save and open', () => {
  it('importBundle -> project.save -> project.open gives the same facts, for any bytes', async () => {
    const { project } = await call<{ project: Project }>('project.new', {});
    await fc.assert(
      fc.asyncProperty(fc.tuple(...collectors.map((c) => outputOf(c.command))), async (outputs) => {
        const bundlePath = path.join(dir, 'bundle.txt');
        writeFileSync(bundlePath, bundle(outputs));
        const { facts } = await call<{ facts: Facts }>('analysis.importBundle', { path: bundlePath });
        const file = path.join(dir, 'p.mhs.json');
        await call('project.save', { path: file, project: { ...project, facts } });
        const opened = await call<{ project: Project }>('project.open', { path: file });
        expect(opened.project.facts).toEqual(facts);
        // Nothing that could steer a terminal or hide text made it into the file.
        // eslint-disable-next-line no-control-regex
        expect(readFileSync(file, 'utf8')).not.toMatch(/\u001b|\\u001b|\u009b|\\u009b|\u202e|\\u202e|\\u0007/i);
      }),
      { numRuns: 120 },
    );
  }, 300_000);
});

describe('the live path does the same', () => {
  it('bytes cut into arbitrary network chunks, decoded and cleaned as the SSH engine does, checked as the runner does, give a project that opens with the same facts', async () => {
    const { project } = await call<{ project: Project }>('project.new', {});
    fc.assert(
      fc.property(fc.tuple(...collectors.map((c) => outputOf(c.command))), fc.array(fc.nat(), { maxLength: 12 }), (outputs, cutsRaw) => {
        let facts: Facts = { source: 'ssh', collectors: {}, notes: [] };
        collectors.forEach((c, i) => {
          const bytes = outputs[i] as Uint8Array;
          const cuts = [...new Set(cutsRaw.map((x) => x % (bytes.length + 1)))].sort((a, b) => a - b);
          const decoder = new TextCollector();
          const cleaner = new ServerTextCleaner();
          let text = '';
          let prev = 0;
          for (const cut of [...cuts, bytes.length]) {
            text += cleaner.push(decoder.decode(bytes.subarray(prev, cut)));
            prev = cut;
          }
          text += cleaner.push(decoder.flush()) + cleaner.end();
          const r = checkedResult(c, () => c.parse(text));
          facts = mergeFacts(facts, { ...r, collectors: { [c.id]: { status: r.notes.length ? 'partial' : 'ok' } } });
        });
        facts = checkPlausibility(facts);
        const bytes = projectFileBytes({ ...project, facts }, 'p.mhs.json');
        expect(parseProjectBytes(bytes, 'p.mhs.json').project.facts).toEqual(facts);
      }),
      { numRuns: 150 },
    );
  }, 300_000);
});

/**
 * Offline collection for servers the app cannot reach: a read-only POSIX sh script that runs every
 * collector command and writes one bundle file, and the pure parser for that bundle. Sections are
 * delimited by a boundary drawn from /dev/urandom when the script runs, so no command output can fake one.
 */
import { checkCollectorResult, checkPlausibility } from '../../shared/analysis/checkFacts.js';
import { cleanServerText } from '../../shared/analysis/cleanText.js';
import { mergeFacts, type CollectorStatus, type Facts, type Note } from '../../shared/analysis/facts.js';
import type { Collector } from './collector.js';
import { collectors as allCollectors } from './collectors/index.js';

export const BUNDLE_MAGIC = 'MHS-BUNDLE 1 boundary=';

export function generateOfflineScript(list: readonly Collector[] = allCollectors): string {
  const fns = list.map((c) => `collect_${c.id}() {\n${c.command}\n}\n`).join('\n');
  const runs = list.map((c) => `run ${c.id}`).join('\n');
  return `#!/bin/sh
# Mail HA Studio - offline analysis. Read-only: it only reads configuration, logs and status.
# Run as root for complete results:  sh mhs-collect.sh [output-file]
# Then load the output file into Mail HA Studio (Analysis: import offline bundle).
set -u
umask 077
OUT=\${1:-mhs-collect-$(hostname 2>/dev/null || echo host)-$(date +%Y%m%d%H%M%S).txt}
B=MHS-$(od -An -N12 -tx1 /dev/urandom 2>/dev/null | tr -d ' \\n')
if [ "$B" = "MHS-" ]; then B="MHS-$$-$(date +%s)"; fi
exec 3>"$OUT" || exit 1
printf '%s%s\\n' '${BUNDLE_MAGIC}' "$B" >&3
printf '%s meta collectedAt=%s uid=%s\\n' "$B" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(id -u)" >&3

${fns}
run() {
  echo "collecting: $1" >&2
  printf '%s begin %s\\n' "$B" "$1" >&3
  ( "collect_$1" ) </dev/null >&3 2>&1
  rc=$?
  printf '\\n%s end %s %s\\n' "$B" "$1" "$rc" >&3
}

${runs}
exec 3>&-
echo "written: $OUT" >&2
`;
}

export interface BundleSection {
  id: string;
  out: string;
  rc?: number;
}

/** Splits a bundle into collector sections; unknown or malformed parts are skipped. */
export function splitBundle(text: string): { boundary?: string; meta: Record<string, string>; sections: BundleSection[] } {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const meta: Record<string, string> = {};
  if (!first.startsWith(BUNDLE_MAGIC)) return { meta, sections: [] };
  const b = first.slice(BUNDLE_MAGIC.length).trim();
  if (!/^MHS-[\w-]+$/.test(b)) return { meta, sections: [] };
  const sections: BundleSection[] = [];
  let cur: BundleSection | undefined;
  let buf: string[] = [];
  const close = (rc?: number) => {
    if (!cur) return;
    if (rc !== undefined && buf.length && buf[buf.length - 1] === '') buf.pop();
    cur.out = buf.join('\n');
    if (rc !== undefined) cur.rc = rc;
    sections.push(cur);
    cur = undefined;
    buf = [];
  };
  for (const line of text.slice(nl + 1).split('\n')) {
    if (line.startsWith(b + ' ')) {
      const [kind, id = '', rc] = line.slice(b.length + 1).split(' ');
      if (kind === 'meta') {
        for (const kv of line.slice(b.length + 6).split(' ')) {
          const i = kv.indexOf('=');
          if (i > 0) Object.defineProperty(meta, kv.slice(0, i), { value: kv.slice(i + 1), enumerable: true, configurable: true, writable: true });
        }
        continue;
      }
      if (kind === 'begin') {
        close();
        cur = { id, out: '' };
        continue;
      }
      if (kind === 'end' && cur && cur.id === id) {
        const n = Number.parseInt(rc ?? '', 10);
        close(Number.isFinite(n) ? n : undefined);
        continue;
      }
    }
    if (cur) buf.push(line);
  }
  close();
  return { boundary: b, meta, sections };
}

function statusOf(result: { notes: Note[] } & Record<string, unknown>): CollectorStatus['status'] {
  const hasFacts = Object.keys(result).some((k) => k !== 'notes' && result[k] !== undefined);
  if (!hasFacts) return 'failed';
  return result.notes.length ? 'partial' : 'ok';
}

/** Pure: bundle text -> Facts, with the same parsers the SSH path uses. */
export function parseCollectorBundle(text: string, list: readonly Collector[] = allCollectors): Facts {
  const { boundary, meta, sections } = splitBundle(typeof text === 'string' ? cleanServerText(text) : '');
  let facts: Facts = { source: 'offline', notes: [], collectors: {} };
  if (!boundary) return mergeFacts(facts, { notes: [{ key: 'analysis:notes.bundle.invalid' }] });
  const collectedAt = meta.collectedAt && /^\d{4}-\d\d-\d\dT[\d:]+Z$/.test(meta.collectedAt) ? meta.collectedAt : undefined;
  if (collectedAt) facts.collectedAt = collectedAt;
  if (meta.uid !== undefined && meta.uid !== '0') facts = mergeFacts(facts, { notes: [{ key: 'analysis:notes.bundle.notRoot' }] });
  for (const c of list) {
    const s = sections.find((x) => x.id === c.id);
    if (!s) {
      facts = mergeFacts(facts, { notes: [{ key: 'analysis:notes.bundle.collectorMissing', params: { collector: c.id }, source: c.id }], collectors: { [c.id]: { status: 'skipped' } } });
      continue;
    }
    const result = checkCollectorResult(c.id, c.parse(s.out));
    const status: CollectorStatus = { status: statusOf(result as { notes: Note[] } & Record<string, unknown>), ...(s.rc !== undefined ? { exitCode: s.rc } : {}), ...(collectedAt ? { collectedAt } : {}) };
    const { notes, ...rest } = result;
    facts = mergeFacts(facts, { ...rest, notes: notes.map((n) => ({ ...n, source: c.id })), collectors: { [c.id]: status } });
  }
  return checkPlausibility(facts);
}

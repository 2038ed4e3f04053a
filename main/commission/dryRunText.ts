/**
 * The dry run as plain text, grouped by node, for the CLI (and anything else that wants it as text): every
 * command, every file change with its unified diff, secret and binary content only as size and hash.
 */
import type { TFunction } from 'i18next';
import type { DryRun, DryRunAction, DryRunStep } from '../../shared/contract/methods/commission';
import type { NodeRole } from '../../shared/commission/types';

function indent(text: string, by: string): string[] {
  return text.replace(/\n$/, '').split('\n').map((l) => by + l);
}

function fileLines(a: Extract<DryRunAction, { kind: 'write' | 'transfer' }>, t: TFunction): string[] {
  const what = a.kind === 'write' ? `write ${a.path}` : `transfer ${a.from}:${a.fromPath} -> ${a.path}`;
  const head = `    ${what} (${a.mode} ${a.owner})`;
  if (a.error) return [`${head}  !! ${t(a.error.code, { ...(a.error.params ?? {}), defaultValue: a.error.code })}`];
  const f = a.file;
  if (!f) return [head];
  const change = t(`install:cli.dry.change.${f.change}`);
  if (f.summary?.reason === 'sourceNotYet') return [`${head}  ${change}, ${t('install:cli.dry.sourceNotYet')}`];
  if (f.summary) {
    const now = f.summary.reason === 'secretNotSet' ? t('install:cli.dry.secretNotSet') : `${f.summary.bytes} B, sha256 ${f.summary.sha256?.slice(0, 16) ?? '?'}…`;
    const before = f.summary.currentBytes !== undefined ? `; ${t('install:cli.dry.now')}: ${f.summary.currentBytes} B, sha256 ${f.summary.currentSha256?.slice(0, 16) ?? '?'}…` : '';
    return [`${head}  ${change}, ${t(`install:cli.dry.reason.${f.summary.reason}`)}: ${now}${before}`];
  }
  const meta = f.change === 'metadata' && f.current ? ` (${t('install:cli.dry.now')}: ${f.current.mode} ${f.current.owner})` : '';
  return [`${head}  ${change}${meta}`, ...(f.diff ? indent(f.diff.split('\n').filter((l) => !l.startsWith('====')).join('\n'), '      ') : [])];
}

function stepLines(s: DryRunStep, index: number, count: number, lang: 'de' | 'en', t: TFunction): string[] {
  const flags = [s.destructive ? t('install:cli.dry.destructive') : '', s.pointOfNoReturn ? t('install:cli.dry.pointOfNoReturn') : ''].filter(Boolean);
  const out = [`[${String(index + 1).padStart(String(count).length)}/${count}] ${s.id} — ${s.title[lang]}${flags.length ? `  !! ${flags.join(', ')}` : ''}`];
  if (s.recorded) out.push(`    ${t('install:cli.dry.recorded', { outcome: s.recorded })}`);
  if (s.check) {
    const state = s.check.error ? `!! ${t(s.check.error.code, { ...(s.check.error.params ?? {}), defaultValue: s.check.error.code })}` : s.check.done === undefined ? '' : s.check.done ? t('install:cli.dry.checkDone') : t('install:cli.dry.checkNotDone');
    out.push(`    check: ${s.check.command}${state ? `  -> ${state}` : ''}`);
  }
  for (const a of s.actions) {
    if (a.kind === 'run') {
      out.push(...indent(a.command, '    $ '));
      if (a.stdin !== undefined) out.push(`      ${t('install:cli.dry.stdin', { bytes: a.stdin.length })}`);
    } else if (a.kind === 'restore') out.push(`    ${t('install:cli.dry.restore')}: ${a.paths.join(', ')}`);
    else out.push(...fileLines(a, t));
  }
  if (s.backupPaths.length) out.push(`    ${t('install:cli.dry.backup')}: ${s.backupPaths.join(', ')}`);
  for (const v of s.verify) out.push(`    verify: ${v.command}${v.freshSession ? `  (${t('install:cli.dry.fresh')})` : ''}`);
  return out;
}

export function dryRunLines(d: DryRun, lang: 'de' | 'en', t: TFunction, hostOf: (role: NodeRole) => string): string[] {
  const out: string[] = [];
  for (const n of d.notices) out.push(`${n.level === 'danger' ? '!! ' : n.level === 'warning' ? '!  ' : '   '}${n.text[lang]}`);
  if (d.pointOfNoReturnAt) out.push(`!! ${t('install:errors.rollbackAfterPointOfNoReturn', { at: d.pointOfNoReturnAt })}`);
  if (d.planChange) out.push(`!  ${t('install:cli.planChanged', { added: d.planChange.added.length, removed: d.planChange.removed.length, changed: d.planChange.changed.length })}`);
  const index = new Map(d.steps.map((s, i) => [s.id, i]));
  for (const node of [...new Set(d.steps.map((s) => s.node))]) {
    out.push('', `== ${node} (${hostOf(node)}) ==`);
    for (const s of d.steps.filter((x) => x.node === node)) out.push(...stepLines(s, index.get(s.id)!, d.steps.length, lang, t));
  }
  out.push('', t(d.mode === 'rollback' ? 'install:cli.dry.totalRollback' : 'install:cli.dry.total', { steps: d.steps.length, nodes: new Set(d.steps.map((s) => s.node)).size, minutes: Math.ceil(d.steps.reduce((a, s) => a + s.expectedDurationS, 0) / 60) }));
  return out;
}

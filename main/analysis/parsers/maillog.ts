/** Mail volume collector output: reference date, file list and the concatenated logs. Pure. */
import type { CollectorResult, Note } from '../../../shared/analysis/facts.js';
import { MaillogParser } from '../maillog/parser.js';
import { toMailVolume } from '../maillog/volume.js';
import { note, splitSections, usable } from '../sections.js';

export function parseMaillogCollector(raw: string): CollectorResult {
  const secs = splitSections(raw);
  const notes: Note[] = [];
  const date = /^(\d{4})-(\d{2})/.exec(secs.get('date')?.out.trim() ?? '');
  const now = new Date();
  const refYear = date ? Number(date[1]) : now.getUTCFullYear();
  const refMonth = date ? Number(date[2]) - 1 : now.getUTCMonth();
  if (!date) notes.push(note('maillog.noReferenceDate'));
  const files = (secs.get('files')?.out ?? '').split('\n').filter((f) => f.startsWith('/'));
  const log = usable(secs, 'log', notes);
  if (log === undefined) return { notes };
  if (!files.length) notes.push(note('maillog.fromJournal'));
  const p = new MaillogParser({ referenceYear: refYear, referenceMonth: refMonth });
  p.push(log);
  p.end();
  if (p.postfixLines === 0) {
    notes.push(note('maillog.noPostfixLines', { lines: p.linesRead }));
    return { notes };
  }
  return { mailVolume: toMailVolume(p, files), notes };
}

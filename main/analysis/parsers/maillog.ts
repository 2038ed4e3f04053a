/**
 * Mail volume collector output: sections "date" and "files", then "log" (the concatenated logs, possibly
 * gigabytes). Parsed as a stream: everything after the log's begin marker goes straight into the
 * MaillogParser, so the log never has to be held in memory. Pure.
 */
import type { CollectorResult, Note } from '../../../shared/analysis/facts.js';
import { MaillogParser } from '../maillog/parser.js';
import { toMailVolume } from '../maillog/volume.js';
import { note, splitSections, usable } from '../sections.js';

const LOG_BEGIN = '@@mhs:begin log\n';
const LOG_END = /\n@@mhs:end log (\d+)\n?$/;

export interface StreamingParse {
  push(chunk: string): void;
  end(): CollectorResult;
}

export function createMaillogStream(now: () => Date = () => new Date()): StreamingParse {
  let head = '';
  let tail = '';
  let parser: MaillogParser | undefined;
  const notes: Note[] = [];
  let files: string[] = [];

  const start = (headText: string) => {
    const secs = splitSections(headText);
    const date = /^(\d{4})-(\d{2})/.exec(secs.get('date')?.out.trim() ?? '');
    if (!date) notes.push(note('maillog.noReferenceDate'));
    const today = now();
    files = (secs.get('files')?.out ?? '').split('\n').filter((f) => f.startsWith('/'));
    parser = new MaillogParser({ referenceYear: date ? Number(date[1]) : today.getUTCFullYear(), referenceMonth: date ? Number(date[2]) - 1 : today.getUTCMonth() });
  };

  return {
    push(chunk: string) {
      if (typeof chunk !== 'string' || !chunk) return;
      if (parser) {
        parser.push(chunk);
        tail = (tail + chunk).slice(-64);
        return;
      }
      head += chunk;
      const i = head.indexOf(LOG_BEGIN);
      if (i < 0) return;
      const rest = head.slice(i + LOG_BEGIN.length);
      start(head.slice(0, i));
      head = '';
      this.push(rest);
    },
    end(): CollectorResult {
      if (!parser) {
        // No log section at all: report why via the section helpers.
        const secs = splitSections(head);
        usable(secs, 'log', notes);
        return { notes };
      }
      const m = LOG_END.exec(tail);
      const rc = m ? Number(m[1]) : undefined;
      parser.end();
      // A failed read (e.g. one rotated file not readable) is reported even when other files were counted.
      if (rc !== undefined && rc !== 0) {
        usable(new Map([['log', { out: tail, rc }]]), 'log', notes);
        if (parser.postfixLines === 0) return { notes };
      }
      if (!files.length) notes.push(note('maillog.fromJournal'));
      if (parser.postfixLines === 0) {
        notes.push(note('maillog.noPostfixLines', { lines: Math.max(0, parser.linesRead - 2) }));
        return { notes };
      }
      return { mailVolume: toMailVolume(parser, files), notes };
    },
  };
}

export function parseMaillogCollector(raw: string): CollectorResult {
  const s = createMaillogStream();
  s.push(raw);
  return s.end();
}

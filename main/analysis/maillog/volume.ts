/** Turns a finished MaillogParser into MailVolume facts. Pure. */
import type { MailVolume } from '../../../shared/analysis/facts.js';
import type { MaillogParser } from './parser.js';

export function toMailVolume(p: MaillogParser, files?: string[]): MailVolume {
  const days = p.dayTable().list();
  const busiest = p.dayTable().busiestHour();
  return {
    days,
    totals: { ...p.totals },
    ...(busiest ? { busiestHour: busiest } : {}),
    linesRead: p.linesRead,
    ...(files ? { files } : {}),
  };
}

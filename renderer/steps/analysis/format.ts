import i18next from 'i18next';
import { fmtNumber } from '../../components/format';

const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal units like the disk vendors and `df -H`: 2 TB disk = 2.000.000.000.000 bytes. */
export function fmtBytes(bytes: number | undefined, digits = 1): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${fmtNumber(v, i === 0 ? 0 : digits)} ${units[i]}`;
}

export const GB = 1e9;
export const GiB = 2 ** 30;

export function fmtDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${fmtNumber(ms, 0)} ms` : `${fmtNumber(ms / 1000, 1)} s`;
}

export function fmtDateTime(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

export function fmtHour(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function fmtDay(date: string): string {
  const d = new Date(`${date}T00:00:00`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(i18next.language, { day: '2-digit', month: '2-digit' }).format(d);
}

/** RAM as the vendors label it: 32 GB module = 32 GiB; MemTotal is a little below. */
export function fmtRam(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  return `${fmtNumber(bytes / GiB, 1)} GB`;
}

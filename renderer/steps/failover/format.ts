import { fmtNumber } from '../../components/format';

/** Milliseconds as seconds with one decimal, locale-aware ("2,8 s" / "2.8 s"). */
export const sec = (ms: number | undefined): string => (ms === undefined ? '–' : `${fmtNumber(ms / 1000, 1)} s`);

/** Seconds relative to the fault, signed ("−3,0 s", "+12,4 s"). */
export const rel = (ms: number): string => `${ms < 0 ? '−' : '+'}${fmtNumber(Math.abs(ms) / 1000, 1)} s`;

export const clock = (t: number): string => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

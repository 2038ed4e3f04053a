/**
 * Live output -> progress of the running action, for RunAction.progress. Pure and forgiving: text that does
 * not look like progress is ignored; the newest figure in a chunk wins.
 */
export interface ActionProgress {
  /** 0..1 */
  fraction: number;
  /** Seconds left as the tool itself estimates, when it says. */
  etaS?: number;
}

function hms(s: string): number | undefined {
  const parts = s.split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p))) return undefined;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

function lastMatch(text: string, re: RegExp): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (let m = g.exec(text); m; m = g.exec(text)) last = m;
  return last;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/**
 * DRBD resync: /proc/drbd of 8.4 ("sync'ed: 45.2%", "finish: 0:01:23"), `drbdadm status` / `drbdsetup
 * events2 --statistics` of 9 ("done:45.20", "eta:83").
 */
export function parseDrbdSync(text: string): ActionProgress | undefined {
  const pct = lastMatch(text, /sync'ed:\s*(\d+(?:\.\d+)?)%/) ?? lastMatch(text, /\bdone:(\d+(?:\.\d+)?)/);
  if (!pct) return undefined;
  const fraction = clamp(Number(pct[1]) / 100);
  const finish = lastMatch(text, /finish:\s*(\d+(?::\d{1,2}){1,2})/);
  const eta9 = lastMatch(text, /\beta:(\d+)/);
  const etaS = finish ? hms(finish[1]!) : eta9 ? Number(eta9[1]) : undefined;
  return etaS !== undefined && Number.isFinite(etaS) ? { fraction, etaS } : { fraction };
}

/** rsync --info=progress2: "  105,906,176  48%   50.43MB/s    0:00:02 (xfr#1, to-chk=0/3)". */
export function parseRsyncProgress(text: string): ActionProgress | undefined {
  const m = lastMatch(text, /[\d,.]+[KMGT]?\s+(\d{1,3})%\s+\S+\/s\s+(\d+:\d{2}:\d{2})/);
  if (!m) return undefined;
  const fraction = clamp(Number(m[1]) / 100);
  const etaS = hms(m[2]!);
  return fraction < 1 && etaS !== undefined ? { fraction, etaS } : { fraction };
}

export const progressParsers = { drbdSync: parseDrbdSync, rsync: parseRsyncProgress } as const;

/**
 * Every command is sent as
 *     printf '%s %s\n' <pid marker> "$$" >&2; exec sh -c <command>          (or: exec sudo ... sh -c <command>)
 * so that
 *  - the command always runs in POSIX sh, whatever the user's login shell is (quoting via shQuote is POSIX);
 *  - we learn the PID of the process that sshd started. sshd makes it a session leader, so the PID is also the
 *    process group of everything the command starts. To cancel we signal that whole group ("kill -s TERM -- -PID");
 *    the SSH "signal" request alone only reaches the shell and would leave e.g. a `sleep` child running;
 *  - every process of the run carries MHS_RUN=<run id> in its environment (set after sudo, which resets the
 *    environment), so processes that left the process group (setsid daemons, double forks) are found in
 *    /proc/<pid>/environ and ended too.
 */
import { randomBytes } from 'node:crypto';
import { shCommand, shQuote } from '../../shared/shell/quote';

export function newPidMarker(): string {
  return `[mhs-pid-${randomBytes(12).toString('hex')}]`;
}

/** `execTail` is a complete command line to exec, e.g. shCommand(['sh', '-c', cmd]) or a sudo command line. */
export function wrapCommand(execTail: string, pidMarker: string): string {
  return `printf '%s %s\\n' ${shQuote(pidMarker)} "$$" >&2; exec ${execTail}`;
}

/** Random id that marks every process of one command run (see terminateCommand). */
export function newRunId(): string {
  return randomBytes(12).toString('hex');
}

export const RUN_ENV = 'MHS_RUN';

/** `env MHS_RUN=<id> sh -c <command>` (env works from any login shell); without a run id just `sh -c`. */
export function plainCommand(command: string, runId?: string): string {
  return runId ? shCommand(['env', `${RUN_ENV}=${runId}`, 'sh', '-c', command]) : shCommand(['sh', '-c', command]);
}

/** Command that signals the process group of a wrapped command (and the process itself as a fallback). */
export function killCommand(pid: number, signal: 'TERM' | 'KILL'): string {
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`refusing to signal pid ${pid}`);
  return `kill -s ${signal} -- -${pid} 2>/dev/null || kill -s ${signal} ${pid} 2>/dev/null; true`;
}

/** Marker printed by terminateCommand when no process of the run is left. */
export const ALL_GONE = 'mhs-all-gone';

/**
 * Sends `signal` to the run's process group (if its PID is known) and to every process whose environment
 * carries the run's marker, waits a moment and prints ALL_GONE if none of them is left. Reading another
 * process's environ needs the same user or root: run it with the same sudo mode as the command.
 */
export function terminateCommand(runId: string, pid: number | undefined, signal: 'TERM' | 'KILL'): string {
  if (!/^[0-9a-f]{24}$/.test(runId)) throw new Error(`refusing run id ${runId}`);
  if (pid !== undefined && (!Number.isInteger(pid) || pid <= 1)) throw new Error(`refusing to signal pid ${pid}`);
  const marked = `grep -lzxF ${shQuote(`${RUN_ENV}=${runId}`)} /proc/[0-9]*/environ 2>/dev/null | sed -n 's|^/proc/\\([0-9]*\\)/environ$|\\1|p'`;
  const group = pid ? `kill -s ${signal} -- -${pid} 2>/dev/null || kill -s ${signal} ${pid} 2>/dev/null; ` : '';
  const alive = pid ? `kill -0 -- -${pid} 2>/dev/null && echo ${pid}; ` : '';
  return `${group}for p in $(${marked}); do kill -s ${signal} "$p" 2>/dev/null; done; sleep 0.2; left=$(${alive}${marked}); [ -n "$left" ] || echo ${ALL_GONE}`;
}

/**
 * Takes the PID line out of stderr. Text before it (e.g. a noisy .bashrc) is passed through; if no marker shows
 * up within 64 KiB the filter gives up and passes everything through (the PID stays unknown).
 */
export class PidMarkerFilter {
  pid?: number;
  private done = false;
  private buffer = '';

  constructor(private readonly marker: string) {}

  feed(text: string): string {
    if (this.done) return text;
    this.buffer += text;
    const at = this.buffer.indexOf(`${this.marker} `);
    if (at !== -1) {
      const nl = this.buffer.indexOf('\n', at);
      if (nl === -1) return '';
      const pid = Number(this.buffer.slice(at + this.marker.length + 1, nl));
      if (Number.isInteger(pid) && pid > 1) this.pid = pid;
      const out = this.buffer.slice(0, at) + this.buffer.slice(nl + 1);
      this.buffer = '';
      this.done = true;
      return out;
    }
    if (this.buffer.length > 64 * 1024) return this.flush();
    return '';
  }

  /** End of stream (or give up): whatever is buffered is ordinary stderr. */
  flush(): string {
    this.done = true;
    const out = this.buffer;
    this.buffer = '';
    return out;
  }
}

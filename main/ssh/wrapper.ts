/**
 * Every command is sent as
 *     printf '%s %s\n' <pid marker> "$$" >&2; exec sh -c <command>          (or: exec sudo ... sh -c <command>)
 * so that
 *  - the command always runs in POSIX sh, whatever the user's login shell is (quoting via shQuote is POSIX);
 *  - we learn the PID of the process that sshd started. sshd makes it a session leader, so the PID is also the
 *    process group of everything the command starts. To cancel we signal that whole group ("kill -s TERM -- -PID");
 *    the SSH "signal" request alone only reaches the shell and would leave e.g. a `sleep` child running.
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

export function plainCommand(command: string): string {
  return shCommand(['sh', '-c', command]);
}

/** Command that signals the process group of a wrapped command (and the process itself as a fallback). */
export function killCommand(pid: number, signal: 'TERM' | 'KILL'): string {
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`refusing to signal pid ${pid}`);
  return `kill -s ${signal} -- -${pid} 2>/dev/null || kill -s ${signal} ${pid} 2>/dev/null; true`;
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

/**
 * sudo without ever putting the password on a command line.
 *
 * The command runs as  sudo -S -p <prompt marker> -- sh -c '<announce start>; exec sh -c "$1"' <start marker> <cmd>
 * (or sudo -n ... when no password was given and the probe `sudo -n true` showed none is needed). On stderr we watch for
 *  - the prompt marker: sudo wants the password -> we write it to stdin; a second prompt means it was wrong;
 *  - the start marker: authentication is over and the real command runs -> from here stderr belongs to it.
 * Exiting without the start marker means sudo refused (wrong password, not in sudoers, ...). This works the same
 * whatever language the server speaks, because we never parse sudo's messages. Markers contain no '%' (sudo
 * expands %-escapes in -p) and are random per command, so command output cannot fake them by accident.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { shCommand } from '../../shared/shell/quote';
import { SshErrorCode } from './errors';

export type SudoMode = 'nopasswd' | 'password';

export interface SudoMarkers {
  prompt: string;
  start: string;
}

export function newSudoMarkers(): SudoMarkers {
  const id = randomBytes(12).toString('hex');
  return { prompt: `[mhs-sudo-prompt-${id}]`, start: `[mhs-sudo-start-${id}]` };
}

/** The probe, only when no sudo password was given: exit 0 means sudo works without a password for this user. */
export const SUDO_PROBE = 'sudo -n true';

/** `runId` marks the command's processes (MHS_RUN, see wrapper.ts); it is set inside, as sudo resets the environment. */
export function buildSudoCommand(command: string, mode: SudoMode, markers: SudoMarkers, runId?: string): string {
  const auth = mode === 'password' ? ['-S', '-p', markers.prompt] : ['-n'];
  if (runId === undefined) {
    const announce = `printf '%s\\n' "$0" >&2; exec sh -c "$1"`;
    return shCommand(['sudo', ...auth, '--', 'sh', '-c', announce, markers.start, command]);
  }
  const announce = `printf '%s\\n' "$0" >&2; MHS_RUN=$2; export MHS_RUN; exec sh -c "$1"`;
  return shCommand(['sudo', ...auth, '--', 'sh', '-c', announce, markers.start, command, runId]);
}

export type SudoEvent = 'sendPassword' | 'wrongPassword';

/**
 * Watches sudo's stderr (decoded text, any chunking). Before the start marker nothing is passed through (sudo's
 * own messages are kept in `preamble` for error details); afterwards everything is the command's stderr.
 */
export class SudoStderrFilter {
  private buffer = '';
  started = false;
  prompts = 0;
  wrongPassword = false;
  preamble = '';

  constructor(private readonly markers: SudoMarkers) {}

  /** Returns text that belongs to the command's stderr and the events to act on. */
  feed(text: string): { passthrough: string; events: SudoEvent[] } {
    if (this.started) return { passthrough: text, events: [] };
    this.buffer += text;
    const events: SudoEvent[] = [];
    for (;;) {
      const p = this.buffer.indexOf(this.markers.prompt);
      const startLine = `${this.markers.start}\n`;
      const s = this.buffer.indexOf(startLine);
      if (p !== -1 && (s === -1 || p < s)) {
        this.preamble += this.buffer.slice(0, p);
        this.buffer = this.buffer.slice(p + this.markers.prompt.length);
        this.prompts++;
        if (this.prompts === 1) events.push('sendPassword');
        else if (!this.wrongPassword) {
          this.wrongPassword = true;
          events.push('wrongPassword');
        }
        continue;
      }
      if (s !== -1) {
        this.preamble += this.buffer.slice(0, s);
        const rest = this.buffer.slice(s + startLine.length);
        this.buffer = '';
        this.started = true;
        return { passthrough: rest, events };
      }
      return { passthrough: '', events };
    }
  }

  /** sudo's own stderr text (lecture, "Sorry, try again", "not in the sudoers file" ...), for error details. */
  get sudoMessages(): string {
    return (this.preamble + (this.started ? '' : this.buffer)).trim();
  }

  /**
   * After the channel closed: an error if sudo never started the command, else undefined.
   * `exitCode` 127 before the start marker means sudo itself is missing.
   */
  outcome(exitCode: number | null, ctx: { user: string; host: string }): AppError | undefined {
    if (this.started) return undefined;
    const detail = this.sudoMessages.slice(-2000);
    if (this.wrongPassword) return new AppError(SshErrorCode.sudoWrongPassword, ctx, detail);
    if (exitCode === 127) return new AppError(SshErrorCode.commandNotFound, { command: 'sudo', host: ctx.host }, detail);
    return new AppError(SshErrorCode.sudoDenied, ctx, detail);
  }
}

/**
 * What the operator can do to a running plan: pause (takes effect between steps), cancel (now: the SSH
 * engine stops the running command), and answer the confirmations the run asks for.
 */
import type { L10n, NodeRole } from '../../shared/commission/types';
import type { PlanChange } from './stepHash';

export type ConfirmRequest =
  | { kind: 'destructive' | 'pointOfNoReturn'; stepId: string; node: NodeRole; title: L10n; explanation: L10n }
  | { kind: 'planChanged'; change: PlanChange }
  | { kind: 'rollback'; steps: { stepId: string; node: NodeRole; title: L10n }[] };

export class RunControl {
  private readonly controller = new AbortController();
  private paused = false;
  private resumeWaiters: (() => void)[] = [];

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  cancel(): void {
    this.controller.abort();
    this.wake();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.wake();
  }

  private wake(): void {
    for (const w of this.resumeWaiters.splice(0)) w();
  }

  /** Resolves when not paused (or cancelled). */
  async waitWhilePaused(onPause?: () => void): Promise<void> {
    if (!this.paused || this.signal.aborted) return;
    onPause?.();
    while (this.paused && !this.signal.aborted) await new Promise<void>((r) => this.resumeWaiters.push(r));
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

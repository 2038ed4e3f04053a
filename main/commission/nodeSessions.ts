/**
 * One SSH session per node role for a commissioning run, opened on first use and kept for the run. A probe
 * that must prove a fresh login (Probe.freshSession) gets its own new session, closed right after.
 */
import type { NodeRole } from '../../shared/commission/types';
import type { SshSession } from '../ssh';

export type OpenSession = (role: NodeRole) => Promise<SshSession>;

export class NodeSessions {
  private readonly open = new Map<NodeRole, Promise<SshSession>>();
  private readonly extra = new Set<SshSession>();

  constructor(private readonly connect: OpenSession) {}

  get(role: NodeRole): Promise<SshSession> {
    let s = this.open.get(role);
    if (!s) {
      s = this.connect(role);
      this.open.set(role, s);
      // A failed connect must not stick: the next call tries again.
      s.catch(() => this.open.delete(role));
    }
    return s;
  }

  /** Runs fn on a brand-new session to the node and closes it afterwards. */
  async fresh<T>(role: NodeRole, fn: (s: SshSession) => Promise<T>): Promise<T> {
    const s = await this.connect(role);
    this.extra.add(s);
    try {
      return await fn(s);
    } finally {
      this.extra.delete(s);
      await s.close();
    }
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const p of all) await p.then((s) => s.close(), () => undefined);
    for (const s of this.extra) await s.close();
    this.extra.clear();
  }
}

/**
 * The SSH sessions of a failover run: one per cluster node (project.hosts primary, secondary, node3; the
 * witness runs no services), named by the node's cluster name (uname -n). Tuned for nodes that die on
 * purpose: a lost connection is noticed within seconds (keepalive), and each command tries one quick
 * reconnect instead of the long backoff commissioning uses, so a dead node never stalls the sampler.
 */
import type { NodeRole } from '../../shared/commission/types';
import { AppError } from '../../shared/errors';
import type { Project } from '../../shared/project/schema';
import type { AuditSink } from '../audit/types';
import { connectSecretsFor } from '../handlers/analysis/secrets';
import type { Services } from '../services';
import { SshSession, type AcceptedHostKey, type ExecOptions, type ExecResult } from '../ssh';

export const clusterRoles: NodeRole[] = ['primary', 'secondary', 'node3'];

export interface NodeLink {
  role: NodeRole;
  /** Cluster node name; the role name until the node has told it. */
  name: string;
  session?: SshSession;
}

export class NodeLinks {
  private readonly links = new Map<NodeRole, NodeLink>();
  private readonly opening = new Map<NodeRole, Promise<SshSession>>();

  constructor(
    private readonly services: Services,
    private readonly project: Project,
    private readonly audit: AuditSink,
    private readonly acceptHostKeys: readonly AcceptedHostKey[] = [],
    private readonly redact: readonly string[] = [],
  ) {
    for (const role of clusterRoles) if (project.hosts[role]) this.links.set(role, { role, name: role });
  }

  roles(): NodeRole[] {
    return [...this.links.keys()];
  }

  all(): NodeLink[] {
    return [...this.links.values()];
  }

  byName(name: string): NodeLink | undefined {
    return this.all().find((l) => l.name === name);
  }

  setName(role: NodeRole, name: string): void {
    const l = this.links.get(role);
    if (l) l.name = name;
  }

  private async open(role: NodeRole): Promise<SshSession> {
    const target = this.project.hosts[role];
    if (!target) throw new AppError('failover:errors.hostMissing', { role });
    const { secrets, sudoPassword } = await connectSecretsFor(this.services, this.project.id, role);
    return SshSession.open({
      target,
      secrets,
      ...(sudoPassword !== undefined ? { sudoPassword } : {}),
      knownHosts: this.services.knownHosts,
      acceptHostKeys: [...this.acceptHostKeys],
      audit: this.audit,
      redact: [...this.redact],
      reconnect: { attempts: 1, baseDelayMs: 300, maxDelayMs: 300 },
      readyTimeoutMs: 5000,
      keepaliveIntervalMs: 1000,
      keepaliveCountMax: 3,
    });
  }

  async session(role: NodeRole): Promise<SshSession> {
    const l = this.links.get(role);
    if (!l) throw new AppError('failover:errors.hostMissing', { role });
    if (l.session) return l.session;
    let p = this.opening.get(role);
    if (!p) {
      p = this.open(role).then((s) => {
        l.session = s;
        return s;
      });
      this.opening.set(role, p);
      void p.catch(() => undefined).finally(() => this.opening.delete(role));
    }
    return p;
  }

  /** Runs a command as root on the node; a node that cannot be reached throws the SSH engine's error. */
  async exec(role: NodeRole, command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const s = await this.session(role);
    return s.exec(command, { sudo: true, ...opts });
  }

  /** Drops a session that will not come back by reconnecting (the node rebooted): the next exec logs in anew. */
  async reset(role: NodeRole): Promise<void> {
    const l = this.links.get(role);
    const s = l?.session;
    if (l) delete l.session;
    await s?.close();
  }

  async closeAll(): Promise<void> {
    for (const l of this.links.values()) {
      const s = l.session;
      delete l.session;
      await s?.close();
    }
  }
}

/**
 * Samples every cluster node about once a second during a run (VIP, quorum, crm_mon, DRBD, fence constraints)
 * and keeps the rounds, so the runner can wait for conditions ("services on secondary", "cluster settled") and
 * judge afterwards what happened in between (the VIP on two nodes at once, DRBD's fence constraint, an
 * outdated peer promoted). A node that does not answer is recorded as unreachable, never waited for.
 */
import { sampleCommand, parseNodeSample, type NodeSample } from '../../shared/failover/clusterSample';
import { nodeState, servicesNodes, settledState, mailResources } from '../../shared/failover/clusterFacts';
import type { NodeLinks } from './nodeLinks';

export interface Round {
  at: number;
  samples: NodeSample[];
}

export class ClusterWatch {
  private readonly rounds: Round[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private inFlight: Promise<void> | undefined;
  private readonly command: string;
  private sampleTimeoutMs = 4000;
  /** Called with every round (live view). */
  onRound?: (r: Round) => void;

  constructor(
    private readonly links: NodeLinks,
    vip: string,
    private intervalMs = 1000,
    private readonly keepMs = 30 * 60_000,
  ) {
    this.command = sampleCommand(vip);
  }

  setInterval(ms: number): void {
    this.intervalMs = ms;
  }

  /** The bound for one node's sample (clusterFacts.ts sampleTimeoutMs). */
  setSampleTimeout(ms: number): void {
    this.sampleTimeoutMs = ms;
  }

  /** One round now: every node in parallel, each bounded by a short timeout. */
  async sampleOnce(): Promise<Round> {
    const at = Date.now();
    const samples = await Promise.all(
      this.links.all().map(async (l): Promise<NodeSample> => {
        try {
          const r = await this.links.exec(l.role, this.command, { timeoutMs: this.sampleTimeoutMs, idempotent: true });
          return parseNodeSample(r.stdout, l.name, Date.now());
        } catch {
          return { node: l.name, at: Date.now(), reachable: false };
        }
      }),
    );
    const round = { at, samples };
    this.rounds.push(round);
    while (this.rounds.length && this.rounds[0]!.at < at - this.keepMs) this.rounds.shift();
    this.onRound?.(round);
    return round;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      if (!this.running) return;
      const started = Date.now();
      this.inFlight = this.sampleOnce().then(() => undefined);
      await this.inFlight;
      if (!this.running) return;
      this.timer = setTimeout(loop, Math.max(0, this.intervalMs - (Date.now() - started)));
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }

  latest(): Round | undefined {
    return this.rounds[this.rounds.length - 1];
  }

  since(t: number): Round[] {
    return this.rounds.filter((r) => r.at >= t);
  }

  /** A fresh round (never an old one) for decisions made right now. */
  async fresh(): Promise<Round> {
    return this.sampleOnce();
  }

  servicesOn(round: Round, node: string): boolean {
    const s = round.samples.find((x) => x.node === node);
    if (!s?.reachable || !s.vip || !s.crm) return false;
    const { resources } = mailResources(s.crm);
    return resources.length > 0 && resources.every((r) => r.active && r.nodes.length === 1 && r.nodes[0] === node);
  }

  where(round: Round): string[] {
    return servicesNodes(round.samples);
  }

  nodeOnline(round: Round, node: string): boolean {
    return nodeState(round.samples, node)?.online === true;
  }

  nodeOffline(round: Round, node: string): boolean {
    const st = nodeState(round.samples, node);
    return st ? !st.online : false;
  }

  settled(round: Round, nodes: readonly string[]) {
    return settledState(round.samples, nodes);
  }
}

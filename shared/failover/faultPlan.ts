/**
 * What a case does, as data the UI shows before anything runs: the exact commands per node (every argument
 * quoted by shared/shell/quote.ts), out-of-band node actions through the hook, waits, and what undoes the fault
 * (run also on cancel, and after a crash of the app from the record in the project). The runner executes a
 * plan without knowing what a case means; the knowledge is here.
 */
import { z } from 'zod';
import { shCommand } from '../shell/quote';
import type { CaseId } from './cases';
import type { ClusterProfile } from './profile';

export const nodeActions = ['crash', 'poweroff', 'start', 'linkDown', 'linkUp'] as const;
export type NodeAction = (typeof nodeActions)[number];

/** Runs the step on any cluster node that answers (pacemaker tools work from every member). */
export const ANY_NODE = '@any';

const Title = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const WaitForSchema = z.discriminatedUnion('until', [
  z.object({ until: z.literal('servicesOn'), node: z.string() }),
  z.object({ until: z.literal('servicesOff'), node: z.string() }),
  z.object({ until: z.literal('nodeOffline'), node: z.string() }),
  z.object({ until: z.literal('nodeOnline'), node: z.string() }),
  z.object({ until: z.literal('reachable'), node: z.string() }),
  /** The probes are green for stableMs, at least minMs after the fault. */
  z.object({ until: z.literal('stable'), minMs: z.number(), stableMs: z.number() }),
  z.object({ until: z.literal('observe'), ms: z.number() }),
  /** For ms: the lone node never becomes quorate and runs no resource. */
  z.object({ until: z.literal('quorumWait'), node: z.string(), ms: z.number() }),
  /** All nodes online and not standby, resources started, storage in sync, nothing pending. */
  z.object({ until: z.literal('settled') }),
]);
export type WaitFor = z.infer<typeof WaitForSchema>;

export const FaultStepSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('ssh'),
    node: z.string(),
    command: z.string(),
    stdin: z.string().optional(),
    title: Title,
    /** The step whose start is the fault's timestamp. */
    fault: z.boolean().optional(),
    /** The command takes the node (or its SSH) down: a lost connection is its success. */
    mayDisconnect: z.boolean().optional(),
    timeoutMs: z.number().optional(),
    /** Exit codes that count as success (default [0]). */
    okExit: z.array(z.number()).optional(),
  }),
  z.object({ id: z.string(), kind: z.literal('hook'), action: z.enum(nodeActions), node: z.string(), net: z.enum(['client', 'cluster']).optional(), title: Title, fault: z.boolean().optional() }),
  z.object({ id: z.string(), kind: z.literal('operator'), action: z.literal('powerOn'), node: z.string(), title: Title }),
  z.object({ id: z.string(), kind: z.literal('wait'), wait: WaitForSchema, timeoutMs: z.number(), title: Title, effect: z.boolean().optional() }),
]);
export type FaultStep = z.infer<typeof FaultStepSchema>;

export interface FaultPlan {
  caseId: CaseId;
  /** Inject, observe, and bring the cluster back (power on, rejoin). */
  steps: FaultStep[];
  /** Undoes what the fault left behind (standby, constraints, firewall rules, stopped stacks); also on cancel. */
  undo: FaultStep[];
  /** Fail counts cleared, then wait until the cluster is in its start state. */
  cleanup: FaultStep[];
}

export interface PlanNode {
  name: string;
  /** The node's addresses on the cluster links (corosync rings, DRBD). */
  addresses: string[];
}

export interface FaultContext {
  active: string;
  peer: string;
  nodes: PlanNode[];
  /** The resource group (or resource) the mail services form. */
  group: string;
  drbdPort?: number;
  profile: ClusterProfile;
  /** Seconds after which a link cut heals by itself on the node (systemd timer), even if the app is gone. */
  healAfterS: number;
  /** Rolling maintenance upgrades packages for real (else it only shows what an upgrade would do). */
  upgrade: boolean;
  caseTimeoutMs: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const TABLE = 'mhs_failover';
const HEAL_UNIT = 'mhs-failover-heal';

const sh = (script: string) => shCommand(['sh', '-c', script]);

export const commands = {
  standby: (node: string) => shCommand(['crm_attribute', '--node', node, '--name', 'standby', '--update', 'on']),
  unstandby: (node: string) => shCommand(['crm_attribute', '--node', node, '--name', 'standby', '--delete']),
  move: (group: string, node: string) => shCommand(['crm_resource', '--move', '--resource', group, '--node', node]),
  clear: (group: string) => shCommand(['crm_resource', '--clear', '--resource', group]),
  cleanup: () => shCommand(['crm_resource', '--cleanup']),
  // The master's pid file lives in the queue directory, wherever the cluster put it (shared volume).
  killPostfixMaster: () => sh('q=$(postconf -h queue_directory) && pid=$(tr -dc 0-9 < "$q/pid/master.pid") && [ -n "$pid" ] && kill -KILL "$pid" && echo "killed postfix master $pid"'),
  killMain: (unit: string) => shCommand(['systemctl', 'kill', '--signal=SIGKILL', '--kill-who=main', unit]),
  // sysrq c in a container would crash the host kernel every container shares: refuse there. kernel.panic
  // makes the crashed node reboot by itself (Debian's default 0 would leave it hanging).
  sysrqCrash: () => sh('if systemd-detect-virt --container --quiet; then echo "refusing sysrq in a container" >&2; exit 3; fi; sysctl -q -w kernel.panic=10 && echo c > /proc/sysrq-trigger'),
  poweroff: () => shCommand(['systemctl', 'poweroff']),
  reboot: () => shCommand(['systemctl', 'reboot']),
  upgrade: (real: boolean) =>
    sh(real ? 'export DEBIAN_FRONTEND=noninteractive; apt-get -q update && apt-get -q -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold upgrade' : 'apt-get -q update && apt-get -s upgrade | grep -E "^(Inst|[0-9]+ upgraded)" || true'),
  fence: (victim: string) => shCommand(['stonith_admin', '--reboot', victim]),
  stopStack: () => shCommand(['systemctl', 'stop', 'pacemaker.service', 'corosync.service']),
  // Stopping corosync stops corosync-qdevice with it (its unit requires corosync), a start does not bring it
  // back: without it the node has no quorum device vote (seen on the ct lab: a lone node never became quorate).
  startStack: (qdevice: boolean) => shCommand(['systemctl', 'start', 'corosync.service', ...(qdevice ? ['corosync-qdevice.service'] : []), 'pacemaker.service']),
  /** Arms the self-heal timer first, then loads the drop rules from stdin (see cutRules). */
  cut: (healAfterS: number) =>
    sh(`systemctl stop ${HEAL_UNIT}.timer 2>/dev/null; nft delete table inet ${TABLE} 2>/dev/null; systemd-run --quiet --collect --unit=${HEAL_UNIT} --on-active=${Math.max(10, Math.round(healAfterS))}s nft delete table inet ${TABLE} && nft -f -`),
  heal: () => sh(`systemctl stop ${HEAL_UNIT}.timer 2>/dev/null; nft delete table inet ${TABLE} 2>/dev/null; true`),
};

/** nftables rules dropping traffic with the peer's addresses (all of it, or only DRBD's TCP port). */
export function cutRules(peerAddresses: string[], drbdPort?: number): string {
  const addrs = peerAddresses.filter((a) => IPV4.test(a));
  if (!addrs.length) throw new Error('no valid peer address to cut');
  if (drbdPort !== undefined && !(Number.isInteger(drbdPort) && drbdPort > 0 && drbdPort < 65536)) throw new Error('bad DRBD port');
  const set = `{ ${addrs.join(', ')} }`;
  const match = (dir: 'saddr' | 'daddr') => (drbdPort === undefined ? [`ip ${dir} ${set} drop`] : [`ip ${dir} ${set} tcp dport ${drbdPort} drop`, `ip ${dir} ${set} tcp sport ${drbdPort} drop`]);
  return [
    `table inet ${TABLE} {`,
    '  chain input {',
    '    type filter hook input priority -300; policy accept;',
    ...match('saddr').map((r) => `    ${r}`),
    '  }',
    '  chain output {',
    '    type filter hook output priority -300; policy accept;',
    ...match('daddr').map((r) => `    ${r}`),
    '  }',
    '}',
    '',
  ].join('\n');
}

const t = (key: string, params?: Record<string, string | number>) => ({ key: `failover:steps.${key}`, ...(params ? { params } : {}) });

function addressesOf(c: FaultContext, node: string): string[] {
  return c.nodes.find((n) => n.name === node)?.addresses ?? [];
}

/** Node comes back after it went down: by itself (reboot), through the hook, or by a person asked to. */
function bringBack(c: FaultContext, node: string, selfReboots: boolean, id: string): FaultStep[] {
  const wait = c.caseTimeoutMs;
  const steps: FaultStep[] = [];
  if (!selfReboots) {
    if (c.profile.hook.powerOn) steps.push({ id: `${id}.start`, kind: 'hook', action: 'start', node, title: t('hookStart', { node }) });
    else steps.push({ id: `${id}.operator`, kind: 'operator', action: 'powerOn', node, title: t('operatorPowerOn', { node }) });
  }
  steps.push({ id: `${id}.reachable`, kind: 'wait', wait: { until: 'reachable', node }, timeoutMs: wait, title: t('waitReachable', { node }) });
  steps.push({ id: `${id}.online`, kind: 'wait', wait: { until: 'nodeOnline', node }, timeoutMs: wait, title: t('waitOnline', { node }) });
  return steps;
}

function moved(c: FaultContext, id: string): FaultStep[] {
  return [
    { id: `${id}.moved`, kind: 'wait', wait: { until: 'servicesOn', node: c.peer }, timeoutMs: c.caseTimeoutMs, title: t('waitServicesOn', { node: c.peer }), effect: true },
    { id: `${id}.stable`, kind: 'wait', wait: { until: 'stable', minMs: 0, stableMs: 5000 }, timeoutMs: c.caseTimeoutMs, title: t('waitStable', { seconds: 5 }) },
  ];
}

const cleanup = (c: FaultContext): FaultStep[] => [
  { id: 'cleanup.failcounts', kind: 'ssh', node: ANY_NODE, command: commands.cleanup(), title: t('cleanup') },
  { id: 'cleanup.settled', kind: 'wait', wait: { until: 'settled' }, timeoutMs: c.caseTimeoutMs, title: t('waitSettled') },
];

function crashStep(c: FaultContext, node: string, id: string): { step: FaultStep; selfReboots: boolean } {
  // A container shares the host's kernel: only the lab (hook) can kill it. VMs and servers crash their own kernel.
  if (c.profile.platform === 'container') {
    return { step: { id, kind: 'hook', action: 'crash', node, fault: true, title: t('hookCrash', { node }) }, selfReboots: false };
  }
  return { step: { id, kind: 'ssh', node, command: commands.sysrqCrash(), fault: true, mayDisconnect: true, timeoutMs: 15_000, title: t('sysrqCrash', { node }) }, selfReboots: true };
}

function reboot(c: FaultContext, node: string, id: string): FaultStep[] {
  // A container's reboot ends its nspawn process: power-cycle it through the hook instead.
  if (c.profile.platform === 'container') {
    return [
      { id: `${id}.poweroff`, kind: 'ssh', node, command: commands.poweroff(), mayDisconnect: true, timeoutMs: 30_000, title: t('poweroff', { node }) },
      { id: `${id}.offline`, kind: 'wait', wait: { until: 'nodeOffline', node }, timeoutMs: c.caseTimeoutMs, title: t('waitOffline', { node }) },
      ...bringBack(c, node, false, id),
    ];
  }
  return [{ id: `${id}.reboot`, kind: 'ssh', node, command: commands.reboot(), mayDisconnect: true, timeoutMs: 30_000, title: t('reboot', { node }) }, ...bringBack(c, node, true, id)];
}

export function faultPlan(caseId: CaseId, c: FaultContext): FaultPlan {
  const A = c.active;
  const P = c.peer;
  const T = c.caseTimeoutMs;
  switch (caseId) {
    case 'standby':
      return {
        caseId,
        steps: [{ id: 'standby', kind: 'ssh', node: A, command: commands.standby(A), fault: true, title: t('standby', { node: A }) }, ...moved(c, 'standby')],
        undo: [
          { id: 'unstandby', kind: 'ssh', node: ANY_NODE, command: commands.unstandby(A), title: t('unstandby', { node: A }) },
          { id: 'unstandby.online', kind: 'wait', wait: { until: 'nodeOnline', node: A }, timeoutMs: T, title: t('waitOnline', { node: A }) },
        ],
        cleanup: cleanup(c),
      };
    case 'move':
      return {
        caseId,
        steps: [{ id: 'move', kind: 'ssh', node: A, command: commands.move(c.group, P), fault: true, title: t('move', { group: c.group, node: P }) }, ...moved(c, 'move')],
        undo: [{ id: 'clear', kind: 'ssh', node: ANY_NODE, command: commands.clear(c.group), title: t('clear', { group: c.group }) }],
        cleanup: cleanup(c),
      };
    case 'rollingMaintenance': {
      const half = (node: string, other: string, k: number, fault: boolean): FaultStep[] => [
        { id: `rm${k}.standby`, kind: 'ssh', node, command: commands.standby(node), ...(fault ? { fault: true } : {}), title: t('standby', { node }) },
        { id: `rm${k}.moved`, kind: 'wait', wait: { until: 'servicesOn', node: other }, timeoutMs: T, title: t('waitServicesOn', { node: other }), ...(k === 1 ? { effect: true } : {}) },
        { id: `rm${k}.upgrade`, kind: 'ssh', node, command: commands.upgrade(c.upgrade), timeoutMs: 30 * 60_000, title: t(c.upgrade ? 'upgrade' : 'upgradeSimulate', { node }) },
        ...reboot(c, node, `rm${k}`),
        { id: `rm${k}.unstandby`, kind: 'ssh', node: ANY_NODE, command: commands.unstandby(node), title: t('unstandby', { node }) },
        { id: `rm${k}.settled`, kind: 'wait', wait: { until: 'settled' }, timeoutMs: T, title: t('waitSettled') },
      ];
      return {
        caseId,
        steps: [...half(A, P, 1, true), ...half(P, A, 2, false), { id: 'rm.stable', kind: 'wait', wait: { until: 'stable', minMs: 0, stableMs: 5000 }, timeoutMs: T, title: t('waitStable', { seconds: 5 }) }],
        undo: [
          { id: 'rm.unstandby1', kind: 'ssh', node: ANY_NODE, command: commands.unstandby(A), title: t('unstandby', { node: A }) },
          { id: 'rm.unstandby2', kind: 'ssh', node: ANY_NODE, command: commands.unstandby(P), title: t('unstandby', { node: P }) },
        ],
        cleanup: cleanup(c),
      };
    }
    case 'killService':
      return {
        caseId,
        steps: [
          { id: 'kill', kind: 'ssh', node: A, command: commands.killPostfixMaster(), fault: true, title: t('killPostfix', { node: A }) },
          // The monitor notices within one interval; then the restart.
          { id: 'kill.stable', kind: 'wait', wait: { until: 'stable', minMs: 20_000, stableMs: 5000 }, timeoutMs: T, title: t('waitStable', { seconds: 5 }), effect: true },
        ],
        undo: [],
        cleanup: cleanup(c),
      };
    case 'killPacemakerd':
      return {
        caseId,
        steps: [
          { id: 'kill', kind: 'ssh', node: A, command: commands.killMain('pacemaker.service'), fault: true, title: t('killPacemakerd', { node: A }) },
          { id: 'kill.observe', kind: 'wait', wait: { until: 'stable', minMs: 20_000, stableMs: 10_000 }, timeoutMs: T, title: t('waitStable', { seconds: 10 }), effect: true },
          { id: 'kill.online', kind: 'wait', wait: { until: 'nodeOnline', node: A }, timeoutMs: T, title: t('waitOnline', { node: A }) },
        ],
        undo: [],
        cleanup: cleanup(c),
      };
    case 'killCorosync':
      return {
        caseId,
        steps: [
          { id: 'kill', kind: 'ssh', node: A, command: commands.killMain('corosync.service'), fault: true, mayDisconnect: true, title: t('killCorosync', { node: A }) },
          ...moved(c, 'kill'),
          ...bringBack(c, A, true, 'kill'),
        ],
        // If the node was not fenced, its cluster stack is still half dead.
        undo: [{ id: 'kill.restart', kind: 'ssh', node: A, command: commands.startStack(c.profile.quorum === 'qdevice'), title: t('startStack', { node: A }) }],
        cleanup: cleanup(c),
      };
    case 'hardCrash': {
      const { step, selfReboots } = crashStep(c, A, 'crash');
      return { caseId, steps: [step, ...moved(c, 'crash'), ...bringBack(c, A, selfReboots, 'crash')], undo: [], cleanup: cleanup(c) };
    }
    case 'powerOff':
      return {
        caseId,
        steps: [
          { id: 'poweroff', kind: 'ssh', node: A, command: commands.poweroff(), fault: true, mayDisconnect: true, timeoutMs: 30_000, title: t('poweroff', { node: A }) },
          ...moved(c, 'poweroff'),
          { id: 'poweroff.offline', kind: 'wait', wait: { until: 'nodeOffline', node: A }, timeoutMs: T, title: t('waitOffline', { node: A }) },
          ...bringBack(c, A, false, 'poweroff'),
        ],
        undo: [],
        cleanup: cleanup(c),
      };
    case 'clusterLinkCut':
    case 'drbdLinkCut': {
      const drbd = caseId === 'drbdLinkCut';
      const peerAddrs = addressesOf(c, P);
      const steps: FaultStep[] = [
        {
          id: 'cut',
          kind: 'ssh',
          node: A,
          command: commands.cut(c.healAfterS),
          stdin: cutRules(peerAddrs, drbd ? (c.drbdPort ?? 7789) : undefined),
          fault: true,
          // A cut of the cluster links gets the node fenced: the SSH session may die with it.
          ...(drbd ? {} : { mayDisconnect: true }),
          title: t(drbd ? 'cutDrbd' : 'cutLinks', { node: A, peer: P, addresses: peerAddrs.join(', ') }),
        },
      ];
      if (drbd) {
        steps.push({ id: 'cut.observe', kind: 'wait', wait: { until: 'observe', ms: 30_000 }, timeoutMs: 60_000, title: t('observe', { seconds: 30 }), effect: true });
        steps.push({ id: 'heal', kind: 'ssh', node: A, command: commands.heal(), title: t('heal', { node: A }) });
      } else {
        steps.push({ id: 'cut.decided', kind: 'wait', wait: { until: 'stable', minMs: 15_000, stableMs: 5000 }, timeoutMs: T, title: t('waitStable', { seconds: 5 }), effect: true });
        steps.push(...bringBack(c, A, true, 'cut'));
      }
      return { caseId, steps, undo: [{ id: 'cut.heal', kind: 'ssh', node: A, command: commands.heal(), title: t('heal', { node: A }) }], cleanup: cleanup(c) };
    }
    case 'fenceTest':
      return {
        caseId,
        steps: [
          { id: 'fence', kind: 'ssh', node: P, command: commands.fence(A), fault: true, timeoutMs: 180_000, title: t('fence', { node: A, by: P }) },
          ...moved(c, 'fence'),
          ...bringBack(c, A, true, 'fence'),
        ],
        undo: [],
        cleanup: cleanup(c),
      };
    case 'coldStartAlone': {
      const others = c.nodes.map((n) => n.name).filter((n) => n !== A);
      return {
        caseId,
        steps: [
          ...others.map((n): FaultStep => ({ id: `cold.stop.${n}`, kind: 'ssh', node: n, command: commands.stopStack(), timeoutMs: 300_000, title: t('stopStack', { node: n }) })),
          { id: 'cold.stop', kind: 'ssh', node: A, command: commands.stopStack(), fault: true, timeoutMs: 300_000, title: t('stopStack', { node: A }) },
          { id: 'cold.startAlone', kind: 'ssh', node: A, command: commands.startStack(c.profile.quorum === 'qdevice'), timeoutMs: 300_000, title: t('startStack', { node: A }) },
          { id: 'cold.wait', kind: 'wait', wait: { until: 'quorumWait', node: A, ms: 30_000 }, timeoutMs: 90_000, title: t('waitQuorumWait', { node: A, seconds: 30 }), effect: true },
          ...others.map((n): FaultStep => ({ id: `cold.start.${n}`, kind: 'ssh', node: n, command: commands.startStack(c.profile.quorum === 'qdevice'), timeoutMs: 300_000, title: t('startStack', { node: n }) })),
          { id: 'cold.settled', kind: 'wait', wait: { until: 'settled' }, timeoutMs: T, title: t('waitSettled') },
        ],
        undo: c.nodes.map((n): FaultStep => ({ id: `cold.undo.${n.name}`, kind: 'ssh', node: n.name, command: commands.startStack(c.profile.quorum === 'qdevice'), timeoutMs: 300_000, title: t('startStack', { node: n.name }) })),
        cleanup: cleanup(c),
      };
    }
  }
}

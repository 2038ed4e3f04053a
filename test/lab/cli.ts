// npm run lab -- <command> [--tier ct|vm] ...   (MHS_LAB_INSTANCE=0..7 picks the lab instance)
import { ALL_NODES, INSTANCE, NETS, TIERS, type NetName, type NodeName, type Tier } from './lib/config.js';
import { buildImages, down, status, up } from './lib/lab.js';
import { leftovers } from './lib/leftovers.js';
import { crashNode, poweroffNode, setLink, startNode, type CrashMethod } from './lib/nodes.js';
import { loadState, statusFile } from './lib/state.js';

const USAGE = `usage: npm run lab -- <command> [--tier ct|vm] [options]   (instance: MHS_LAB_INSTANCE=0..7, now ${INSTANCE})
  build                                     build or reuse the cached images
  up      [--nodes legacy,secondary,witness] start the lab (builds missing images first)
  status                                    print and rewrite status.json
  down    [--check]                         stop everything up started; --check: fail if anything is left
  crash    --node N [--method kill|sysrq]   hard crash (ct: SIGKILL the container init; vm: kill qemu, or sysrq c)
  poweroff --node N                         clean power-off
  start    --node N                         boot a stopped or crashed node again (same disks, identity, addresses)
  link up|down --node N --net client|cluster  restore or cut the node's NIC on that network
  leftovers                                 list what a lab of this tier left on the host (exit 1 if anything)`;

const COMMANDS = ['build', 'up', 'status', 'down', 'crash', 'poweroff', 'start', 'link', 'leftovers'] as const;
type Command = (typeof COMMANDS)[number];

interface Args {
  cmd: Command;
  tier: Tier;
  nodes: NodeName[];
  node?: NodeName;
  net?: NetName;
  linkState?: 'up' | 'down';
  method: CrashMethod;
  check: boolean;
}

function parse(argv: string[]): Args {
  const [cmd, ...rest] = argv;
  if (!cmd || !COMMANDS.includes(cmd as Command)) throw new Error(USAGE);
  const a: Args = { cmd: cmd as Command, tier: 'ct', nodes: [...ALL_NODES], method: 'kill', check: false };
  if (a.cmd === 'link') {
    const s = rest.shift();
    if (s !== 'up' && s !== 'down') throw new Error(`link needs up or down\n${USAGE}`);
    a.linkState = s;
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const val = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--tier') {
      const t = val();
      if (!TIERS.includes(t as Tier)) throw new Error(`unknown tier ${t}\n${USAGE}`);
      a.tier = t as Tier;
    } else if (flag === '--nodes') {
      const ns = val().split(',').map((s) => s.trim()).filter(Boolean);
      for (const n of ns) if (!ALL_NODES.includes(n as NodeName)) throw new Error(`unknown node ${n}\n${USAGE}`);
      a.nodes = ALL_NODES.filter((n) => ns.includes(n));
    } else if (flag === '--node') {
      const n = val();
      if (!ALL_NODES.includes(n as NodeName)) throw new Error(`unknown node ${n} (legacy, secondary, witness)`);
      a.node = n as NodeName;
    } else if (flag === '--net') {
      const n = val();
      if (!NETS.includes(n as NetName)) throw new Error(`unknown network ${n} (client, cluster)`);
      a.net = n as NetName;
    } else if (flag === '--method') {
      const m = val();
      if (m !== 'kill' && m !== 'sysrq') throw new Error(`unknown crash method ${m} (kill, sysrq)`);
      a.method = m;
    } else if (flag === '--check' && inline === undefined) {
      a.check = true;
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (['crash', 'poweroff', 'start', 'link'].includes(a.cmd) && !a.node) throw new Error(`${a.cmd} needs --node legacy|secondary|witness`);
  if (a.cmd === 'link' && !a.net) throw new Error('link needs --net client|cluster');
  return a;
}

const print = (v: unknown): void => void process.stdout.write(JSON.stringify(v, null, 2) + '\n');

async function main(): Promise<void> {
  const a = parse(process.argv.slice(2));
  if (process.getuid?.() !== 0) throw new Error('the lab needs root (network namespaces, nspawn, loop devices, qemu taps)');
  const node = a.node as NodeName;
  switch (a.cmd) {
    case 'build': {
      const r = await buildImages(a.tier);
      for (const i of r.images) process.stdout.write(`${i.kind}\t${i.cached ? 'cached' : `built in ${i.seconds} s`}\t${i.dir}\n`);
      process.stdout.write(`build (${a.tier}) took ${r.seconds.toFixed(1)} s\n`);
      return;
    }
    case 'up':
      return print(await up(a.tier, a.nodes));
    case 'status': {
      const st = status(a.tier);
      if (!st) {
        print({ schema: 2, tier: a.tier, instance: INSTANCE, state: 'down' });
        process.exitCode = 3;
        return;
      }
      print(st);
      process.stderr.write(`written to ${statusFile(a.tier)}\n`);
      return;
    }
    case 'down': {
      const procs = loadState(a.tier)?.procs ?? [];
      await down(a.tier);
      if (a.check) {
        const left = await leftovers(a.tier, procs);
        if (left.length) throw new Error(`down left behind:\n  ${left.join('\n  ')}`);
      }
      return;
    }
    case 'leftovers': {
      const left = await leftovers(a.tier);
      for (const l of left) process.stdout.write(`${l}\n`);
      if (left.length) process.exitCode = 1;
      return;
    }
    case 'crash':
      return print(await crashNode(a.tier, node, a.method));
    case 'poweroff':
      return print(await poweroffNode(a.tier, node));
    case 'start':
      return print(await startNode(a.tier, node));
    case 'link':
      return print(await setLink(a.tier, node, a.net as NetName, a.linkState as 'up' | 'down'));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

// npm run lab -- build|up|status|down [--tier vm|ct] [--nodes legacy,secondary,witness]
import { ALL_NODES, TIERS, type NodeName, type Tier } from './lib/config.js';
import { buildImages, down, status, up } from './lib/lab.js';
import { statusFile } from './lib/state.js';

const USAGE = 'usage: npm run lab -- build|up|status|down [--tier ct|vm] [--nodes legacy,secondary,witness]';

function parse(argv: string[]): { cmd: string; tier: Tier; nodes: NodeName[] } {
  const [cmd, ...rest] = argv;
  let tier: Tier = 'ct';
  let nodes: NodeName[] = ['legacy', 'secondary', 'witness'];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--tier') {
      const t = val();
      if (!TIERS.includes(t as Tier)) throw new Error(`unknown tier ${t}\n${USAGE}`);
      tier = t as Tier;
    } else if (flag === '--nodes') {
      const ns = val().split(',').map((s) => s.trim()).filter(Boolean);
      for (const n of ns) if (!ALL_NODES.includes(n as NodeName)) throw new Error(`unknown node ${n}\n${USAGE}`);
      nodes = ALL_NODES.filter((n) => ns.includes(n));
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (!cmd || !['build', 'up', 'status', 'down'].includes(cmd)) throw new Error(USAGE);
  return { cmd, tier, nodes };
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the lab needs root (network namespaces, nspawn, loop devices, qemu taps)');
  const { cmd, tier, nodes } = parse(process.argv.slice(2));
  if (cmd === 'build') {
    const r = await buildImages(tier);
    for (const i of r.images) process.stdout.write(`${i.kind}\t${i.cached ? 'cached' : `built in ${i.seconds} s`}\t${i.dir}\n`);
    process.stdout.write(`build (${tier}) took ${r.seconds.toFixed(1)} s\n`);
  } else if (cmd === 'up') {
    const st = await up(tier, nodes);
    process.stdout.write(JSON.stringify(st, null, 2) + '\n');
  } else if (cmd === 'status') {
    const st = status(tier);
    if (!st) {
      process.stdout.write(JSON.stringify({ schema: 1, tier, state: 'down' }) + '\n');
      process.exitCode = 3;
      return;
    }
    process.stdout.write(JSON.stringify(st, null, 2) + '\n');
    process.stderr.write(`written to ${statusFile(tier)}\n`);
  } else {
    await down(tier);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

/**
 * `npm run bench`: prints figures, asserts nothing. Goals are printed beside each figure.
 * `npm run bench -- ui io maillog docs` runs a subset; MHS_BENCH_MAILLOG_MB sets the mail-log size (default 1024).
 */
import { existsSync } from 'node:fs';
import { benchLegacyAnalysis } from './analysis';
import { benchCommission, commissionBenchLine } from './commission';
import { benchDocuments } from './docs';
import { benchFailover } from './failover';
import { benchMaillog } from './maillog';
import { benchProjectIO } from './projectIO';
import { benchFirstScreen } from './ui';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const selected = process.argv.slice(2);
const want = (name: string) => selected.length === 0 || selected.includes(name);

if (want('ui')) {
  if (!existsSync('dist/renderer/index.html')) {
    console.log('ui: dist/renderer missing, run `npm run build:renderer` first');
  } else {
    const t = await benchFirstScreen();
    console.log(`ui: page load -> first interactive wizard screen: median ${fmt(median(t))} (runs: ${t.map((x) => x.toFixed(0)).join(', ')} ms; goal <= 1500 ms)`);
  }
}

if (want('io')) {
  const r = await benchProjectIO();
  console.log(`io: large project (${(r.bytes / 1024).toFixed(0)} KiB) save median ${fmt(median(r.save))}, load median ${fmt(median(r.load))}`);
}

if (want('analysis')) {
  for (const tier of ['ct', 'vm'] as const) {
    const r = await benchLegacyAnalysis(tier);
    if (!r) console.log(`analysis (${tier}): lab not running; start it with \`npm run lab -- up --tier ${tier} --nodes legacy\``);
    else console.log(`analysis (${tier}): full Ist-Analyse of the legacy node (${r.collectors} collectors) median ${(median(r.ms) / 1000).toFixed(2)} s (runs: ${r.ms.map((x) => (x / 1000).toFixed(2)).join(', ')} s; goal <= 15 s on ct)`);
  }
}

// Only when asked for by name: it takes the lab cluster's mail service down on purpose.
if (selected.includes('failover')) {
  for (const line of await benchFailover()) console.log(line);
}

if (want('maillog')) {
  const mb = Number(process.env.MHS_BENCH_MAILLOG_MB ?? 1024);
  const r = await benchMaillog(mb * 1024 * 1024);
  console.log(
    `maillog: ${(r.bytes / 1048576).toFixed(0)} MiB log: ours ${(r.oursMs / 1000).toFixed(1)} s, pflogsumm ${(r.pflogsummMs / 1000).toFixed(1)} s, ratio ${r.ratio.toFixed(1)}x (goal >= 5x), whole report matches: ${r.totalsMatch}${r.totalsMatch ? '' : ` (${JSON.stringify(r.mismatches.slice(0, 5))})`}`,
  );
}

if (want('docs')) {
  const r = await benchDocuments();
  for (const kind of ['report', 'handbook'] as const) {
    const k = r[kind];
    console.log(`docs: ${kind} of a large project (${(r.bytes / 1024).toFixed(0)} KiB, ${k.pages} pages) median ${(median(k.ms) / 1000).toFixed(2)} s wall, ${(median(k.cpuMs) / 1000).toFixed(2)} s CPU (runs: ${k.ms.map((x) => (x / 1000).toFixed(2)).join(', ')} s; goal <= 3 s)`);
  }
}

// Changes the lab (takes it down and up again): only when asked for by name. `--tier ct|vm` (default ct).
if (selected.includes('commission')) {
  const i = process.argv.indexOf('--tier');
  const tier = i > 0 && process.argv[i + 1] === 'vm' ? 'vm' : 'ct';
  console.log(commissionBenchLine(await benchCommission(tier)));
}

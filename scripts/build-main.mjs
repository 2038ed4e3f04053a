// Bundles the Electron main process, the sandboxed preload and (when present) the CLI with esbuild.
//
//   dist/main/electron/main.mjs     ESM, platform node. ESM (not CJS) because main/version.ts finds
//                                   package.json through import.meta.url: from dist/main/electron it walks
//                                   up to the app root (app.asar/package.json in the packaged app).
//   dist/main/electron/preload.cjs  one CommonJS file requiring nothing but 'electron' (a sandboxed
//                                   preload cannot require anything else).
//   dist/cli.mjs                    only if main/cli/index.ts exists.
//   <bundle dir>/locales/           the i18n JSON files, beside each bundle that translates in Node (the CLI).
//
// Dependencies stay external (packages: 'external'): electron-builder packs the production node_modules
// into the asar anyway, and several of them must not be bundled: ssh2 loads optional native addons
// (cpu-features, sshcrypto.node) inside try/catch and falls back to JS, pdfkit reads its font metric files
// relative to its own directory. Only our own code (main/, shared/) is bundled.
//
// The preload imports methodNames/eventNames from shared/contract, whose schemas pull in zod. The name
// lists are computed here once from the real contract and substituted for that import, so the preload
// stays a few kilobytes and can never drift from the contract.
//
// Usage: node scripts/build-main.mjs [--outdir DIR]   (DIR defaults to ./dist; tests build into a temp dir)
import { Buffer } from 'node:buffer';
import { existsSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIdx = process.argv.indexOf('--outdir');
const outdir = path.resolve(outIdx > 0 ? process.argv[outIdx + 1] : path.join(root, 'dist'));
const contractIndex = path.join(root, 'shared/contract/index.ts');

/** The contract's method and event names, evaluated from the real source (zod bundled into a throwaway module). */
async function contractNames() {
  const res = await build({
    entryPoints: [contractIndex],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const code = res.outputFiles[0].text;
  const mod = await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
  if (!Array.isArray(mod.methodNames) || !Array.isArray(mod.eventNames) || mod.methodNames.length === 0) {
    throw new Error('shared/contract did not export methodNames/eventNames');
  }
  return { methodNames: mod.methodNames, eventNames: mod.eventNames };
}

/** Resolves the preload's import of shared/contract to the precomputed name lists. */
function contractNamesPlugin(names) {
  return {
    name: 'contract-names',
    setup(b) {
      b.onResolve({ filter: /shared\/contract(\/index(\.ts)?)?$/ }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path);
        if (resolved !== contractIndex && resolved + '.ts' !== contractIndex && resolved + '/index.ts' !== contractIndex) return undefined;
        return { path: 'contract-names', namespace: 'contract-names' };
      });
      b.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
        contents:
          `export const methodNames = ${JSON.stringify(names.methodNames)};\n` +
          `export const eventNames = ${JSON.stringify(names.eventNames)};\n`,
        loader: 'js',
      }));
    },
  };
}

/**
 * main/i18n/nodeI18n.ts reads the locale JSON files at run time, from shared/ in the source tree or from
 * a locales/ folder beside the bundle. Copy them beside every bundle that contains it.
 */
async function copyLocalesIfUsed(result, outfile) {
  const usesNodeI18n = Object.keys(result.metafile.inputs).some((i) => i.replace(/\\/g, '/').endsWith('main/i18n/nodeI18n.ts'));
  if (!usesNodeI18n) return false;
  const target = path.join(path.dirname(outfile), 'locales');
  await rm(target, { recursive: true, force: true });
  await cp(path.join(root, 'shared/i18n/locales'), target, { recursive: true });
  return true;
}

/** main/documents/fonts.ts looks for the PDF fonts beside the bundle (fonts/); copy them where it is bundled. */
async function copyFontsIfUsed(result, outfile) {
  const usesFonts = Object.keys(result.metafile.inputs).some((i) => i.replace(/\\/g, '/').endsWith('main/documents/fonts.ts'));
  if (!usesFonts) return false;
  const target = path.join(path.dirname(outfile), 'fonts');
  await rm(target, { recursive: true, force: true });
  await cp(path.join(root, 'assets/fonts'), target, { recursive: true });
  return true;
}

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', metafile: true };

async function main() {
  await rm(path.join(outdir, 'main'), { recursive: true, force: true });
  const names = await contractNames();

  const preload = await build({
    ...common,
    entryPoints: [path.join(root, 'main/electron/preload.ts')],
    outfile: path.join(outdir, 'main/electron/preload.cjs'),
    format: 'cjs',
    platform: 'browser', // sandboxed preload: no Node built-ins are available
    external: ['electron'],
    sourcemap: false,
    plugins: [contractNamesPlugin(names)],
  });
  for (const [file, out] of Object.entries(preload.metafile.outputs)) {
    const foreign = out.imports.filter((i) => i.path !== 'electron');
    if (foreign.length) throw new Error(`${file} must require only 'electron', found: ${foreign.map((i) => i.path).join(', ')}`);
  }

  const mainOut = path.join(outdir, 'main/electron/main.mjs');
  const mainBuild = await build({
    ...common,
    entryPoints: [path.join(root, 'main/electron/main.ts')],
    outfile: mainOut,
    format: 'esm',
    packages: 'external',
    external: ['electron'],
  });
  await copyLocalesIfUsed(mainBuild, mainOut);
  await copyFontsIfUsed(mainBuild, mainOut);

  const cliEntry = path.join(root, 'main/cli/index.ts');
  if (existsSync(cliEntry)) {
    const cliOut = path.join(outdir, 'cli.mjs');
    const cliBuild = await build({
      ...common,
      entryPoints: [cliEntry],
      outfile: cliOut,
      format: 'esm',
      packages: 'external',
      banner: { js: '#!/usr/bin/env node' },
    });
    await copyLocalesIfUsed(cliBuild, cliOut);
    await copyFontsIfUsed(cliBuild, cliOut);
  }
  const rel = (p) => path.relative(root, p) || '.';
  process.stdout.write(
    `built ${rel(path.join(outdir, 'main/electron'))}/{main.mjs,preload.cjs}${existsSync(cliEntry) ? ` and ${rel(path.join(outdir, 'cli.mjs'))}` : ''}` +
      ` (${names.methodNames.length} methods, ${names.eventNames.length} events)\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`build-main failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

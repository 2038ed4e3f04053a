#!/usr/bin/env node
// `npx mail-ha-studio <command>`: runs the CLI from the built bundle when present, else from source via tsx.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli.mjs');
const args = bundle && existsSync(bundle)
  ? [bundle, ...process.argv.slice(2)]
  : ['--import', 'tsx', path.join(root, 'main', 'cli', 'index.ts'), ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: process.cwd() });
process.exit(r.status ?? 1);

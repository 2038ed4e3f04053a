// Root file system images, built with mmdebstrap from Debian's mirror (the host's apt sources) and cached
// under test/lab/.cache/images keyed by a hash of everything that goes into them.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CACHE_DIR, IMAGES_DIR, LAB_DIR } from './config.js';
import { log, readList, run, runToLog, sha256, shq } from './util.js';

export type ImageKind = 'base' | 'legacy';

export interface BuiltImage {
  kind: ImageKind | 'vm';
  key: string;
  dir: string;
  root: string;
  cached: boolean;
  seconds: number;
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

/** Inputs of an image: its package lists, hook scripts and files, plus (legacy) the mail history generator. */
function imageInputs(kind: ImageKind): string[] {
  // images/vm/ only goes into the vm tier's disk images (see vm.ts), not into the root file systems.
  const inputs = filesUnder(IMAGES_DIR).filter((f) => !relative(IMAGES_DIR, f).startsWith('vm/'));
  if (kind === 'legacy') inputs.push(join(LAB_DIR, 'lib', 'accounts.ts'), join(LAB_DIR, 'lib', 'mailgen.ts'), join(LAB_DIR, 'lib', 'provision.ts'));
  return inputs;
}

export function keyOfFiles(prefix: string[], files: string[]): string {
  const parts: (string | Buffer)[] = [...prefix];
  for (const f of files) parts.push(relative(LAB_DIR, f), readFileSync(f));
  return sha256(parts).slice(0, 16);
}

export function imageKey(kind: ImageKind): string {
  return keyOfFiles([`kind=${kind}`, 'suite=bookworm', 'arch=amd64'], imageInputs(kind));
}

export const imageDir = (kind: ImageKind, key = imageKey(kind)): string => join(CACHE_DIR, 'images', `${kind}-${key}`);
export const isBuilt = (dir: string): boolean => existsSync(join(dir, 'done'));

/** Remove cached images of this kind built from older inputs. */
function pruneOld(kind: ImageKind, keep: string): void {
  const base = join(CACHE_DIR, 'images');
  if (!existsSync(base)) return;
  for (const e of readdirSync(base)) {
    const p = join(base, e);
    if (e.startsWith(`${kind}-`) && p !== keep && statSync(p).isDirectory()) {
      log(`removing outdated image ${e}`);
      rmSync(p, { recursive: true, force: true });
    }
  }
}

export function haPackages(): string[] {
  return readList(join(IMAGES_DIR, 'packages-ha.txt'));
}

/** mmdebstrap one root. The base build also downloads the HA stack into repo/ (not installed). */
export async function mmdebstrap(kind: ImageKind, dir: string): Promise<void> {
  const root = join(dir, 'root');
  const logFile = join(dir, 'build.log');
  const pkgs = readList(join(IMAGES_DIR, 'packages-base.txt'));
  if (kind === 'legacy') pkgs.push(...readList(join(IMAGES_DIR, 'packages-legacy.txt')));
  const args = [
    '--variant=minbase',
    `--include=${pkgs.join(',')}`,
    '--setup-hook=mkdir -p "$1/var/cache/debconf"',
    '--essential-hook=printf "%s\\n" "postfix postfix/main_mailer_type select Internet Site" "postfix postfix/mailname string example-gmbh.test" | chroot "$1" debconf-set-selections',
  ];
  if (kind === 'base') {
    const debs = join(dir, 'repo');
    mkdirSync(debs, { recursive: true });
    args.push(
      '--customize-hook=chroot "$1" apt-get clean',
      `--customize-hook=chroot "$1" apt-get install --download-only -y ${haPackages().map(shq).join(' ')}`,
      `--customize-hook=sync-out /var/cache/apt/archives ${shq(debs)}`,
      '--customize-hook=chroot "$1" apt-get clean',
    );
  }
  args.push(`--customize-hook=sh ${shq(join(IMAGES_DIR, 'customize-base.sh'))} "$1"`);
  if (kind === 'legacy') args.push(`--customize-hook=sh ${shq(join(IMAGES_DIR, 'customize-legacy.sh'))} "$1"`);
  args.push('bookworm', root);
  log(`mmdebstrap ${kind} image (log: ${logFile})`);
  await runToLog('mmdebstrap', args, logFile);
}

/** Index the downloaded .debs so that nodes can `apt-get install` them from the lab's own repository. */
export async function indexRepo(repo: string): Promise<void> {
  for (const f of ['lock', 'partial']) rmSync(join(repo, f), { recursive: true, force: true });
  const { stdout } = await run('dpkg-scanpackages', ['-m', '.', '/dev/null'], { cwd: repo });
  writeFileSync(join(repo, 'Packages'), stdout);
  await run('sh', ['-c', 'gzip -9c Packages > Packages.gz'], { cwd: repo });
}

export async function ensureImage(kind: ImageKind, provision?: (dir: string) => Promise<void>): Promise<BuiltImage> {
  const key = imageKey(kind);
  const dir = imageDir(kind, key);
  const t0 = Date.now();
  if (isBuilt(dir)) return { kind, key, dir, root: join(dir, 'root'), cached: true, seconds: 0 };
  pruneOld(kind, dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await mmdebstrap(kind, dir);
  if (kind === 'base') await indexRepo(join(dir, 'repo'));
  if (provision) await provision(dir);
  const seconds = Math.round((Date.now() - t0) / 1000);
  writeFileSync(join(dir, 'done'), JSON.stringify({ kind, key, builtAt: new Date().toISOString(), seconds }) + '\n');
  log(`${kind} image built in ${seconds} s`);
  return { kind, key, dir, root: join(dir, 'root'), cached: false, seconds };
}

// Root file system images, built with mmdebstrap from Debian's mirror (the host's apt sources) and cached
// under <cache>/images (outside the clone, shared read-only by every instance) keyed by a hash of their inputs.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CACHE_DIR, IMAGES_DIR, LAB_DIR } from './config.js';
import { findProcessWithFd, log, readList, run, runToLog, sha256, shq } from './util.js';

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

/** Is a cached image in use by a running lab (an overlay on it, or a process with a file of it open)? */
export function imageInUse(dir: string): boolean {
  const prefix = `${dir}/`;
  if (readFileSync('/proc/self/mounts', 'utf8').includes(prefix)) return true;
  return findProcessWithFd((t) => t.startsWith(prefix)) !== undefined;
}

/**
 * Remove cached images of this kind built from older inputs, except the newest other one (another clone,
 * e.g. CI on the committed tree, may still need it: no rebuild ping-pong) and any a running lab uses.
 */
export function pruneOld(kind: string, keep: string): void {
  const base = join(CACHE_DIR, 'images');
  if (!existsSync(base)) return;
  const others = readdirSync(base)
    .filter((e) => e.startsWith(`${kind}-`) && join(base, e) !== keep && statSync(join(base, e)).isDirectory())
    .map((e) => ({ e, t: statSync(join(base, e)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  // A build that never finished (no done marker) is never worth keeping.
  const complete = others.filter(({ e }) => isBuilt(join(base, e)));
  const keepOne = complete[0]?.e;
  for (const { e } of others.filter((o) => o.e !== keepOne)) {
    const p = join(base, e);
    if (imageInUse(p)) {
      log(`keeping outdated image ${e}: a running lab uses it`);
      continue;
    }
    log(`removing outdated image ${e}`);
    rmSync(p, { recursive: true, force: true });
  }
}

export const REPO_LISTS = { mail: 'packages-legacy.txt', ha: 'packages-repo-ha.txt', tools: 'packages-repo-tools.txt' } as const;
export type RepoGroup = keyof typeof REPO_LISTS;

/** What the lab repository serves by name, per concern (the mail stack is exactly legacy's package list). */
export function repoPackageGroups(): Record<RepoGroup, string[]> {
  const out = {} as Record<RepoGroup, string[]>;
  for (const [g, f] of Object.entries(REPO_LISTS) as [RepoGroup, string][]) out[g] = readList(join(IMAGES_DIR, f));
  return out;
}

export function repoPackages(): string[] {
  return [...new Set(Object.values(repoPackageGroups()).flat())];
}

/**
 * mmdebstrap one root. The base build also downloads everything the repository serves into repo/ (not
 * installed), resolved against the bare base root, so the index is dependency-complete for a bare node.
 */
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
      `--customize-hook=chroot "$1" apt-get install --download-only -y ${repoPackages().map(shq).join(' ')}`,
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

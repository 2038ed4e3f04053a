// Provisioning boot of the legacy image: start it once as a container in a private build namespace,
// create the accounts database, really send the mail history through its Postfix (rotating the logs
// between batches), then shut it down cleanly and strip the build-time identity from the image.
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { accountsTsv, aliasesTsv, DOMAINS } from './accounts.js';
import { CACHE_DIR, MAIL_ROOT, NODE_ADDR, buildNetnsName, buildPorts, buildSockDir } from './config.js';
import { IDENTITY_PATHS, ensureClientKey, makeHostKeys, writeIdentity } from './identity.js';
import { generateMail } from './mailgen.js';
import { createNetns, deleteNetns, netnsExists, startRelay } from './net.js';
import { MASK_IN_CONTAINER, containerInit, execIn, maskContainerUnits, startNspawn, stopNspawn } from './nspawn.js';
import { log, readBanner, stopGroup, waitFor } from './util.js';

const BUILD_NS = buildNetnsName();
const BUILD_SOCKS = buildSockDir();
const { smtp: BUILD_SMTP, submission: BUILD_SUBMISSION } = buildPorts();
export const HISTORY = { batches: 5, messagesPerBatch: 480 };

interface QueueEntry {
  queue_name: string;
  recipients: { address: string; delay_reason?: string }[];
}

async function queue(init: number): Promise<QueueEntry[]> {
  const out = await execIn(init, ['postqueue', '-j']);
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as QueueEntry);
}

async function waitQueueSettled(init: number): Promise<void> {
  await waitFor('the Postfix queue to settle', 300_000, async () => {
    const q = await queue(init);
    if (q.some((e) => e.queue_name !== 'deferred')) return false;
    const localDeferred = q.flatMap((e) => e.recipients).filter((r) => DOMAINS.some((d) => r.address.endsWith(`@${d}`)));
    if (localDeferred.length) throw new Error(`local delivery deferred: ${JSON.stringify(localDeferred.slice(0, 3))}`);
    return true;
  }, 1000);
}

export async function provisionLegacy(dir: string): Promise<void> {
  const root = join(dir, 'root');
  const work = join(CACHE_DIR, 'build-run');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(root, 'root', 'lab-accounts.tsv'), accountsTsv(), { mode: 0o600 });
  writeFileSync(join(root, 'root', 'lab-aliases.tsv'), aliasesTsv(), { mode: 0o600 });
  if (await netnsExists(BUILD_NS)) await deleteNetns(BUILD_NS);
  await createNetns(BUILD_NS);
  const procs: number[] = [];
  let nspawn = 0;
  let init: number | undefined;
  try {
    const key = await ensureClientKey(join(work, 'keys'));
    await makeHostKeys(join(work, 'hostkeys'), 'legacy');
    writeIdentity(root, root, 'legacy', join(work, 'hostkeys'), readFileSync(`${key}.pub`, 'utf8'));
    maskContainerUnits(root);
    nspawn = startNspawn({ ns: BUILD_NS, name: 'legacy', root, logFile: join(dir, 'provision-console.log') });
    init = await containerInit(nspawn);
    // systemctl only answers once the container's systemd is up; then wait for the boot to finish.
    const state = await waitFor('the provisioning boot to finish', 180_000, async () => {
      const s = (await execIn(init as number, ['systemctl', 'is-system-running', '--wait'], { allowFail: true, timeoutMs: 170_000 })).trim();
      return s === 'running' || s === 'degraded' ? s : undefined;
    }, 500);
    log(`legacy provisioning boot: system ${state}`);
    if (state !== 'running') log(await execIn(init, ['systemctl', '--failed', '--no-legend'], { allowFail: true }));
    await execIn(init, ['systemctl', 'is-active', 'mariadb', 'postfix', 'dovecot', 'rsyslog']);
    await execIn(init, ['/usr/local/sbin/lab-provision-legacy']);
    procs.push(...(await startRelay(BUILD_NS, BUILD_SOCKS, work, { hostPort: BUILD_SMTP, targetAddr: NODE_ADDR.legacy, targetPort: 25, label: 'smtp' })));
    procs.push(...(await startRelay(BUILD_NS, BUILD_SOCKS, work, { hostPort: BUILD_SUBMISSION, targetAddr: NODE_ADDR.legacy, targetPort: 587, label: 'submission' })));
    await waitFor('SMTP on the provisioning node', 60_000, async () => (await readBanner('127.0.0.1', BUILD_SMTP)).startsWith('220'), 500);
    const totals = { sent: 0, localDeliveries: 0, rejected: 0, relayed: 0, submitted: 0, bytes: 0 };
    for (let b = 0; b < HISTORY.batches; b++) {
      const t0 = Date.now();
      const r = await generateMail({ host: '127.0.0.1', smtpPort: BUILD_SMTP, submissionPort: BUILD_SUBMISSION, messages: HISTORY.messagesPerBatch, seed: b + 1 });
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
      await waitQueueSettled(init);
      log(`mail history batch ${b + 1}/${HISTORY.batches}: ${r.sent} mails, ${(r.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      if (b < HISTORY.batches - 1) await execIn(init, ['logrotate', '-f', '/etc/logrotate.d/rsyslog']);
    }
    const files = Number((await execIn(init, ['find', MAIL_ROOT, '-type', 'f', '(', '-path', '*/new/*', '-o', '-path', '*/cur/*', ')', '-printf', '.'])).length);
    log(`mail history: ${JSON.stringify(totals)}; ${files} mail files under ${MAIL_ROOT}`);
    if (files < totals.localDeliveries * 0.95) throw new Error(`only ${files} of ${totals.localDeliveries} deliveries found in ${MAIL_ROOT}`);
    writeFileSync(join(dir, 'history.json'), JSON.stringify({ ...totals, mailFiles: files }, null, 2) + '\n');
  } finally {
    for (const p of procs) await stopGroup(p, 3000);
    if (nspawn) await stopNspawn(nspawn, init, 60_000);
    await deleteNetns(BUILD_NS);
    rmSync(BUILD_SOCKS, { recursive: true, force: true });
  }
  // Leave a neutral image: identity comes per node at `up`.
  for (const f of [...IDENTITY_PATHS, 'root/lab-accounts.tsv', 'root/lab-aliases.tsv']) rmSync(join(root, f), { recursive: true, force: true });
  for (const u of MASK_IN_CONTAINER) rmSync(join(root, 'etc/systemd/system', u), { force: true });
  writeFileSync(join(root, 'etc/hostname'), 'debian\n');
  writeFileSync(join(root, 'etc/machine-id'), '');
  if (existsSync(join(root, 'var/lib/dbus/machine-id'))) rmSync(join(root, 'var/lib/dbus/machine-id'), { force: true });
}

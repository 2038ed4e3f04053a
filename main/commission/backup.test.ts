import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { backupCommand, manifestCommand, parseManifest, restoreCommand } from './backup';
import { checkedPath } from './remoteFiles';

const sh = async (cmd: string) => (await promisify(execFile)('sh', ['-c', cmd])).stdout;
const read = (p: string) => readFile(p, 'utf8').catch(() => undefined);

describe('backup and restore scripts (run in a real sh here)', () => {
  it('first backup wins; restore brings back files, dirs and links and removes what did not exist', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'mhs-bk-'));
    const b = path.join(d, 'backup');
    const file = path.join(d, 'etc/a b.conf');
    const dir = path.join(d, 'etc/conf.d');
    const link = path.join(d, 'etc/link');
    const absent = path.join(d, 'etc/new.conf');
    await mkdir(dir, { recursive: true });
    await writeFile(file, 'orig\n');
    await writeFile(path.join(dir, 'x'), 'x0');
    await symlink('a b.conf', link);
    expect(await sh(backupCommand(b, [file, dir, link, absent]))).toContain(`backup: ${absent} (did not exist)`);
    await writeFile(file, 'changed\n');
    expect(await sh(backupCommand(b, [file]))).toBe(''); // first backup wins
    await writeFile(path.join(dir, 'x'), 'x1');
    await writeFile(path.join(dir, 'y'), 'new');
    await writeFile(absent, 'new');
    await sh(`rm ${JSON.stringify(link)}; ln -s elsewhere ${JSON.stringify(link)}`);
    await sh(restoreCommand(b, [file, dir, link, absent]));
    expect(await read(file)).toBe('orig\n');
    expect(await read(path.join(dir, 'x'))).toBe('x0');
    expect(await read(path.join(dir, 'y'))).toBeUndefined();
    expect(await readlink(link)).toBe('a b.conf');
    expect(await read(absent)).toBeUndefined();
    expect(parseManifest(await sh(manifestCommand(b)))).toEqual([absent, link, dir, file]);
    // Restoring twice is harmless.
    await sh(restoreCommand(b, [file, dir, link, absent]));
    expect(await read(file)).toBe('orig\n');
  });

  it('a missing folder, then a file inside it: the folder covers the file', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'mhs-bk-'));
    const b = path.join(d, 'backup');
    const nss = path.join(d, 'etc/corosync/qdevice/net/nssdb');
    await sh(backupCommand(b, [nss]));
    await mkdir(nss, { recursive: true });
    await writeFile(path.join(nss, 'cert.crt'), 'made');
    expect(await sh(backupCommand(b, [path.join(nss, 'cert.crt')]))).toBe('');
    await sh(restoreCommand(b, parseManifest(await sh(manifestCommand(b)))));
    expect(await read(path.join(nss, 'cert.crt'))).toBeUndefined();
    await expect(sh(`test -e ${JSON.stringify(nss)}`)).rejects.toThrow();
  });

  it('a file, then the folder it is in: newest first puts the folder back, then the original file', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'mhs-bk-'));
    const b = path.join(d, 'backup');
    const dir = path.join(d, 'etc/postfix');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'main.cf'), 'orig');
    await writeFile(path.join(dir, 'master.cf'), 'master orig');
    await sh(backupCommand(b, [path.join(dir, 'main.cf')]));
    await writeFile(path.join(dir, 'main.cf'), 'step 1');
    await sh(backupCommand(b, [dir]));
    await writeFile(path.join(dir, 'master.cf'), 'step 2');
    await writeFile(path.join(dir, 'extra.cf'), 'step 2');
    await sh(restoreCommand(b, parseManifest(await sh(manifestCommand(b)))));
    expect(await read(path.join(dir, 'main.cf'))).toBe('orig');
    expect(await read(path.join(dir, 'master.cf'))).toBe('master orig');
    expect(await read(path.join(dir, 'extra.cf'))).toBeUndefined();
  });

  it('refuses paths that are not absolute, escape with .., are the root or hold control characters', () => {
    for (const p of ['etc/x', '/', '/etc/../x', '/a\nb', '/a\tb']) expect(() => checkedPath(p)).toThrow();
    expect(checkedPath('/etc/postfix/')).toBe('/etc/postfix');
  });
});

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { backupCommand, manifestCommand, parseManifest, restoreCommand } from './backup';
import { checkedPath } from './remoteFiles';

const sh = async (cmd: string) => (await promisify(execFile)('sh', ['-c', cmd])).stdout;

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
    expect(await readFile(file, 'utf8')).toBe('orig\n');
    expect(await readFile(path.join(dir, 'x'), 'utf8')).toBe('x0');
    await expect(readFile(path.join(dir, 'y'))).rejects.toThrow();
    expect(await readlink(link)).toBe('a b.conf');
    await expect(readFile(absent)).rejects.toThrow();
    expect(parseManifest(await sh(manifestCommand(b)))).toEqual([file, dir, link, absent]);
    // Restoring twice is harmless.
    await sh(restoreCommand(b, [file, dir, link, absent]));
    expect(await readFile(file, 'utf8')).toBe('orig\n');
  });

  it('refuses paths that are not absolute, escape with .., or are the root', () => {
    for (const p of ['etc/x', '/', '/etc/../x', '/a\nb']) expect(() => checkedPath(p)).toThrow();
    expect(checkedPath('/etc/postfix/')).toBe('/etc/postfix');
  });
});

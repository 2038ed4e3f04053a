/** The committed icon files are what render.ts makes of icon.svg, and electron-builder.yml uses them. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICO_SIZES, LINUX_SIZES, readIco } from '../../assets/icons/ico';

const here = path.resolve(import.meta.dirname, '../../assets/icons');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];

describe('app icons', () => {
  it.each(LINUX_SIZES)('%d px PNG for Linux exists and has that size', (size) => {
    const b = readFileSync(path.join(here, `${size}x${size}.png`));
    expect(b.subarray(0, 8)).toEqual(PNG);
    expect(pngSize(b)).toEqual([size, size]);
  });

  it('the Windows .ico holds every size up to 256 px as PNG, the same images as the Linux set', () => {
    const entries = readIco(readFileSync(path.join(here, 'icon.ico')));
    expect(entries.map((e) => e.size)).toEqual([...ICO_SIZES]);
    for (const e of entries) {
      expect(pngSize(e.png)).toEqual([e.size, e.size]);
      expect(e.png).toEqual(readFileSync(path.join(here, `${e.size}x${e.size}.png`)));
    }
  });

  it('electron-builder.yml packages them', () => {
    const yml = readFileSync(path.resolve(here, '../../electron-builder.yml'), 'utf8');
    const paths = [...yml.matchAll(/^\s+(?:icon|installerIcon|uninstallerIcon): (\S+)$/gm)].map((m) => m[1] as string);
    expect(paths).toEqual(['assets/icons', 'assets/icons/icon.ico', 'assets/icons/icon.ico', 'assets/icons/icon.ico']);
    for (const p of paths) expect(existsSync(path.resolve(here, '../..', p)), p).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml and app-builder-lib come with electron-builder (a devDependency); neither ships types.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
};

const root = path.resolve(import.meta.dirname, '../../..');
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; category: string; maintainer?: string };
  win: { target: string[] };
};

describe('electron-builder.yml', () => {
  it('is a valid configuration for the installed electron-builder', async () => {
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('identifies the app', () => {
    expect(config.appId).toBe('de.mailhastudio.app');
    expect(config.productName).toBe('Mail HA Studio');
    expect(config.directories).toMatchObject({ output: 'release' });
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('rebuilds no native module', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
  });

  it('builds AppImage + deb and an NSIS installer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category.split(';')).toEqual(['Network', 'System']);
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('ships dist and package.json but not the bridge, tests or ssh2 native builds', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    const excluded = config.files.filter((f) => f.startsWith('!'));
    expect(excluded).toEqual(
      expect.arrayContaining([
        '!dist/main/bridge{,/**}',
        '!**/node_modules/cpu-features{,/**}',
        '!**/node_modules/ssh2/lib/protocol/crypto/build{,/**}',
      ]),
    );
    expect(config.files.some((f) => /^(main|shared|renderer|test)\b/.test(f))).toBe(false);
  });
});

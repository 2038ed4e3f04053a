import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { RecoveryStore } from './project/recoveryStore';
import { MemorySecretStore, type SecretStore } from './secrets/secretStore';
import type { AppInfo, DialogService, Services } from './services';
import { SettingsStore } from './settings/settingsStore';
import { appVersion } from './version';

/** Without Electron there is no native dialog: the renderer or the CLI asks for the path itself. */
export const noNativeDialogs: DialogService = {
  openProject: async () => ({ native: false, path: null }),
  saveProject: async () => ({ native: false, path: null }),
};

export function osLocale(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale || process.env.LANG || 'en';
}

export interface NodeServicesOptions {
  userDataDir: string;
  transport: AppInfo['transport'];
  osLocale?: string;
  secrets?: SecretStore;
  dialogs?: DialogService;
}

/** Services for every process that is not the Electron app (bridge, CLI) and the base the app builds on. */
export function createNodeServices(opts: NodeServicesOptions): Services {
  return {
    info: { version: appVersion(), osLocale: opts.osLocale ?? osLocale(), transport: opts.transport, platform: process.platform },
    settings: new SettingsStore(path.join(opts.userDataDir, 'settings.json')),
    secrets: opts.secrets ?? new MemorySecretStore(),
    dialogs: opts.dialogs ?? noNativeDialogs,
    recovery: new RecoveryStore(path.join(opts.userDataDir, 'recovery')),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
}

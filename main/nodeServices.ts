import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AuditLog } from './audit/auditLog';
import { RecoveryStore } from './project/recoveryStore';
import { KnownHostsStore } from './ssh/knownHostsStore';
import { MemorySecretStore, type SecretStore } from './secrets/secretStore';
import type { AppInfo, DialogService, Services } from './services';
import { SettingsStore } from './settings/settingsStore';
import { appVersion } from './version';

/** Without Electron there is no native dialog: the renderer or the CLI asks for the path itself. */
export const noNativeDialogs: DialogService = {
  openProject: async () => ({ native: false, path: null }),
  saveProject: async () => ({ native: false, path: null }),
  openFile: async () => ({ native: false, path: null }),
  saveFile: async () => ({ native: false, path: null }),
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
  const audits = new Map<string, AuditLog>();
  return {
    info: { version: appVersion(), osLocale: opts.osLocale ?? osLocale(), transport: opts.transport, platform: process.platform },
    userDataDir: opts.userDataDir,
    settings: new SettingsStore(path.join(opts.userDataDir, 'settings.json')),
    secrets: opts.secrets ?? new MemorySecretStore(),
    dialogs: opts.dialogs ?? noNativeDialogs,
    recovery: new RecoveryStore(path.join(opts.userDataDir, 'recovery')),
    sessionSecrets: new MemorySecretStore(),
    knownHosts: new KnownHostsStore(path.join(opts.userDataDir, 'known_hosts')),
    auditLog(projectId) {
      if (!/^[0-9a-f-]{36}$/.test(projectId)) throw new Error(`bad project id ${projectId}`);
      let log = audits.get(projectId);
      if (!log) audits.set(projectId, (log = new AuditLog(path.join(opts.userDataDir, 'audit', `${projectId}.jsonl`))));
      return log;
    },
    runs: new Map(),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
}

import type { EventName, EventPayload } from '../shared/contract';
import type { FileKind } from '../shared/contract/methods/project';
import type { Language } from '../shared/i18n/namespaces';
import type { AuditLog } from './audit/auditLog';
import type { RecoveryStore } from './project/recoveryStore';
import type { KnownHostsStore } from './ssh/knownHostsStore';
import type { SecretStore } from './secrets/secretStore';
import type { SettingsStore } from './settings/settingsStore';

/** Native dialogs exist only in the Electron app; elsewhere `native: false` tells the UI to ask itself. */
export interface DialogService {
  openProject(): Promise<{ native: boolean; path: string | null }>;
  saveProject(suggestedName: string): Promise<{ native: boolean; path: string | null }>;
  openFile(kind: FileKind): Promise<{ native: boolean; path: string | null }>;
  saveFile(kind: FileKind, suggestedName: string): Promise<{ native: boolean; path: string | null }>;
  /** Opens a file in the system's default application (a PDF in its viewer); absent where no desktop exists. */
  openPath?(path: string): Promise<boolean>;
}

export interface AppInfo {
  version: string;
  osLocale: string;
  transport: 'electron' | 'bridge';
  platform: string;
}

/** Everything handlers may touch. Built once per process by main/electron or main/bridge or the CLI. */
export interface Services {
  info: AppInfo;
  /** The app's own folder (settings, known_hosts, audit logs, commissioning record mirrors). */
  userDataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  dialogs: DialogService;
  recovery: RecoveryStore;
  /** Secrets the user did not ask to remember: this process only. */
  sessionSecrets: SecretStore;
  /** The app's own known_hosts (never the user's ~/.ssh/known_hosts, which is only imported from). */
  knownHosts: KnownHostsStore;
  /** The audit log of one project (every SSH command), created on first use. */
  auditLog(projectId: string): AuditLog;
  /** Long actions in flight, by runId, so they can be cancelled. */
  runs: Map<string, AbortController>;
  now(): Date;
  newId(): string;
}

export interface HandlerContext {
  services: Services;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function defaultLanguageFor(osLocale: string): Language {
  return osLocale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

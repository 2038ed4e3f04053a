import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { createDispatcher } from '../handlers/dispatch';
import { createNodeServices } from '../nodeServices';
import { createElectronDialogs } from './dialogs';
import { createEmitter, registerIpc } from './ipc';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { SafeStorageSecretStore } from './safeStorageSecrets';
import { denyAllPermissions, guardWebContents } from './security';
import { mainWindowOptions, showMainWindow } from './window';

/**
 * The Electron app's composition root and the only main-process file that imports 'electron' at
 * runtime: it hands the real Electron objects to the small modules beside it.
 * Built to dist/main/electron/main.mjs; preload.cjs sits beside it, the renderer in dist/renderer.
 * Env (tests, support): MHS_USER_DATA overrides the userData folder, MHS_LOCALE the OS locale.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, 'preload.cjs');
const rendererRoot = path.resolve(here, '../../renderer');

// Before 'ready': the privileged scheme, sandbox for every renderer, the userData folder (the single
// instance lock is per userData folder, so it must be set before asking for the lock).
registerAppScheme(protocol);
app.enableSandbox();
if (process.env.MHS_USER_DATA) app.setPath('userData', path.resolve(process.env.MHS_USER_DATA));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());

  const start = async () => {
    await app.whenReady();
    denyAllPermissions(session.defaultSession);
    handleAppProtocol(protocol, rendererRoot);

    const userDataDir = app.getPath('userData');
    const secrets = new SafeStorageSecretStore(path.join(userDataDir, 'secrets.json'), safeStorage);
    const secretStatus = await secrets.status();
    if (!secretStatus.persistent) {
      console.warn(
        `[mail-ha-studio] OS encryption unavailable (${secretStatus.reason}): passwords are kept in memory for this session only and never written to disk.`,
      );
    } else if (secretStatus.movedAside) {
      console.warn(`[mail-ha-studio] stored secrets could not be decrypted; the old file was kept as ${secretStatus.movedAside}`);
    }

    const services = createNodeServices({
      userDataDir,
      transport: 'electron',
      osLocale: process.env.MHS_LOCALE || app.getSystemLocale(),
      secrets,
      dialogs: createElectronDialogs(dialog, () => mainWindow, app.getPath('documents'), shell),
    });
    const emit = createEmitter(() => mainWindow?.webContents);
    registerIpc(ipcMain, createDispatcher({ services, emit }));

    mainWindow = new BrowserWindow(mainWindowOptions(preloadPath));
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
    await showMainWindow(mainWindow);
  };

  start().catch((e: unknown) => {
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error('[mail-ha-studio] startup failed:', msg);
    dialog.showErrorBox('Mail HA Studio', `Startup failed:\n${msg}`);
    app.exit(1);
  });
}

import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { APP_START_URL } from './appOrigin';

/**
 * The renderer gets no Node, no Electron and no way around the preload's narrow bridge: isolated
 * context, Chromium sandbox, web security on, no webview, no mixed content.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export const WINDOW_TITLE = 'Mail HA Studio';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Shows the window once painted and loads the app page from the app:// protocol (never file://). */
export async function showMainWindow(win: BrowserWindow): Promise<void> {
  win.once('ready-to-show', () => win.show());
  await win.loadURL(APP_START_URL);
}

import type { Session, WebContents } from 'electron';
import { isAppUrl } from './appOrigin';

/**
 * Locks down every webContents and the session, in the spirit of Mattermost's permissionsManager but
 * stricter: this app needs no browser permission at all, so every request and check is denied.
 * Only types come from 'electron'; main.ts passes the real objects in, tests pass plain ones.
 */

/**
 * IPC is answered only for the app's own top-level page. A subframe (even one at the app origin, which
 * CSP would already make hard to get) or any other origin gets nothing.
 */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame === true && isAppUrl(frameUrl);
}

/** Registered as-is for 'will-navigate', 'will-frame-navigate' and 'will-redirect'. */
export function guardNavigation(event: { url: string; preventDefault(): void }): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/** Only https links leave the app, and only to the user's default browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** window.open / target=_blank never create a window; https links go to the system browser instead. */
export function createWindowOpenHandler(openExternal: (url: string) => Promise<void> | void) {
  return (details: { url: string }): { action: 'deny' } => {
    if (isExternalLinkAllowed(details.url)) void Promise.resolve(openExternal(details.url)).catch(() => undefined);
    return { action: 'deny' };
  };
}

/** Registered for 'will-attach-webview': webviewTag is off anyway, this is the second lock. */
export function denyWebviewAttach(event: { preventDefault(): void }): void {
  event.preventDefault();
}

export const denyPermissionRequest = (_wc: unknown, _permission: string, callback: (granted: boolean) => void): void =>
  callback(false);
export const denyPermissionCheck = (): boolean => false;
export const denyDevicePermission = (): boolean => false;

export type PermissionTarget = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export function denyAllPermissions(session: PermissionTarget): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
}

/** Called from app 'web-contents-created' so every webContents (window, devtools, anything) gets it. */
export function guardWebContents(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  contents.on('will-navigate', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', denyWebviewAttach);
  contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
}

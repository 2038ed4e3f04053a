/**
 * The one origin the app's own pages live at. Everything else (file://, http(s)://, other app:// hosts)
 * is foreign: no IPC, no navigation, no permissions. Pure constants so tests and the preload can share them.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mail-ha-studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True only for a well-formed URL whose origin is exactly the app origin (scheme and host, no port/userinfo). */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

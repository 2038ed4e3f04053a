import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../main/electron/appOrigin';
import {
  createWindowOpenHandler,
  denyAllPermissions,
  denyWebviewAttach,
  guardNavigation,
  isTrustedSender,
  type PermissionTarget,
} from '../../../main/electron/security';

describe('isTrustedSender', () => {
  const table: [string | undefined, boolean, boolean][] = [
    ['app://mail-ha-studio/index.html', true, true],
    ['app://mail-ha-studio/', true, true],
    ['app://mail-ha-studio/index.html#/wizard?step=2', true, true],
    ['app://mail-ha-studio/index.html', false, false], // iframe at the app origin
    ['https://evil.example/', true, false],
    ['https://evil.example/', false, false],
    ['http://127.0.0.1:5173/', true, false], // the test bridge / a dev server is not the app
    ['file:///opt/Mail%20HA%20Studio/resources/app.asar/dist/renderer/index.html', true, false],
    ['app://mail-ha-studio.evil.example/', true, false],
    ['app://evil.example/mail-ha-studio/', true, false],
    ['app://user@mail-ha-studio/', true, false],
    ['app://mail-ha-studio:8443/', true, false],
    ['appx://mail-ha-studio/', true, false],
    ['about:blank', true, false],
    ['data:text/html,<script>1</script>', true, false],
    ['', true, false],
    ['not a url', true, false],
    [undefined, true, false],
  ];
  it.each(table)('%s (main frame: %s) -> %s', (url, isMain, expected) => {
    expect(isTrustedSender(url, isMain)).toBe(expected);
  });
});

function navEvent(url: string) {
  const ev = { url, prevented: false, preventDefault: () => void (ev.prevented = true) };
  return ev;
}

describe('guardNavigation', () => {
  it.each([
    ['app://mail-ha-studio/index.html#/other', false],
    ['app://mail-ha-studio/other.html', false],
    ['https://evil.example/', true],
    ['http://localhost/', true],
    ['file:///etc/passwd', true],
    ['app://other-host/', true],
    ['javascript:alert(1)', true],
  ])('navigation to %s prevented: %s', (url, prevented) => {
    const ev = navEvent(url);
    guardNavigation(ev);
    expect(ev.prevented).toBe(prevented);
  });
});

describe('window.open', () => {
  it('never opens a window; only https links go to the system browser', async () => {
    const opened: string[] = [];
    const handler = createWindowOpenHandler((url) => void opened.push(url));
    for (const url of ['https://docs.example/ha', 'http://plain.example/', 'file:///etc/passwd', 'app://mail-ha-studio/x', 'smb://host/share', 'javascript:alert(1)']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(opened).toEqual(['https://docs.example/ha']);
  });

  it('survives a failing openExternal', async () => {
    const handler = createWindowOpenHandler(() => Promise.reject(new Error('no browser')));
    expect(handler({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
  });
});

describe('webview', () => {
  it('attaching a webview is prevented', () => {
    const ev = navEvent('');
    denyWebviewAttach(ev);
    expect(ev.prevented).toBe(true);
  });
});

describe('permissions', () => {
  type RequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void;
  type CheckHandler = (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
  type DeviceHandler = (details: unknown) => boolean;
  const captured: { request?: RequestHandler; check?: CheckHandler; device?: DeviceHandler } = {};
  // A plain object standing in for the Electron session: it only records what gets installed.
  const session = {
    setPermissionRequestHandler: (h: RequestHandler | null) => void (captured.request = h ?? undefined),
    setPermissionCheckHandler: (h: CheckHandler | null) => void (captured.check = h ?? undefined),
    setDevicePermissionHandler: (h: DeviceHandler | null) => void (captured.device = h ?? undefined),
  } as unknown as PermissionTarget;
  denyAllPermissions(session);

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])(
    'request for %s from the app itself is denied',
    (permission) => {
      const answers: boolean[] = [];
      captured.request!({}, permission, (granted: boolean) => answers.push(granted), { requestingUrl: 'app://mail-ha-studio/' });
      expect(answers).toEqual([false]);
    },
  );

  it.each(['media', 'clipboard-read', 'hid', 'serial', 'usb'])('check for %s is denied', (permission) => {
    expect(captured.check!({}, permission, 'app://mail-ha-studio', {})).toBe(false);
  });

  it('device access is denied', () => {
    expect(captured.device!({ deviceType: 'usb', origin: 'app://mail-ha-studio' })).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts only the exact app origin', () => {
    expect(isAppUrl('app://mail-ha-studio/index.html')).toBe(true);
    expect(isAppUrl('app://mail-ha-studio')).toBe(true);
    expect(isAppUrl('app://mail-ha-studiox/')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

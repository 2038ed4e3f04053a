import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from '../../../main/electron/window';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/main/electron/preload.cjs');

  it('isolates and sandboxes the renderer with no Node anywhere', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('enables nothing risky that was not asked for', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('is what the main window is created with', () => {
    const opts = mainWindowOptions('/p.cjs');
    expect(opts.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(opts.title).toBe('Mail HA Studio');
    expect(opts.show).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { composerWindowOptions, hardenedWebPreferences, mainWindowOptions, messageWindowOptions } from '../../../electron/main/window-options.js';

describe('main window options', () => {
  it('isolates and sandboxes the page with no Node access', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(options.show).toBe(false);
  });
});

describe('every window kind', () => {
  const hardened = {
    preload: '/p.cjs',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };

  it('gets the same hardened webPreferences and starts hidden', () => {
    for (const options of [mainWindowOptions('/p.cjs'), composerWindowOptions('/p.cjs'), messageWindowOptions('/p.cjs')]) {
      expect(options.webPreferences).toMatchObject(hardened);
      expect(options.show).toBe(false);
    }
    expect(hardenedWebPreferences('/p.cjs')).toMatchObject(hardened);
  });

  it('spell-checks where the user writes, not in a read-only message window', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences?.spellcheck).toBe(true);
    expect(composerWindowOptions('/p.cjs').webPreferences?.spellcheck).toBe(true);
    expect(messageWindowOptions('/p.cjs').webPreferences?.spellcheck).toBe(false);
  });

  it('opens the main window with the remembered bounds, keeping the minimum size', () => {
    const options = mainWindowOptions('/p.cjs', { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false });
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700, minWidth: 720, minHeight: 480 });
    expect(mainWindowOptions('/p.cjs')).toMatchObject({ width: 1200, height: 800 });
    expect(mainWindowOptions('/p.cjs').x).toBeUndefined();
  });
});

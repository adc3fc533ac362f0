import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clampWindowState, loadWindowState, parseWindowState, saveWindowState, type DisplayLike, type WindowState } from '../../../electron/main/window-state.js';

const laptop: DisplayLike = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const external: DisplayLike = { workArea: { x: 1440, y: 0, width: 2560, height: 1415 } };

describe('clampWindowState', () => {
  it('keeps a window that is on a display', () => {
    const state: WindowState = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(clampWindowState(state, [laptop, external])).toEqual(state);
  });

  it('centres the window on the primary display when its display is gone, capping its size', () => {
    const state: WindowState = { bounds: { x: 1600, y: 100, width: 2000, height: 1200 }, maximized: true };
    expect(clampWindowState(state, [laptop])).toEqual({ bounds: { x: 0, y: 25, width: 1440, height: 875 }, maximized: true });
    const small: WindowState = { bounds: { x: 5000, y: 5000, width: 1000, height: 600 }, maximized: false };
    expect(clampWindowState(small, [laptop])).toEqual({ bounds: { x: 220, y: 163, width: 1000, height: 600 }, maximized: false });
  });

  it('moves a title bar above the work area back down and keeps a sliver-visible window from counting', () => {
    expect(clampWindowState({ bounds: { x: 100, y: -300, width: 800, height: 600 }, maximized: false }, [laptop]).bounds).toEqual({ x: 100, y: 25, width: 800, height: 600 });
    // Only 30 px on the laptop: not enough to grab, so it is re-centred.
    expect(clampWindowState({ bounds: { x: 1410, y: 100, width: 800, height: 600 }, maximized: false }, [laptop]).bounds.x).toBe(320);
  });

  it('raises a tiny saved size to the minimum and leaves the state alone without displays', () => {
    expect(clampWindowState({ bounds: { x: 10, y: 30, width: 100, height: 100 }, maximized: false }, [laptop]).bounds).toEqual({ x: 10, y: 30, width: 720, height: 480 });
    const state: WindowState = { bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: false };
    expect(clampWindowState(state, [])).toBe(state);
  });
});

describe('parseWindowState', () => {
  it('accepts a well-formed state and rounds coordinates', () => {
    expect(parseWindowState({ bounds: { x: 1.4, y: 2, width: 800.6, height: 600 }, maximized: false })).toEqual({ bounds: { x: 1, y: 2, width: 801, height: 600 }, maximized: false });
  });

  it.each([null, 3, {}, { bounds: { x: 0, y: 0, width: 0, height: 10 }, maximized: false }, { bounds: { x: 'a', y: 0, width: 10, height: 10 }, maximized: false }, { bounds: { x: 0, y: 0, width: 10, height: 10 } }, { bounds: { x: 1e9, y: 0, width: 10, height: 10 }, maximized: false }, { bounds: { x: Number.NaN, y: 0, width: 10, height: 10 }, maximized: true }])('rejects %j', (value) => {
    expect(parseWindowState(value)).toBeUndefined();
  });
});

describe('load/save', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through the file, leaves no temporary file, and reads damage as no state', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tegami-window-state-'));
    const file = join(dir, 'nested', 'window-state.json');
    expect(await loadWindowState(file)).toBeUndefined();
    const state: WindowState = { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true };
    await saveWindowState(file, state);
    expect(await loadWindowState(file)).toEqual(state);
    expect(await readdir(join(dir, 'nested'))).toEqual(['window-state.json']);
    await writeFile(file, '{"bounds":', 'utf8');
    expect(await loadWindowState(file)).toBeUndefined();
  });
});

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The main window's size and position, remembered across runs in a small JSON file in the
 * user data folder. A saved position may lie on a display that is gone (a laptop undocked),
 * so it is clamped to the displays present before use.
 */

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

/** The part of Electron's Display used: the area not covered by task bars and docks. */
export interface DisplayLike {
  readonly workArea: Rectangle;
}

export const WINDOW_STATE_FILE = 'window-state.json';
/** How much of the window (width and height, px) must be on some display to keep its place. */
export const MIN_VISIBLE_PX = 64;
export const MIN_WINDOW_WIDTH = 720;
export const MIN_WINDOW_HEIGHT = 480;
/** Coordinates beyond this are nonsense from a damaged file. */
const MAX_COORDINATE = 100_000;

function isFiniteIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/** The state in parsed JSON, or undefined when it is not one (the defaults are used then). */
export function parseWindowState(json: unknown): WindowState | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { bounds, maximized } = json as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null || typeof maximized !== 'boolean') return undefined;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isFiniteIn(x, -MAX_COORDINATE, MAX_COORDINATE) || !isFiniteIn(y, -MAX_COORDINATE, MAX_COORDINATE)) return undefined;
  if (!isFiniteIn(width, 1, MAX_COORDINATE) || !isFiniteIn(height, 1, MAX_COORDINATE)) return undefined;
  return { bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }, maximized };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The state to open with: the saved bounds when enough of the window is on a display (its
 * size capped to that display), otherwise the saved size centred on the first (primary)
 * display. With no displays at all the state is returned as it is.
 */
export function clampWindowState(state: WindowState, displays: readonly DisplayLike[]): WindowState {
  const [primary] = displays;
  if (primary === undefined) return state;
  const { bounds } = state;
  const home = displays.find((d) => {
    const o = overlap(bounds, d.workArea);
    return o.width >= MIN_VISIBLE_PX && o.height >= MIN_VISIBLE_PX;
  });
  const area = (home ?? primary).workArea;
  const width = Math.max(Math.min(bounds.width, area.width), Math.min(MIN_WINDOW_WIDTH, area.width));
  const height = Math.max(Math.min(bounds.height, area.height), Math.min(MIN_WINDOW_HEIGHT, area.height));
  if (home !== undefined) {
    // Keep the title bar reachable: the top edge inside the work area.
    const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - MIN_VISIBLE_PX);
    return { bounds: { x: bounds.x, y, width, height }, maximized: state.maximized };
  }
  return {
    bounds: { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height },
    maximized: state.maximized,
  };
}

/** The saved state, or undefined when there is none or it is unreadable. */
export async function loadWindowState(file: string): Promise<WindowState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parseWindowState(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Writes the state atomically (temporary file, then rename) so a crash never leaves half a file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`, 'utf8');
  await rename(temporary, file);
}

import { homedir } from 'node:os';
import { join, isAbsolute, resolve } from 'node:path';

/** The folder name under the platform's per-user configuration folder. */
const APP_FOLDER = 'tegami';

/**
 * Where Tegami keeps its data. TEGAMI_DATA_DIR wins (tests, portable installs); otherwise the
 * platform's usual per-user place: %APPDATA%\Tegami on Windows, ~/Library/Application
 * Support/Tegami on macOS, $XDG_CONFIG_HOME/tegami (default ~/.config/tegami) elsewhere, as the
 * XDG Base Directory Specification asks.
 */
export function resolveDataDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: string = process.platform,
  home: string = homedir(),
): string {
  const override = env['TEGAMI_DATA_DIR'];
  if (override !== undefined && override !== '') return resolve(override);
  if (platform === 'win32') {
    const appData = env['APPDATA'];
    return join(appData !== undefined && appData !== '' ? appData : join(home, 'AppData', 'Roaming'), 'Tegami');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Tegami');
  const xdg = env['XDG_CONFIG_HOME'];
  // The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.config'), APP_FOLDER);
}

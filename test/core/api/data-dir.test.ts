import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { resolveDataDir } from '../../../core/api/data-dir.js';

describe('resolveDataDir', () => {
  it('prefers TEGAMI_DATA_DIR, made absolute', () => {
    expect(resolveDataDir({ TEGAMI_DATA_DIR: 'rel/data' }, 'linux', '/home/a')).toBe(resolve('rel/data'));
    expect(resolveDataDir({ TEGAMI_DATA_DIR: '/srv/tegami' }, 'win32', '/home/a')).toBe('/srv/tegami');
  });

  it('uses the platform folder otherwise', () => {
    expect(resolveDataDir({}, 'linux', '/home/a')).toBe(join('/home/a', '.config', 'tegami'));
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x/conf' }, 'linux', '/home/a')).toBe(join('/x/conf', 'tegami'));
    expect(resolveDataDir({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/a')).toBe(join('/home/a', '.config', 'tegami'));
    expect(resolveDataDir({}, 'darwin', '/Users/a')).toBe(join('/Users/a', 'Library', 'Application Support', 'Tegami'));
    expect(resolveDataDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32', 'C:/Users/a')).toBe(join('C:/Users/a/AppData/Roaming', 'Tegami'));
  });
});

import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * electron-builder.yml checked by electron-builder's own schema validation (app-builder-lib,
 * installed with electron-builder; it has no "exports" map, so the module is loaded by path),
 * plus the promises this app makes: targets per platform, mailto: and .eml registration,
 * keytar outside the asar, icons present.
 */

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

type Config = Record<string, unknown>;
interface DebugLogger {
  isEnabled: boolean;
  add(key: string, value: unknown): void;
}
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(config: Config, logger: DebugLogger): Promise<void> };
const yaml = require('js-yaml') as { load(text: string): unknown };

const logger: DebugLogger = { isEnabled: false, add: () => {} };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const section = (name: string): Config => config[name] as Config;

describe('electron-builder.yml', () => {
  it("passes electron-builder's configuration validation", async () => {
    await expect(validateConfiguration(structuredClone(config), logger)).resolves.toBeUndefined();
  });

  it('is a validation that refuses a wrong config', async () => {
    await expect(validateConfiguration({ ...structuredClone(config), nsis: { oneClick: 'sometimes' } }, logger)).rejects.toThrow(/oneClick/);
    await expect(validateConfiguration({ ...structuredClone(config), notAnOption: true }, logger)).rejects.toThrow(/notAnOption/);
  });

  it('names the app and builds NSIS, universal dmg+zip, AppImage and deb', () => {
    expect(config['appId']).toBe('app.tegami.mail');
    expect(config['productName']).toBe('Tegami');
    expect(section('win')['target']).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(section('mac')['target']).toEqual([
      { target: 'dmg', arch: 'universal' },
      { target: 'zip', arch: 'universal' },
    ]);
    expect(section('linux')['target']).toEqual(['AppImage', 'deb']);
  });

  it('registers mailto: and .eml on every platform', () => {
    expect(config['protocols']).toEqual([{ name: 'Email link', schemes: ['mailto'] }]);
    expect(config['fileAssociations']).toEqual([expect.objectContaining({ ext: 'eml', mimeType: 'message/rfc822' })]);
    // Linux desktop files take MIME types, not the protocol list.
    expect(section('linux')['mimeTypes']).toEqual(expect.arrayContaining(['x-scheme-handler/mailto', 'message/rfc822']));
  });

  it('registers mailto: on Windows through the NSIS include, and removes it on uninstall', () => {
    const script = readFileSync(join(root, section('nsis')['include'] as string), 'utf8');
    const [install, uninstall] = script.split('!macro customUnInstall');
    expect(install).toMatch(/!macro customInstall[\s\S]*!macroend/);
    expect(install).toContain('Capabilities\\URLAssociations" "mailto" "Tegami.Url.mailto"');
    expect(install).toContain('"Software\\RegisteredApplications" "Tegami"');
    expect(install).toContain(`'"$appExe" "%1"'`);
    for (const key of ['Software\\Classes\\Tegami.Url.mailto', 'Software\\Clients\\Mail\\Tegami', 'Software\\RegisteredApplications" "Tegami']) expect(uninstall).toContain(key);
  });

  it('keeps keytar out of the asar and source maps out of the package', () => {
    expect(config['asar']).toBe(true);
    expect(config['asarUnpack']).toEqual(expect.arrayContaining(['**/node_modules/keytar/**']));
    expect(config['files']).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map']);
  });

  it('points every platform at an icon that exists in the right format', () => {
    const resources = join(root, (section('directories')['buildResources'] as string) ?? 'build');
    const icon = (platform: string): Buffer => readFileSync(join(resources, section(platform)['icon'] as string));
    expect(icon('mac').subarray(0, 4).toString('latin1')).toBe('icns');
    expect([...icon('win').subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const linux = join(resources, section('linux')['icon'] as string);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(join(linux, `${size}x${size}.png`));
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
    expect(existsSync(join(linux, 'icon.svg'))).toBe(false);
  });

  it('has an .ico of embedded PNGs up to 256 px and an .icns with the ic07-ic14 PNG entries', () => {
    const ico = readFileSync(join(root, 'assets', 'icon.ico'));
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      sizes.push(ico[entry] === 0 ? 256 : ico[entry]!);
      const offset = ico.readUInt32LE(entry + 12);
      expect(ico.subarray(offset + 1, offset + 4).toString('latin1')).toBe('PNG');
      expect(ico.readUInt32BE(offset + 16)).toBe(sizes[i]);
      expect(offset + ico.readUInt32LE(entry + 8)).toBeLessThanOrEqual(ico.length);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);

    const icns = readFileSync(join(root, 'assets', 'icon.icns'));
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      types.push(icns.toString('latin1', offset, offset + 4));
      expect(icns.subarray(offset + 9, offset + 12).toString('latin1')).toBe('PNG');
    }
    expect(types).toEqual(['ic07', 'ic08', 'ic09', 'ic11', 'ic12', 'ic13', 'ic14']);
  });
});

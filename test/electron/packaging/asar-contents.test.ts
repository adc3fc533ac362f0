import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

/**
 * What goes into app.asar: the files electron-builder.yml selects from the `electron-vite
 * build` output (`npm test` builds before running vitest), packed with @electron/asar — the
 * packer electron-builder uses — and listed back. Checks that main, preload and the renderer
 * are there and that nothing else leaks in: no tests, no sources, no source maps.
 */

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  createPackageFromFiles(src: string, dest: string, filenames: string[]): Promise<unknown>;
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractFile(archive: string, filename: string): Buffer;
};

/** electron-builder.yml's `files`: out/main/**, out/preload/**, out/renderer/**, package.json, !**\/*.map. */
async function selectedFiles(): Promise<string[]> {
  const files: string[] = [join(root, 'package.json')];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (!entry.name.endsWith('.map')) files.push(path);
    }
  }
  for (const part of ['main', 'preload', 'renderer']) await walk(join(root, 'out', part));
  return files;
}

let dir: string;
let archive: string;
let listing: string[];

beforeAll(async () => {
  // Fails with a clear message instead of passing on an empty list when nothing was built.
  await stat(join(root, 'out', 'main', 'index.js')).catch(() => {
    throw new Error('out/ is missing: run `npm run build` (npm test does) before this test.');
  });
  dir = await mkdtemp(join(tmpdir(), 'tegami-asar-'));
  archive = join(dir, 'app.asar');
  await asar.createPackageFromFiles(root, archive, await selectedFiles());
  listing = asar
    .listPackage(archive, { isPack: false })
    .map((p) => p.split(sep).join('/'))
    .filter((p) => p !== '/');
}, 60_000);

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('app.asar contents', () => {
  it('holds the main process, the preload and the renderer page with its assets', () => {
    expect(listing).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']));
    expect(listing.some((p) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(p))).toBe(true);
  });

  it('holds nothing but the three build outputs and package.json', () => {
    const files = listing.filter((p) => /\.[a-z0-9]+$/i.test(p.split('/').pop()!));
    for (const path of files) expect(path).toMatch(/^\/(package\.json|out\/(main|preload|renderer)\/.+)$/);
    expect(files.filter((p) => /\.(test|spec)\.|\/test\/|\.tsx?$|\.map$|\/node\//.test(p))).toEqual([]);
  });

  it('has package.json pointing at the packed main entry', () => {
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main?: string };
    expect(pkg.main).toBe('out/main/index.js');
    expect(listing).toContain(`/${pkg.main}`);
  });

  it('has no inline or linked source maps and no test server credentials in the scripts', async () => {
    const scripts = listing.filter((p) => /\.(c?js|mjs|html)$/.test(p));
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const path of scripts) {
      const text = asar.extractFile(archive, path.slice(1)).toString('utf8');
      expect(text, path).not.toMatch(/sourceMappingURL=/);
      expect(text, path).not.toMatch(/tegami\.test|vitest/);
    }
    // The file on disk and the packed one are the same bytes.
    const main = await readFile(join(root, 'out', 'main', 'index.js'));
    expect(asar.extractFile(archive, 'out/main/index.js').equals(main)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng, encodePng, generateIcons, resize } from '../../../scripts/icons.mjs';

const assets = join(import.meta.dirname, '..', '..', '..', 'assets');

describe('scripts/icons.mjs', () => {
  it('round-trips pixels through its PNG encoder and decoder', () => {
    const pixels = Buffer.from(Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256));
    expect(decodePng(encodePng({ width: 3, height: 2, pixels }))).toEqual({ width: 3, height: 2, pixels });
  });

  it('averages in premultiplied alpha, so transparent pixels do not darken the colour', () => {
    const image = { width: 2, height: 2, pixels: Buffer.from([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0]) };
    expect([...resize(image, 1).pixels]).toEqual([255, 0, 0, 128]);
  });

  it('refuses what it cannot decode', () => {
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(/Not a PNG/);
  });

  it('matches the committed icons (regenerate with `node scripts/icons.mjs` after changing icon.png)', () => {
    const generated = generateIcons(readFileSync(join(assets, 'icon.png')));
    expect([...generated.keys()].sort()).toEqual(['icon.icns', 'icon.ico', ...[16, 24, 32, 48, 64, 128, 256, 512].map((s) => `icons/${s}x${s}.png`)].sort());
    // Compared by pixels: another zlib may compress the same pixels differently. The .ico and
    // .icns containers are checked entry by entry in builder-config.test.ts.
    for (const [path, bytes] of generated) {
      if (path.endsWith('.png')) expect(decodePng(readFileSync(join(assets, path))), path).toEqual(decodePng(bytes));
    }
  });
});

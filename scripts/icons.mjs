#!/usr/bin/env node
/**
 * Generates the platform icons in assets/ from assets/icon.png (512×512 RGBA), with no tools
 * beyond Node: a small PNG decoder/encoder, an area-averaging downscaler, and writers for the
 * two container formats, which both simply hold PNGs:
 * - assets/icon.ico (Windows): ICONDIR + ICONDIRENTRYs pointing at embedded PNGs (allowed
 *   since Windows Vista; width/height byte 0 means 256).
 * - assets/icon.icns (macOS): "icns" + total length, then typed PNG entries: ic07 128, ic08 256,
 *   ic09 512, and the @2x types ic11 (32), ic12 (64), ic13 (256), ic14 (512).
 * - assets/icons/NxN.png (Linux): the sizes a desktop icon theme wants, named the way
 *   electron-builder reads an icon directory.
 * Run `node scripts/icons.mjs` after changing icon.png; the outputs are committed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what icon.png is) into raw pixels. */
export function decodePng(file) {
  if (!file.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('Not a PNG file.');
  let offset = 8;
  let header;
  const idat = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], color: data[9], interlace: data[12] };
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (header === undefined || header.depth !== 8 || header.color !== 6 || header.interlace !== 0) throw new Error('Only 8-bit RGBA non-interlaced PNGs are supported.');
  const { width, height } = header;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? pixels[y * stride + i - 4] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= 4 ? pixels[(y - 1) * stride + i - 4] : 0;
      let value = line[i];
      if (filter === 1) value += left;
      else if (filter === 2) value += up;
      else if (filter === 3) value += (left + up) >> 1;
      else if (filter === 4) {
        // Paeth predictor (PNG spec §9.4).
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (filter !== 0) throw new Error(`Unknown PNG filter ${filter}.`);
      pixels[y * stride + i] = value & 0xff;
    }
  }
  return { width, height, pixels };
}

export function encodePng({ width, height, pixels }) {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** For each target index, the source indexes it covers and their coverage weights. */
function coverage(from, to) {
  const scale = from / to;
  return Array.from({ length: to }, (_, i) => {
    const start = i * scale;
    const end = start + scale;
    const parts = [];
    for (let s = Math.floor(start); s < Math.ceil(end); s++) parts.push([s, Math.min(end, s + 1) - Math.max(start, s)]);
    return parts;
  });
}

/** Area-averaging downscale in premultiplied alpha, so transparent edges do not darken. */
export function resize(image, size) {
  const xs = coverage(image.width, size);
  const ys = coverage(image.height, size);
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0, total = 0;
      for (const [sy, wy] of ys[y]) {
        for (const [sx, wx] of xs[x]) {
          const w = wx * wy;
          const i = (sy * image.width + sx) * 4;
          const alpha = image.pixels[i + 3] / 255;
          r += image.pixels[i] * alpha * w;
          g += image.pixels[i + 1] * alpha * w;
          b += image.pixels[i + 2] * alpha * w;
          a += alpha * w;
          total += w;
        }
      }
      const o = (y * size + x) * 4;
      out[o] = a > 0 ? Math.round(r / a) : 0;
      out[o + 1] = a > 0 ? Math.round(g / a) : 0;
      out[o + 2] = a > 0 ? Math.round(b / a) : 0;
      out[o + 3] = Math.round((a / total) * 255);
    }
  }
  return { width: size, height: size, pixels: out };
}

export function buildIco(pngsBySize) {
  const entries = [...pngsBySize.entries()].sort(([a], [b]) => a - b);
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([size, png], i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map(([, png]) => png)]);
}

export function buildIcns(typedPngs) {
  const parts = typedPngs.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** Every generated file (path relative to assets/) from the 512×512 source PNG. */
export function generateIcons(sourcePng) {
  const source = decodePng(sourcePng);
  if (source.width !== 512 || source.height !== 512) throw new Error('assets/icon.png must be 512×512.');
  const png = new Map([[512, encodePng(source)]]);
  for (const size of [256, 128, 64, 48, 32, 24, 16]) png.set(size, encodePng(resize(source, size)));
  const files = new Map();
  files.set('icon.ico', buildIco(new Map([16, 24, 32, 48, 64, 128, 256].map((s) => [s, png.get(s)]))));
  const icns = [['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];
  files.set('icon.icns', buildIcns(icns.map(([type, size]) => [type, png.get(size)])));
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) files.set(`icons/${size}x${size}.png`, png.get(size));
  return files;
}

function main() {
  mkdirSync(join(ASSETS, 'icons'), { recursive: true });
  for (const [path, bytes] of generateIcons(readFileSync(join(ASSETS, 'icon.png')))) writeFileSync(join(ASSETS, path), bytes);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

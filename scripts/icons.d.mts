/** Types for scripts/icons.mjs, so tests can call its encoders. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Buffer;
}
export function decodePng(file: Buffer): RgbaImage;
export function encodePng(image: RgbaImage): Buffer;
export function resize(image: RgbaImage, size: number): RgbaImage;
export function buildIco(pngsBySize: Map<number, Buffer>): Buffer;
export function buildIcns(typedPngs: readonly (readonly [string, Buffer])[]): Buffer;
export function generateIcons(sourcePng: Buffer): Map<string, Buffer>;

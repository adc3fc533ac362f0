import { app } from 'electron';
import { join } from 'node:path';

/**
 * A 32×32 PNG of the app icon for the tray and drag images: nativeImage reads PNG, not the SVG
 * the page uses. In the package it is an extra resource (electron-builder.yml); in development
 * it is read from assets/.
 */
export function smallIconPath(): string {
  return app.isPackaged ? join(process.resourcesPath, 'tray.png') : join(app.getAppPath(), 'assets/icons/32x32.png');
}

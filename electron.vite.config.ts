import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, developmentContentSecurityPolicy } from './electron/common/csp.ts';

/**
 * Builds the three Electron parts into out/: main (ESM, Node), preload (CommonJS, because a
 * sandboxed preload cannot load ES modules, with everything bundled in) and the renderer
 * (React, relative asset paths so it loads from file:// in Electron and from the web host).
 */
const root = import.meta.dirname;

/**
 * During `electron-vite dev` only, relaxes index.html's CSP meta tag to the development policy
 * (Vite injects inline styles and React Refresh an inline script); builds keep the strict one.
 */
function devServerCsp(): Plugin {
  return {
    name: 'tegami-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        const server = context.server?.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
        const strict = contentSecurityPolicy()
          .split('; ')
          .filter((d) => !d.startsWith('frame-ancestors'))
          .join('; ');
        const relaxed = developmentContentSecurityPolicy(server)
          .split('; ')
          .filter((d) => !d.startsWith('frame-ancestors'))
          .join('; ');
        return html.replace(strict, relaxed);
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), devServerCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      // Keep every script external: the CSP forbids inline code.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});

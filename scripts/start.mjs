#!/usr/bin/env node
// `npm start` (after the build): the Electron app when its binary is installed, otherwise the
// web host, which prints the address to open in a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron executable, or undefined when the package was installed without its binary. */
function electronBinary() {
  try {
    // The electron package exports the binary's path; it throws when the download was skipped.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron !== undefined) {
  run(electron, ['.']);
} else {
  console.log('The Electron binary is not installed, so Tegami starts its web host for a browser instead.');
  run(process.execPath, [fileURLToPath(new URL('../out/node/electron/web/main.js', import.meta.url))]);
}

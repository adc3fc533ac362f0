#!/usr/bin/env node
// The built command line (npm run build writes out/node). Kept as plain JS so `npm link` works.
import '../out/node/core/cli.js';

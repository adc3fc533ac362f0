#!/usr/bin/env node
/** The `tegami` command line. The commands live in core/cli/; this file only starts them. */
import { runCli } from './cli/main.js';

const code = await runCli({
  args: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;

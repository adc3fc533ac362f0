import type { CliCommand } from './types.js';
import { autoconfigCommand } from './autoconfig.js';
import { probeCommand } from './probe.js';
import { sendCommand } from './send.js';
import { pop3Command } from './pop3.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';
import { imapCommand } from './imap.js';
import { parseCommand } from './parse.js';
import { receivedCommand } from './received.js';
import { syncCommand } from './sync.js';

/**
 * Every `tegami` subcommand, one module each, registered here by name.
 * Later modules add their line (parse, received, send, probe, imap, pop3, sync, ...).
 */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  autoconfig: autoconfigCommand,
  export: exportCommand,
  imap: imapCommand,
  import: importCommand,
  parse: parseCommand,
  received: receivedCommand,
  pop3: pop3Command,
  probe: probeCommand,
  send: sendCommand,
  sync: syncCommand,
};

import type { CliCommand } from './types.js';

/**
 * Every `tegami` subcommand, one module each, registered here by name.
 * Later modules add their line (parse, received, send, probe, imap, pop3, sync, ...).
 */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {};

import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Security } from '../net/connection.js';
import { CliUsageError } from './types.js';

/**
 * The server-connection options shared by `tegami imap`, `pop3`, `send` and `probe`: one
 * option spec for node:util parseArgs and one validation, so every command words its
 * errors the same way and picks the same default ports.
 */

/** node:util parseArgs, with its complaints (unknown option, missing value) as usage errors. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

export type ServerProtocol = 'smtp' | 'imap' | 'pop3';

/** Spread into a parseArgs `options` object next to the command's own options. */
export const SERVER_OPTION_SPEC = {
  host: { type: 'string' },
  port: { type: 'string' },
  security: { type: 'string' },
  user: { type: 'string' },
  'password-env': { type: 'string' },
  ca: { type: 'string' },
  'allow-insecure-auth': { type: 'boolean' },
  transcript: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** What parseArgs yields for SERVER_OPTION_SPEC (a subset of a command's `values`). */
export interface ServerOptionValues {
  readonly host?: string | undefined;
  readonly port?: string | undefined;
  readonly security?: string | undefined;
  readonly user?: string | undefined;
  readonly 'password-env'?: string | undefined;
  readonly ca?: string | undefined;
  readonly 'allow-insecure-auth'?: boolean | undefined;
  readonly transcript?: boolean | undefined;
  readonly json?: boolean | undefined;
}

/**
 * Well-known ports: SMTP submission over implicit TLS 465 (RFC 8314 §7.3), submission 587
 * (RFC 6409 §3.1), relay 25; IMAP 993/143 and POP3 995/110 (RFC 8314 §7.3, RFC 3501, RFC 1939).
 */
export const DEFAULT_PORTS: Readonly<Record<ServerProtocol, Readonly<Record<Security, number>>>> = {
  smtp: { tls: 465, starttls: 587, none: 25 },
  imap: { tls: 993, starttls: 143, none: 143 },
  pop3: { tls: 995, starttls: 110, none: 110 },
};

const SECURITIES: readonly string[] = ['tls', 'starttls', 'none'] satisfies Security[];

export function defaultPort(protocol: ServerProtocol, security: Security): number {
  return DEFAULT_PORTS[protocol][security];
}

function isSecurity(value: string | undefined): value is Security {
  return value !== undefined && SECURITIES.includes(value);
}

/** The endpoint part: where to connect and how, without credentials. */
export interface ServerEndpoint {
  host: string;
  port: number;
  security: Security;
  /** The PEM text of --ca, already read. */
  ca: string | undefined;
  transcript: boolean;
  json: boolean;
}

/** The endpoint plus the login every reading command needs. */
export interface ServerOptions extends ServerEndpoint {
  user: string;
  password: string;
  allowInsecureAuth: boolean;
}

export function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`Cannot read the CA file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The password lives in an environment variable so it never shows in `ps` or shell history. */
export function readSecretEnv(name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (value === undefined || value === '') throw new CliUsageError(`The environment variable ${name} is not set.`);
  return value;
}

export function parseServerEndpoint(values: ServerOptionValues, protocol: ServerProtocol): ServerEndpoint {
  const { host } = values;
  if (host === undefined || host === '') throw new CliUsageError('--host is required.');
  const { security } = values;
  if (!isSecurity(security)) throw new CliUsageError('--security must be tls, starttls or none.');
  let port = defaultPort(protocol, security);
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535) throw new CliUsageError('--port must be 1-65535.');
    port = Number(values.port);
  }
  return {
    host,
    port,
    security,
    ca: values.ca === undefined ? undefined : readCaFile(values.ca),
    transcript: values.transcript === true,
    json: values.json === true,
  };
}

export function parseServerOptions(values: ServerOptionValues, env: NodeJS.ProcessEnv, protocol: ServerProtocol): ServerOptions {
  const endpoint = parseServerEndpoint(values, protocol);
  const { user } = values;
  if (user === undefined || user === '') throw new CliUsageError('--user is required.');
  const passwordEnv = values['password-env'];
  if (passwordEnv === undefined || passwordEnv === '') throw new CliUsageError('--password-env is required (the name of the variable holding the password).');
  return { ...endpoint, user, password: readSecretEnv(passwordEnv, env), allowInsecureAuth: values['allow-insecure-auth'] === true };
}

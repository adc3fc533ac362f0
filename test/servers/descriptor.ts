/**
 * The shape of test/servers/.run/servers.json, written by `npm run servers:start`.
 * Tests read it through loadServers() and never hard-code a host or port.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export type Security = 'tls' | 'starttls' | 'none';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly security: Security;
}

export interface TestUser {
  /** Full address, also the login name: alice@tegami.test */
  readonly address: string;
  readonly user: string;
  readonly password: string;
  /**
   * An OAuth 2.0 bearer token this stack issued to the user: XOAUTH2 and OAUTHBEARER logins
   * with it succeed on IMAP, POP3 and submission (Dovecot asks the introspection endpoint).
   */
  readonly accessToken: string;
  /** The user's Maildir on disk as Dovecot writes it (root can read it). */
  readonly maildir: string;
}

export interface ServersDescriptor {
  readonly version: 1;
  readonly startedAt: string;
  /** The temp directory holding every config, socket, queue and mailbox of this stack. */
  readonly root: string;
  readonly domain: 'tegami.test';
  /** PEM file of the throwaway CA that signed the servers' certificate. */
  readonly caFile: string;
  readonly imap: { readonly starttls: Endpoint; readonly tls: Endpoint };
  readonly pop3: { readonly starttls: Endpoint; readonly tls: Endpoint };
  readonly smtp: {
    /** No auth, accepts mail for tegami.test only: for injecting test mail. */
    readonly inject: Endpoint;
    /** Submission with STARTTLS; AUTH only after TLS. */
    readonly submission: Endpoint;
    /** Submission over implicit TLS. */
    readonly submissions: Endpoint;
  };
  readonly users: { readonly alice: TestUser; readonly bob: TestUser };
  readonly oauth: {
    /** RFC 7662 token introspection endpoint Dovecot's oauth2 passdb POSTs tokens to. */
    readonly introspectionUrl: string;
    /** Issued to alice but expired: introspection says inactive, so every login with it fails. */
    readonly expiredToken: string;
    readonly log: string;
  };
  /** PIDs of the processes this stack started, so stop kills exactly these. */
  readonly pids: { readonly dovecot: number; readonly postfix: number; readonly introspection: number };
  /** Who started it: 'manual' (npm run servers:start) is never stopped by a test run. */
  readonly owner: 'manual' | 'vitest';
  /** Where each server's configuration and log live, for doveadm/postfix commands and debugging. */
  readonly postfix: { readonly configDir: string; readonly queueDir: string; readonly log: string };
  readonly dovecot: { readonly configFile: string; readonly baseDir: string; readonly log: string };
}

/**
 * Where the descriptor lives. TEGAMI_SERVERS_DIR points a run at a separate stack (e.g. to try
 * a configuration change without restarting the stack other test runs are using).
 */
export const RUN_DIR = process.env['TEGAMI_SERVERS_DIR'] ?? join(dirname(fileURLToPath(import.meta.url)), '.run');
export const DESCRIPTOR_PATH = join(RUN_DIR, 'servers.json');

/** Reads the descriptor; throws a clear error when the stack was never started. */
export function loadServers(): ServersDescriptor {
  let text: string;
  try {
    text = readFileSync(DESCRIPTOR_PATH, 'utf8');
  } catch {
    throw new Error(`The test mail stack is not running (no ${DESCRIPTOR_PATH}); run \`npm run servers:start\`.`);
  }
  return JSON.parse(text) as ServersDescriptor;
}

/**
 * The stack's OAuth 2.0 bearer tokens and the introspection endpoint that vouches for them: one
 * random token per user for each stack, plus one that was issued to alice but has expired.
 * Dovecot's oauth2 passdb asks the endpoint (RFC 7662) about every XOAUTH2 / OAUTHBEARER login.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { closeSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DOMAIN, SMTP_HOST, TEST_USERS, type UserName } from './layout.js';
import { commandLine, isAlive } from './processes.js';

export const INTROSPECTION_HOST = SMTP_HOST;
export const INTROSPECTION_PATH = '/introspect';
const SCRIPT = fileURLToPath(new URL('./introspection-server.ts', import.meta.url));
const REPO_ROOT = join(dirname(SCRIPT), '..', '..');

export interface TokenGrant {
  /** The login name Dovecot compares with the SASL user (username_attribute = username). */
  readonly username: string;
  readonly scope: string;
  /** Expiry, seconds since the epoch (RFC 7662 §2.2 "exp"). */
  readonly exp: number;
}

export interface IntrospectionConfig {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly tokens: Readonly<Record<string, TokenGrant>>;
}

/** The tokens one stack issued, as the descriptor publishes them. */
export interface IssuedTokens {
  readonly byUser: Readonly<Record<UserName, string>>;
  /** Issued to alice, expired an hour ago: the endpoint answers `"active": false`. */
  readonly expired: string;
}

/** RFC 7662 §2.2: a token past its expiry is no longer active. */
export function isActive(grant: TokenGrant, nowSeconds: number): boolean {
  return grant.exp > nowSeconds;
}

function newToken(): string {
  // RFC 6750 §2.1 b64token characters only, so it travels unchanged in every SASL message.
  return randomBytes(24).toString('base64url');
}

export function issueTokens(port: number): { readonly config: IntrospectionConfig; readonly issued: IssuedTokens } {
  const now = Math.floor(Date.now() / 1000);
  const tokens: Record<string, TokenGrant> = {};
  const byUser = {} as Record<UserName, string>;
  for (const name of Object.keys(TEST_USERS) as UserName[]) {
    const token = newToken();
    byUser[name] = token;
    // Valid for a week: a stack started by hand may run for days.
    tokens[token] = { username: `${TEST_USERS[name].user}@${DOMAIN}`, scope: 'mail', exp: now + 7 * 24 * 3600 };
  }
  const expired = newToken();
  tokens[expired] = { username: `${TEST_USERS.alice.user}@${DOMAIN}`, scope: 'mail', exp: now - 3600 };
  return { config: { host: INTROSPECTION_HOST, port, path: INTROSPECTION_PATH, tokens }, issued: { byUser, expired } };
}

function isGrant(value: unknown): value is TokenGrant {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['username'] === 'string' && typeof v['scope'] === 'string' && typeof v['exp'] === 'number';
}

export function parseIntrospectionConfig(text: string): IntrospectionConfig {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new Error('introspection config is not an object');
  const v = value as Record<string, unknown>;
  const tokens = v['tokens'];
  if (typeof v['host'] !== 'string' || typeof v['port'] !== 'number' || typeof v['path'] !== 'string' || typeof tokens !== 'object' || tokens === null) {
    throw new Error('introspection config lacks host, port, path or tokens');
  }
  for (const grant of Object.values(tokens)) if (!isGrant(grant)) throw new Error('introspection config has a malformed token');
  return { host: v['host'], port: v['port'], path: v['path'], tokens: tokens as Record<string, TokenGrant> };
}

export function introspectionUrl(config: Pick<IntrospectionConfig, 'host' | 'port' | 'path'>): string {
  return `http://${config.host}:${config.port}${config.path}`;
}

/**
 * Starts the endpoint as a detached process leading its own session (so the stack's stop finds
 * it and its children, and it survives the test run that started it). Resolves to its pid.
 */
export function launchIntrospection(configFile: string, outputFile: string): Promise<number> {
  const fd = openSync(outputFile, 'a');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, configFile], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { PATH: process.env['PATH'] ?? '', LANG: 'C' },
    });
    child.unref();
    return new Promise((resolve, reject) => {
      child.once('error', (error) => reject(new Error(`the introspection endpoint could not run: ${error.message}`)));
      child.once('spawn', () => {
        if (child.pid === undefined) reject(new Error('the introspection endpoint has no pid'));
        else resolve(child.pid);
      });
    });
  } finally {
    closeSync(fd);
  }
}

export function introspectionAlive(pid: number): boolean {
  return isAlive(pid) && commandLine(pid).includes('introspection-server');
}

/** POSTs one token and returns the endpoint's JSON answer. */
export function introspect(config: Pick<IntrospectionConfig, 'host' | 'port' | 'path'>, token: string, timeoutMs = 2_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams({ token }).toString();
    const req = request(
      { host: config.host, port: config.port, path: config.path, method: 'POST', timeout: timeoutMs, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        response.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${introspectionUrl(config)} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** "Does the endpoint answer?": an unknown token must come back inactive. */
export async function introspectionAnswers(config: Pick<IntrospectionConfig, 'host' | 'port' | 'path'>): Promise<boolean> {
  try {
    return (await introspect(config, 'probe-unknown-token')).active === false;
  } catch {
    return false;
  }
}

/**
 * Where everything of one stack lives under its temp directory, and the fixed facts (domain,
 * users, passwords, limits) both servers' configurations are written from.
 */
import { join } from 'node:path';

export const DOMAIN = 'tegami.test';

/** Postfix listens here. */
export const SMTP_HOST = '127.0.0.1';

/**
 * Dovecot listens on another loopback address. Dovecot 2.3 treats a connection whose remote IP
 * equals its local IP as "secured" and then allows LOGIN/USER+PASS without TLS; clients connect
 * from 127.0.0.1, so listening on 127.0.0.2 keeps the real rule (no cleartext login before TLS).
 */
export const DOVECOT_HOST = '127.0.0.2';

export const TEST_USERS = {
  alice: { user: 'alice', password: 'alice-wonderland-7' },
  bob: { user: 'bob', password: 'bob-builder-9' },
} as const;

export type UserName = keyof typeof TEST_USERS;

/** Tests send 20–50 MB messages; base64 makes 50 MB of attachment about 68 MB on the wire. */
export const MESSAGE_SIZE_LIMIT = 100 * 1024 * 1024;

/** Test files run in parallel, each with a few connections per protocol. */
export const MAX_CONNECTIONS_PER_USER_IP = 200;

export interface Ports {
  readonly imap: number;
  readonly imaps: number;
  readonly pop3: number;
  readonly pop3s: number;
  readonly inject: number;
  readonly submission: number;
  readonly submissions: number;
  /** The OAuth 2.0 token introspection endpoint (HTTP, loopback) Dovecot asks about bearer tokens. */
  readonly introspection: number;
}

export const PORT_NAMES = ['imap', 'imaps', 'pop3', 'pop3s', 'inject', 'submission', 'submissions', 'introspection'] as const;

export interface Layout {
  readonly root: string;
  readonly tlsDir: string;
  readonly logDir: string;
  readonly postfixLog: string;
  readonly dovecotLog: string;
  readonly postfixConfigDir: string;
  readonly postfixQueueDir: string;
  readonly postfixDataDir: string;
  readonly dovecotDir: string;
  readonly dovecotConfigFile: string;
  readonly dovecotBaseDir: string;
  readonly dovecotStateDir: string;
  readonly passwdFile: string;
  /** Dovecot's oauth2 passdb settings (the introspection URL). */
  readonly oauth2File: string;
  /** The introspection endpoint's address and the tokens it issued. */
  readonly introspectionConfigFile: string;
  readonly introspectionLog: string;
  readonly mailRoot: string;
  /** Dovecot's LMTP socket, where Postfix hands over every accepted message. */
  readonly lmtpSocket: string;
  /** Dovecot's auth socket for Postfix's SASL (smtpd_sasl_type = dovecot). */
  readonly authSocket: string;
}

export function layoutFor(root: string): Layout {
  const dovecotDir = join(root, 'dovecot');
  const dovecotBaseDir = join(dovecotDir, 'run');
  const logDir = join(root, 'log');
  return {
    root,
    tlsDir: join(root, 'tls'),
    logDir,
    postfixLog: join(logDir, 'postfix.log'),
    dovecotLog: join(logDir, 'dovecot.log'),
    postfixConfigDir: join(root, 'postfix', 'etc'),
    postfixQueueDir: join(root, 'postfix', 'spool'),
    postfixDataDir: join(root, 'postfix', 'data'),
    dovecotDir,
    dovecotConfigFile: join(dovecotDir, 'dovecot.conf'),
    dovecotBaseDir,
    dovecotStateDir: join(dovecotDir, 'state'),
    passwdFile: join(dovecotDir, 'passwd'),
    oauth2File: join(dovecotDir, 'oauth2.conf.ext'),
    introspectionConfigFile: join(root, 'oauth', 'introspection.json'),
    introspectionLog: join(logDir, 'introspection.log'),
    mailRoot: join(root, 'mail'),
    lmtpSocket: join(dovecotBaseDir, 'lmtp-postfix'),
    authSocket: join(dovecotBaseDir, 'auth-postfix'),
  };
}

export function homeOf(layout: Layout, user: string): string {
  return join(layout.mailRoot, DOMAIN, user);
}

export function maildirOf(layout: Layout, user: string): string {
  return join(homeOf(layout, user), 'Maildir');
}

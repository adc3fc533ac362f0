/**
 * The vocabulary of account discovery: server settings as a provider configuration describes
 * them (with username templates), and candidates found for one address (templates expanded,
 * source recorded).
 */

/** How the connection is secured: implicit TLS, STARTTLS upgrade, or none (never chosen by discovery). */
export type Security = 'tls' | 'starttls' | 'none';

export type IncomingProtocol = 'imap' | 'pop3';
export type Protocol = IncomingProtocol | 'smtp';

/**
 * Authentication kinds as config-v1.1.xml names them. 'password-cleartext' is SASL PLAIN/LOGIN
 * (over TLS), 'password-encrypted' is CRAM-MD5 and friends, 'OAuth2' is XOAUTH2/OAUTHBEARER.
 */
export type AuthMethod =
  | 'password-cleartext'
  | 'password-encrypted'
  | 'OAuth2'
  | 'NTLM'
  | 'GSSAPI'
  | 'client-IP-address'
  | 'TLS-client-cert'
  | 'none';

export const AUTH_METHODS: readonly AuthMethod[] = [
  'password-cleartext',
  'password-encrypted',
  'OAuth2',
  'NTLM',
  'GSSAPI',
  'client-IP-address',
  'TLS-client-cert',
  'none',
];

/** One server of a provider configuration, as written (hostname and username may hold %PLACEHOLDERS%). */
export interface ServerConfig {
  readonly protocol: Protocol;
  readonly hostname: string;
  readonly port: number;
  readonly security: Security;
  readonly usernameTemplate: string;
  /** In the file's order of preference; empty when the file named none. */
  readonly auth: readonly AuthMethod[];
}

/** OAuth2 endpoints for a provider (client IDs are configuration, never part of this). */
export interface OAuth2Config {
  readonly issuer: string;
  readonly scope: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
}

export interface ProviderNote {
  /** A web page to read or visit (for example to enable IMAP access first). */
  readonly url?: string;
  readonly text: string;
  readonly lang?: string;
}

/** One emailProvider element of a config-v1.1.xml file. */
export interface ProviderConfig {
  readonly id: string;
  readonly displayName: string;
  /** Lower-case domains this provider serves (including MX host domains it is known by). */
  readonly domains: readonly string[];
  readonly incoming: readonly ServerConfig[];
  readonly outgoing: readonly ServerConfig[];
  readonly oauth2?: OAuth2Config;
  readonly notes: readonly ProviderNote[];
}

/** Where a candidate came from, in the order discovery trusts them. */
export type CandidateSource =
  | 'provider-database'
  | 'autoconfig'
  | 'autoconfig-well-known'
  | 'mx-provider-database'
  | 'mx-autoconfig'
  | 'srv'
  | 'guess';

/** A concrete server setting for one address. */
export interface ServerCandidate {
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  /** The login name with the template expanded. */
  readonly username: string;
  readonly auth: readonly AuthMethod[];
  readonly source: CandidateSource;
  /** What exactly: the provider id, the URL, the SRV record name, the probed host:port. */
  readonly sourceDetail: string;
  /** Other sources that proposed the same host, port and security. */
  readonly alsoFrom: readonly CandidateSource[];
  readonly providerId?: string;
  readonly oauth2?: OAuth2Config;
  /** Something the user should confirm before trusting this server with a password. */
  readonly warning?: string;
}

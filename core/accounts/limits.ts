/**
 * Every limit and default timeout of account discovery in one place. Exceeding a size limit is
 * a typed MailError ('config-invalid'); a step that runs out of time is reported as timed out
 * in the discovery result, never as an exception that loses the other steps' findings.
 */

/** Largest config-v1.1.xml accepted, from disk or the network (real ones are a few KiB). */
export const MAX_CONFIG_BYTES = 256 * 1024;

/** Deepest element nesting the XML reader accepts (config-v1.1.xml needs 4). */
export const MAX_XML_DEPTH = 32;

/** Most elements in one document: stops quadratic blow-ups on hostile input. */
export const MAX_XML_ELEMENTS = 10_000;

/** Most attributes on one element. */
export const MAX_XML_ATTRIBUTES = 32;

/** Most redirects followed for one autoconfig request (each must stay on HTTPS). */
export const MAX_AUTOCONFIG_REDIRECTS = 3;

/** Most MX hosts considered: only the lowest preference matters, ties are tried in order. */
export const MAX_MX_HOSTS = 5;

export interface DiscoveryTimeouts {
  /** The whole discovery; after it the result is built from whatever has been found. */
  readonly overall: number;
  /** One autoconfig HTTP request (connect, TLS, response body). */
  readonly http: number;
  /** One DNS query (MX or SRV). */
  readonly dns: number;
  /** One probe while guessing (connect, greeting, capabilities, STARTTLS). */
  readonly probe: number;
}

export const DEFAULT_DISCOVERY_TIMEOUTS: DiscoveryTimeouts = {
  overall: 30_000,
  http: 10_000,
  dns: 5_000,
  probe: 10_000,
};

/** Longest account id accepted by a credential store (ids are generated, not typed). */
export const MAX_ACCOUNT_ID_LENGTH = 200;

/** Largest secret a credential store keeps (OAuth2 tokens of some providers run to a few KiB). */
export const MAX_SECRET_LENGTH = 16 * 1024;

/**
 * Fetching config-v1.1.xml from the domain's own web servers, the way Thunderbird does:
 *   https://autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=<address>
 *   https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml
 *
 * Always HTTPS with certificate verification (the settings decide where the password goes).
 * Redirects are followed only to https URLs, at most MAX_AUTOCONFIG_REDIRECTS times. The body
 * is capped at MAX_CONFIG_BYTES and parsed by the strict reader.
 *
 * For tests and corporate setups an explicit base URL replaces "https://": the original host
 * name becomes the first path segment under the base, so one server can answer for many
 * domains: base http://127.0.0.1:8080 turns https://autoconfig.example.org/mail/config-v1.1.xml
 * into http://127.0.0.1:8080/autoconfig.example.org/mail/config-v1.1.xml. That is configuration
 * the user gave, never a fallback: without it, nothing but https is ever requested.
 */
import { MailError } from '../net/mail-error.js';
import { parseClientConfigBytes } from './config-xml.js';
import { MAX_AUTOCONFIG_REDIRECTS, MAX_CONFIG_BYTES } from './limits.js';
import { NothingFound } from './steps.js';
import type { ProviderConfig } from './types.js';

export interface AutoconfigRequest {
  /** The https URL as the scheme defines it. */
  readonly canonical: string;
  /** What is actually requested (differs only under an explicit base override). */
  readonly url: string;
}

/** Validates an --autoconfig-base value; throws MailError('invalid-argument'). */
export function checkAutoconfigBase(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new MailError('invalid-argument', `"${base}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new MailError('invalid-argument', `"${base}" is not an http(s) URL`);
  if (url.search || url.hash) throw new MailError('invalid-argument', `"${base}" must not have a query or fragment`);
  return url;
}

function request(host: string, pathAndQuery: string, base: string | undefined): AutoconfigRequest {
  const canonical = `https://${host}${pathAndQuery}`;
  if (base === undefined) return { canonical, url: canonical };
  const prefix = checkAutoconfigBase(base).href.replace(/\/$/, '');
  return { canonical, url: `${prefix}/${host}${pathAndQuery}` };
}

/** The autoconfig.<domain> URL; the address is sent only to the user's own domain. */
export function autoconfigRequest(domain: string, address: string | undefined, base?: string): AutoconfigRequest {
  const query = address === undefined ? '' : `?emailaddress=${encodeURIComponent(address)}`;
  return request(`autoconfig.${domain}`, `/mail/config-v1.1.xml${query}`, base);
}

export function wellKnownRequest(domain: string, base?: string): AutoconfigRequest {
  return request(domain, '/.well-known/autoconfig/mail/config-v1.1.xml', base);
}

async function readCapped(response: Response): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_CONFIG_BYTES) throw new MailError('config-invalid', `The config file is larger than ${MAX_CONFIG_BYTES} bytes`);
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_CONFIG_BYTES) {
      await reader.cancel();
      throw new MailError('config-invalid', `The config file is larger than ${MAX_CONFIG_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Fetches and parses one config file. Resolves to the providers it lists; throws NothingFound
 * for "no file here" (404, 410, DNS name does not exist), MailError for anything wrong.
 */
export async function fetchAutoconfig(target: AutoconfigRequest, signal: AbortSignal): Promise<ProviderConfig[]> {
  let url = new URL(target.url);
  const allowedProtocol = url.protocol;
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers: { accept: 'application/xml, text/xml' } });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'ENOTFOUND') throw new NothingFound(`${url.host} does not exist`);
      if (code !== undefined && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code)) {
        throw new MailError('tls-failed', `TLS to ${url.host} failed: ${code}`, { cause: error });
      }
      throw new MailError('connect-failed', `Could not fetch ${url.href}: ${code ?? (error instanceof Error ? error.message : String(error))}`, { cause: error });
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (location === null) throw new MailError('protocol-error', `${url.href} redirected without a Location`);
      const next = new URL(location, url);
      if (next.protocol !== allowedProtocol) {
        throw new MailError('tls-required', `${url.href} redirected to ${next.protocol} (${next.host}); only ${allowedProtocol} is followed`);
      }
      if (redirects >= MAX_AUTOCONFIG_REDIRECTS) throw new MailError('protocol-error', `More than ${MAX_AUTOCONFIG_REDIRECTS} redirects from ${target.url}`);
      url = next;
      continue;
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      throw new NothingFound(`HTTP ${response.status}: no config file`);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new MailError('server-rejected', `HTTP ${response.status} from ${url.href}`);
    }
    return parseClientConfigBytes(await readCapped(response));
  }
}

/**
 * Reads Thunderbird's autoconfig file format, config-v1.1.xml
 * (https://github.com/thunderbird/autoconfig, docs/file-format): a clientConfig element with one
 * or more emailProvider elements, each listing the domains it serves and its incomingServer
 * (type imap|pop3) and outgoingServer (type smtp) settings, plus an optional oAuth2 element.
 *
 * Strict where it matters for safety and correctness (the XML itself, host names, ports, socket
 * types, placeholders), tolerant where the format grows: server types we do not speak (exchange,
 * jmap, ...) and authentication values we do not know are skipped, not fatal.
 */
import { isIPv4 } from 'node:net';
import { MailError } from '../net/mail-error.js';
import { isHostName } from './address.js';
import type { AuthMethod, OAuth2Config, Protocol, ProviderConfig, ProviderNote, Security, ServerConfig } from './types.js';
import { AUTH_METHODS } from './types.js';
import { checkTemplate } from './username.js';
import { childElements, parseXml, parseXmlBytes, textOf, type XmlElement } from './xml.js';

function invalid(message: string): never {
  throw new MailError('config-invalid', message);
}

const SOCKET_TYPES: Readonly<Record<string, Security>> = { SSL: 'tls', STARTTLS: 'starttls', plain: 'none' };

/** Older files use these names (Thunderbird's readFromXML still accepts them). */
const AUTH_ALIASES: Readonly<Record<string, AuthMethod>> = {
  plain: 'password-cleartext',
  secure: 'password-encrypted',
};

function single(element: XmlElement, name: string, where: string): string {
  const found = childElements(element, name);
  if (found.length === 0) invalid(`${where} has no <${name}>`);
  if (found.length > 1) invalid(`${where} has more than one <${name}>`);
  return textOf(found[0]!);
}

function optionalSingle(element: XmlElement, name: string): string | undefined {
  const found = childElements(element, name)[0];
  return found === undefined ? undefined : textOf(found);
}

/** A host name as written in a config file: %EMAILDOMAIN% may stand for the user's domain. */
export function checkConfigHostname(hostname: string, where: string): void {
  checkTemplate(hostname, where);
  if (/%(EMAILADDRESS|EMAILLOCALPART)%/.test(hostname)) invalid(`${where}: only %EMAILDOMAIN% may appear in a host name`);
  const sample = hostname.replace(/%EMAILDOMAIN%/g, 'example.com').toLowerCase();
  if (!isHostName(sample) && !isIPv4(sample)) invalid(`${where}: "${hostname}" is not a host name`);
}

function parsePort(text: string, where: string): number {
  if (!/^[0-9]{1,5}$/.test(text)) invalid(`${where}: port "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) invalid(`${where}: port ${port} is out of range`);
  return port;
}

function parseServer(element: XmlElement, protocol: Protocol, where: string): ServerConfig {
  const hostname = single(element, 'hostname', where);
  checkConfigHostname(hostname, where);
  const port = parsePort(single(element, 'port', where), where);
  const socketType = single(element, 'socketType', where);
  const security = Object.hasOwn(SOCKET_TYPES, socketType) ? SOCKET_TYPES[socketType]! : invalid(`${where}: unknown socketType "${socketType}"`);
  const usernameTemplate = optionalSingle(element, 'username') ?? '%EMAILADDRESS%';
  if (/[\r\n\0]/.test(usernameTemplate)) invalid(`${where}: username contains a line break`);
  checkTemplate(usernameTemplate, `${where} username`);
  const auth: AuthMethod[] = [];
  for (const a of childElements(element, 'authentication')) {
    const value = textOf(a);
    const method = (AUTH_METHODS as readonly string[]).includes(value) ? (value as AuthMethod) : AUTH_ALIASES[value];
    if (method !== undefined && !auth.includes(method)) auth.push(method);
  }
  return { protocol, hostname: hostname.toLowerCase().replace(/%emaildomain%/g, '%EMAILDOMAIN%'), port, security, usernameTemplate, auth };
}

function parseOAuth2(element: XmlElement): OAuth2Config {
  const where = '<oAuth2>';
  const config = {
    issuer: single(element, 'issuer', where),
    scope: single(element, 'scope', where).replace(/\s+/g, ' '),
    authUrl: single(element, 'authURL', where),
    tokenUrl: single(element, 'tokenURL', where),
  };
  for (const url of [config.authUrl, config.tokenUrl]) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      invalid(`${where}: "${url}" is not a URL`);
    }
    // RFC 6749 §3.1, §3.2: both endpoints MUST use TLS.
    if (parsed.protocol !== 'https:') invalid(`${where}: "${url}" is not an https URL`);
  }
  return config;
}

function parseNotes(provider: XmlElement): ProviderNote[] {
  const notes: ProviderNote[] = [];
  for (const doc of childElements(provider, 'documentation')) {
    const url = doc.attributes['url'];
    const descr = childElements(doc, 'descr')[0];
    notes.push({ ...(url ? { url } : {}), text: descr ? textOf(descr) : '', ...(descr?.attributes['lang'] ? { lang: descr.attributes['lang'] } : {}) });
  }
  for (const enable of childElements(provider, 'enable')) {
    const url = enable.attributes['visiturl'];
    for (const instruction of childElements(enable, 'instruction')) {
      const lang = instruction.attributes['lang'];
      notes.push({ ...(url ? { url } : {}), text: textOf(instruction), ...(lang ? { lang } : {}) });
    }
  }
  return notes;
}

function parseProvider(element: XmlElement, oauth2: OAuth2Config | undefined): ProviderConfig {
  const id = element.attributes['id'];
  if (id === undefined || id.trim() === '') invalid('<emailProvider> has no id');
  const where = `provider "${id}"`;
  const domains = childElements(element, 'domain').map((d) => textOf(d).toLowerCase());
  for (const domain of domains) {
    if (!isHostName(domain)) invalid(`${where}: "${domain}" is not a domain`);
  }
  const incoming: ServerConfig[] = [];
  const outgoing: ServerConfig[] = [];
  childElements(element, 'incomingServer').forEach((server, index) => {
    const type = server.attributes['type'];
    if (type === 'imap' || type === 'pop3') incoming.push(parseServer(server, type, `${where} incomingServer #${index + 1}`));
  });
  childElements(element, 'outgoingServer').forEach((server, index) => {
    if (server.attributes['type'] === 'smtp') outgoing.push(parseServer(server, 'smtp', `${where} outgoingServer #${index + 1}`));
  });
  if (incoming.length === 0 && outgoing.length === 0) invalid(`${where} has no IMAP, POP3 or SMTP server`);
  const inner = childElements(element, 'oAuth2')[0];
  const ownOAuth2 = inner ? parseOAuth2(inner) : oauth2;
  return {
    id,
    displayName: optionalSingle(element, 'displayName') ?? id,
    domains,
    incoming,
    outgoing,
    ...(ownOAuth2 ? { oauth2: ownOAuth2 } : {}),
    notes: parseNotes(element),
  };
}

function fromRoot(root: XmlElement): ProviderConfig[] {
  if (root.name !== 'clientConfig') invalid(`The root element is <${root.name}>, expected <clientConfig>`);
  const version = root.attributes['version'];
  if (version !== undefined && !/^1\.[0-9]+$/.test(version)) invalid(`Unsupported clientConfig version "${version}"`);
  // The oAuth2 element sits beside emailProvider in the ISPDB files; it applies to them all.
  const oauthElement = childElements(root, 'oAuth2')[0];
  const oauth2 = oauthElement ? parseOAuth2(oauthElement) : undefined;
  const providers = childElements(root, 'emailProvider').map((p) => parseProvider(p, oauth2));
  if (providers.length === 0) invalid('<clientConfig> has no <emailProvider>');
  return providers;
}

/** Parses a config-v1.1.xml document; throws MailError('config-invalid') with the reason. */
export function parseClientConfig(xml: string): ProviderConfig[] {
  return fromRoot(parseXml(xml));
}

/** The same, from bytes as fetched (UTF-8 only). */
export function parseClientConfigBytes(bytes: Uint8Array): ProviderConfig[] {
  return fromRoot(parseXmlBytes(bytes));
}

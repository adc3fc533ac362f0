/**
 * What the wizard shows about discovery: the steps in the order they run (all pending while
 * the one request is out), where each candidate came from, and whether a browser sign-in
 * (OAuth2) is offered. Pure: message keys and parameters, translated by the component.
 */
import type { AccountDiscovery, DiscoveredServer, DiscoverySource, DiscoveryStepName, DiscoveryStepStatus } from '../../../../core/api/contract.js';
import type { MessageKey } from '../../i18n/catalogs.js';

/** The steps shown while the request runs; the answer then lists what really ran. */
export const PENDING_STEPS: readonly DiscoveryStepName[] = ['provider-database', 'autoconfig', 'autoconfig-well-known', 'mx', 'srv', 'guess'];

export const STEP_LABEL: { readonly [S in DiscoveryStepName]: MessageKey } = {
  'provider-database': 'wizard.step.provider-database',
  autoconfig: 'wizard.step.autoconfig',
  'autoconfig-well-known': 'wizard.step.autoconfig-well-known',
  mx: 'wizard.step.mx',
  'mx-provider-database': 'wizard.step.mx-provider-database',
  'mx-autoconfig': 'wizard.step.mx-autoconfig',
  srv: 'wizard.step.srv',
  guess: 'wizard.step.guess',
};

export const STATUS_LABEL: { readonly [S in DiscoveryStepStatus]: MessageKey } = {
  found: 'wizard.status.found',
  nothing: 'wizard.status.nothing',
  failed: 'wizard.status.failed',
  timeout: 'wizard.status.timeout',
  skipped: 'wizard.status.skipped',
};

/** A symbol per status; the translated status word is always next to it (never colour alone). */
export const STATUS_ICON: { readonly [S in DiscoveryStepStatus]: string } = {
  found: '✓',
  nothing: '–',
  failed: '✕',
  timeout: '!',
  skipped: '»',
};

export interface Phrase {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string>>;
}

const SOURCE_KEY: { readonly [S in DiscoverySource]: MessageKey } = {
  'provider-database': 'wizard.source.provider-database',
  autoconfig: 'wizard.source.autoconfig',
  'autoconfig-well-known': 'wizard.source.autoconfig',
  'mx-provider-database': 'wizard.source.mx-provider-database',
  'mx-autoconfig': 'wizard.source.mx-autoconfig',
  srv: 'wizard.source.srv',
  guess: 'wizard.source.guess',
};

/** "from the provider database (google.com)", "from autoconfig at https://…", "guessed (probed …)". */
export function sourcePhrase(server: DiscoveredServer): Phrase {
  return { key: SOURCE_KEY[server.source], params: { detail: server.sourceDetail } };
}

/** A candidate's one-line summary: "IMAP imap.example.com:993 (TLS)". */
export function serverLine(server: DiscoveredServer): string {
  const security = server.security === 'tls' ? 'TLS' : server.security === 'starttls' ? 'STARTTLS' : '—';
  return `${server.protocol.toUpperCase()} ${server.host}:${server.port} (${security})`;
}

export function offersOAuth(server: DiscoveredServer): boolean {
  return server.auth.some((kind) => kind.toLowerCase() === 'oauth2');
}

/** Provider database ids whose names users know better than the id. */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  'google.com': 'Google',
  'outlook.com': 'Microsoft',
  'office365.com': 'Microsoft',
  'yahoo.com': 'Yahoo',
  'aol.com': 'AOL',
};

/**
 * The provider to name on "Sign in with … in your browser": a known provider id from the
 * source, else the server's domain without its first label (imap.gmail.com → gmail.com).
 */
export function providerName(server: DiscoveredServer): string {
  const id = server.sourceDetail.split(' ')[0] ?? '';
  const known = PROVIDER_NAMES[id];
  if (known !== undefined) return known;
  const labels = server.host.split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : server.host;
}

/** The browser sign-in to offer: the first discovered server (chosen first) that takes OAuth2. */
export function oauthOffer(discovery: AccountDiscovery | null): { readonly provider: string } | null {
  if (discovery === null) return null;
  const servers = [...(discovery.chosen ? [discovery.chosen.incoming, discovery.chosen.outgoing] : []), ...discovery.incoming, ...discovery.outgoing];
  const server = servers.find(offersOAuth);
  return server === undefined ? null : { provider: providerName(server) };
}

/** Milliseconds as the UI shows them next to a step: "120 ms", "2.4 s". */
export function durationText(ms: number, language: string): string {
  if (ms < 1000) return `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(ms)} ms`;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}

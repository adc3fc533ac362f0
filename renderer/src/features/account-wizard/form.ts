/**
 * The wizard's editable settings as plain form values, and the pure steps between them and the
 * contract: a DiscoveredServer filling the fields, manual defaults from the address, checks
 * before anything is sent, and the NewAccount that addAccount receives.
 */
import type { Account, AccountChanges, AccountPins, AccountSettings, DiscoveredServer, EndpointSecurity, IncomingProtocol, NewAccount } from '../../../../core/api/contract.js';

export interface Identity {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

/** One server's fields as typed (port stays text until it is checked). */
export interface EndpointForm {
  readonly host: string;
  readonly port: string;
  readonly security: EndpointSecurity;
  readonly username: string;
}

export interface IncomingForm extends EndpointForm {
  readonly protocol: IncomingProtocol;
}

export interface SettingsForm {
  readonly incoming: IncomingForm;
  readonly outgoing: EndpointForm;
  readonly separateOutgoingPassword: boolean;
  readonly outgoingPassword: string;
  /** POP3 only. */
  readonly leaveOnServer: boolean;
  /** POP3 with leaveOnServer: delete after this many days; '' = never. */
  readonly deleteAfterDays: string;
  /** POP3 with leaveOnServer: deleting a message here deletes it on the server too. */
  readonly deleteWhenDeletedHere: boolean;
}

/** Fields a message can be attached to (verification and validation both point at them). */
export type FieldName =
  | 'name'
  | 'email'
  | 'password'
  | 'outgoingPassword'
  | 'incomingHost'
  | 'incomingPort'
  | 'incomingSecurity'
  | 'incomingUsername'
  | 'outgoingHost'
  | 'outgoingPort'
  | 'outgoingSecurity'
  | 'outgoingUsername'
  | 'deleteAfterDays';

/**
 * Well-known ports: IMAP 993 (implicit TLS, RFC 8314 §7) / 143, POP3 995 / 110, submission
 * 465 (implicit TLS, RFC 8314 §3.3) / 587 (STARTTLS, RFC 6409).
 */
export function defaultPort(protocol: IncomingProtocol | 'smtp', security: EndpointSecurity): number {
  const tls = security === 'tls';
  switch (protocol) {
    case 'imap':
      return tls ? 993 : 143;
    case 'pop3':
      return tls ? 995 : 110;
    case 'smtp':
      return tls ? 465 : 587;
  }
}

/** The part after the last '@', lower-cased; '' when there is none. */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

/** local@domain with no spaces and a non-empty part on each side: enough to look settings up. */
export function isPlausibleAddress(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email.trim()) && !email.trim().endsWith('.');
}

/**
 * Manual mode: every field filled with the usual guess for the address (imap./smtp. of the
 * domain, implicit TLS, the whole address as login), so the user corrects instead of typing all.
 */
export function manualForm(email: string): SettingsForm {
  const domain = domainOf(email);
  const username = email.trim();
  return {
    incoming: { protocol: 'imap', host: domain === '' ? '' : `imap.${domain}`, port: String(defaultPort('imap', 'tls')), security: 'tls', username },
    outgoing: { host: domain === '' ? '' : `smtp.${domain}`, port: String(defaultPort('smtp', 'tls')), security: 'tls', username },
    separateOutgoingPassword: false,
    outgoingPassword: '',
    leaveOnServer: true,
    deleteAfterDays: '',
    deleteWhenDeletedHere: true,
  };
}

export function endpointFromServer(server: DiscoveredServer): EndpointForm {
  return { host: server.host, port: String(server.port), security: server.security, username: server.username };
}

/** Puts a discovered incoming server into the form; SMTP candidates are not incoming servers. */
export function withIncomingServer(form: SettingsForm, server: DiscoveredServer): SettingsForm {
  if (server.protocol === 'smtp') return form;
  return { ...form, incoming: { ...endpointFromServer(server), protocol: server.protocol } };
}

export function withOutgoingServer(form: SettingsForm, server: DiscoveredServer): SettingsForm {
  if (server.protocol !== 'smtp') return form;
  return { ...form, outgoing: endpointFromServer(server) };
}

/**
 * The form after discovery: the chosen servers where there are some, else the first candidate
 * of each side, else the manual guess for that side.
 */
export function formFromDiscovery(email: string, incoming: DiscoveredServer | undefined, outgoing: DiscoveredServer | undefined): SettingsForm {
  let form = manualForm(email);
  if (incoming !== undefined) form = withIncomingServer(form, incoming);
  if (outgoing !== undefined) form = withOutgoingServer(form, outgoing);
  return form;
}

/** The port follows a protocol/security change only while it still is the old default (the user's own port stays). */
function followPort(port: string, oldDefault: number, newDefault: number): string {
  return port.trim() === '' || port.trim() === String(oldDefault) ? String(newDefault) : port;
}

export function withIncomingProtocol(form: SettingsForm, protocol: IncomingProtocol): SettingsForm {
  const incoming = form.incoming;
  const port = followPort(incoming.port, defaultPort(incoming.protocol, incoming.security), defaultPort(protocol, incoming.security));
  const host = incoming.host.replace(protocol === 'pop3' ? /^imap\./ : /^pop3?\./, protocol === 'pop3' ? 'pop.' : 'imap.');
  return { ...form, incoming: { ...incoming, protocol, port, host } };
}

export function withSecurity(form: SettingsForm, side: 'incoming' | 'outgoing', security: EndpointSecurity): SettingsForm {
  if (side === 'incoming') {
    const incoming = form.incoming;
    const port = followPort(incoming.port, defaultPort(incoming.protocol, incoming.security), defaultPort(incoming.protocol, security));
    return { ...form, incoming: { ...incoming, security, port } };
  }
  const outgoing = form.outgoing;
  const port = followPort(outgoing.port, defaultPort('smtp', outgoing.security), defaultPort('smtp', security));
  return { ...form, outgoing: { ...outgoing, security, port } };
}

/** A message key (see strings.ts) for a field that cannot be sent as it is. */
export type FormProblem = 'wizard.error.required' | 'wizard.error.host' | 'wizard.error.port' | 'wizard.error.days' | 'wizard.error.address' | 'wizard.error.password';

export type FormProblems = Partial<Record<FieldName, FormProblem>>;

/** A host name or IP literal: no spaces, no scheme, no port. */
function isHost(host: string): boolean {
  return /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(host) && !host.startsWith('.') && !host.startsWith('-');
}

function parsePort(port: string): number | null {
  if (!/^\d{1,5}$/.test(port.trim())) return null;
  const value = Number(port.trim());
  return value >= 1 && value <= 65535 ? value : null;
}

function parseDays(days: string): number | null | undefined {
  if (days.trim() === '') return null;
  if (!/^\d{1,4}$/.test(days.trim())) return undefined;
  const value = Number(days.trim());
  return value >= 1 ? value : undefined;
}

export function identityProblems(identity: Identity): FormProblems {
  const problems: { [K in FieldName]?: FormProblem } = {};
  if (identity.email.trim() === '') problems.email = 'wizard.error.required';
  else if (!isPlausibleAddress(identity.email)) problems.email = 'wizard.error.address';
  return problems;
}

/**
 * Everything wrong with the settings before they are sent; empty when they can be tried.
 * `passwordSaved`: editing an account whose passwords are stored, where an empty field keeps them.
 */
export function settingsProblems(identity: Identity, form: SettingsForm, signedInWithOAuth: boolean, passwordSaved = false): FormProblems {
  const problems: { [K in FieldName]?: FormProblem } = { ...identityProblems(identity) };
  const passwordNeeded = !signedInWithOAuth && !passwordSaved;
  if (passwordNeeded && identity.password === '') problems.password = 'wizard.error.password';
  const sides = [
    ['incoming', form.incoming],
    ['outgoing', form.outgoing],
  ] as const;
  for (const [side, endpoint] of sides) {
    if (endpoint.host.trim() === '') problems[`${side}Host`] = 'wizard.error.required';
    else if (!isHost(endpoint.host.trim())) problems[`${side}Host`] = 'wizard.error.host';
    if (parsePort(endpoint.port) === null) problems[`${side}Port`] = 'wizard.error.port';
    if (endpoint.username.trim() === '') problems[`${side}Username`] = 'wizard.error.required';
  }
  if (form.separateOutgoingPassword && passwordNeeded && form.outgoingPassword === '') problems.outgoingPassword = 'wizard.error.password';
  if (form.incoming.protocol === 'pop3' && form.leaveOnServer && parseDays(form.deleteAfterDays) === undefined) problems.deleteAfterDays = 'wizard.error.days';
  return problems;
}

export interface BuildOptions {
  readonly pins: AccountPins;
  /** A finished browser sign-in: the account logs in with OAuth2 instead of a password. */
  readonly oauthGrantId: string | null;
}

export const NO_PINS: AccountPins = { incoming: null, outgoing: null };

function assertComplete(problems: FormProblems): void {
  const first = Object.entries(problems)[0];
  if (first !== undefined) throw new Error(`The account settings are not complete: ${first[0]} (${first[1]}).`);
}

/** The settings the form describes (checked before by settingsProblems). */
function settingsFromForm(identity: Identity, form: SettingsForm, pinsToUse: AccountPins): Omit<AccountSettings, 'caFile' | 'auth'> {
  const port = (text: string): number => parsePort(text) ?? 0;
  const pop3 =
    form.incoming.protocol === 'pop3'
      ? form.leaveOnServer
        ? { leaveOnServer: true, deleteAfterDays: parseDays(form.deleteAfterDays) ?? null, deleteWhenDeletedHere: form.deleteWhenDeletedHere }
        : { leaveOnServer: false, deleteAfterDays: null }
      : null;
  const pins = pinsToUse.incoming !== null || pinsToUse.outgoing !== null ? { pinnedSha256: pinsToUse } : {};
  return {
    name: identity.name.trim(),
    email: identity.email.trim(),
    incoming: {
      protocol: form.incoming.protocol,
      host: form.incoming.host.trim().toLowerCase(),
      port: port(form.incoming.port),
      security: form.incoming.security,
      username: form.incoming.username.trim(),
    },
    outgoing: { host: form.outgoing.host.trim().toLowerCase(), port: port(form.outgoing.port), security: form.outgoing.security, username: form.outgoing.username.trim() },
    pop3,
    ...pins,
  };
}

/** The contract's NewAccount from the form. Throws when settingsProblems() is not empty. */
export function buildNewAccount(identity: Identity, form: SettingsForm, options: BuildOptions): NewAccount {
  const oauth = options.oauthGrantId !== null;
  assertComplete(settingsProblems(identity, form, oauth));
  return {
    ...settingsFromForm(identity, form, options.pins),
    caFile: null,
    ...(oauth ? { auth: 'oauth2' as const, oauthGrantId: options.oauthGrantId } : {}),
    password: oauth ? '' : identity.password,
    outgoingPassword: !oauth && form.separateOutgoingPassword ? form.outgoingPassword : null,
  };
}

/**
 * The form filled from a saved account, for editing it. The passwords are not in the window
 * (they stay in the credential store), so their fields start empty: empty keeps the saved ones.
 */
export function formFromAccount(account: Account): SettingsForm {
  const endpoint = (e: Account['outgoing']): EndpointForm => ({ host: e.host, port: String(e.port), security: e.security, username: e.username });
  return {
    incoming: { ...endpoint(account.incoming), protocol: account.incoming.protocol },
    outgoing: endpoint(account.outgoing),
    separateOutgoingPassword: false,
    outgoingPassword: '',
    leaveOnServer: account.pop3?.leaveOnServer ?? true,
    deleteAfterDays: account.pop3?.deleteAfterDays != null ? String(account.pop3.deleteAfterDays) : '',
    deleteWhenDeletedHere: account.pop3?.deleteWhenDeletedHere ?? true,
  };
}

/**
 * updateAccount's argument from the edited form: every setting, what the form does not show
 * (the extra CA file, how the account signs in) as it was, and a password only where one was typed.
 */
export function buildAccountChanges(account: Account, identity: Identity, form: SettingsForm, pins: AccountPins): AccountChanges {
  const oauth = account.auth === 'oauth2';
  assertComplete(settingsProblems(identity, form, oauth, true));
  const outgoingPassword = !oauth && form.separateOutgoingPassword && form.outgoingPassword !== '' ? { outgoingPassword: form.outgoingPassword } : {};
  return {
    ...settingsFromForm(identity, form, pins),
    caFile: account.caFile,
    ...(account.auth !== undefined ? { auth: account.auth } : {}),
    ...(!oauth && identity.password !== '' ? { password: identity.password } : {}),
    ...outgoingPassword,
  };
}

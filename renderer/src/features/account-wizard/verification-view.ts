/**
 * The login check (AccountVerification) turned into what the wizard does next and what it says
 * beside which field: a wrong password points at the password, a certificate asks for trust,
 * an unreachable server sends the user back to its host and port.
 */
import type { AccountVerification, CertificateInfo, SideVerification, VerificationStatus } from '../../../../core/api/contract.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import type { FieldName } from './form.js';

export type Side = 'incoming' | 'outgoing';

/** What the user can do about one side's result. */
export type SideAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'password'; readonly field: 'password' | 'outgoingPassword' }
  | { readonly kind: 'certificate'; readonly certificate: CertificateInfo }
  | { readonly kind: 'settings'; readonly field: FieldName };

export const VERIFICATION_KEY: { readonly [S in VerificationStatus]: MessageKey } = {
  ok: 'wizard.verify.ok',
  'wrong-password': 'wizard.verify.wrong-password',
  tls: 'wizard.verify.tls',
  unreachable: 'wizard.verify.unreachable',
  timeout: 'wizard.verify.timeout',
  'auth-unsupported': 'wizard.verify.auth-unsupported',
  server: 'wizard.verify.server',
};

/**
 * The next step for one side. `separateOutgoingPassword`: the submission server has its own
 * password, so a refused outgoing login points at that field instead of the main one.
 */
export function sideAction(result: SideVerification, separateOutgoingPassword: boolean): SideAction {
  switch (result.status) {
    case 'ok':
      return { kind: 'none' };
    case 'wrong-password':
      return { kind: 'password', field: result.side === 'outgoing' && separateOutgoingPassword ? 'outgoingPassword' : 'password' };
    case 'tls':
      // A certificate to look at and pin; a TLS failure without one (no STARTTLS, handshake
      // refused) can only be fixed in the security setting.
      return result.certificate !== null ? { kind: 'certificate', certificate: result.certificate } : { kind: 'settings', field: `${result.side}Security` };
    case 'unreachable':
    case 'timeout':
      return { kind: 'settings', field: `${result.side}Host` };
    case 'auth-unsupported':
      return { kind: 'settings', field: `${result.side}Username` };
    case 'server':
      return { kind: 'settings', field: `${result.side}Host` };
  }
}

/** A translated sentence plus the service's own sentence (it names the host and the reply). */
export interface FieldMessage {
  readonly key: MessageKey;
  readonly detail: string;
}

/** Messages to show beside the settings fields when the user goes back from a failed check. */
export function fieldMessages(verification: AccountVerification, separateOutgoingPassword: boolean): Partial<Record<FieldName, FieldMessage>> {
  const messages: { [K in FieldName]?: FieldMessage } = {};
  for (const result of [verification.incoming, verification.outgoing]) {
    const action = sideAction(result, separateOutgoingPassword);
    const field = action.kind === 'password' || action.kind === 'settings' ? action.field : action.kind === 'certificate' ? (`${result.side}Security` as const) : null;
    if (field !== null && messages[field] === undefined) messages[field] = { key: VERIFICATION_KEY[result.status], detail: result.message };
  }
  return messages;
}

/** Reads addAccount's 'account-verification-failed' details (plain JSON from the host) back into the type, or null. */
export function verificationFromDetails(details: unknown): AccountVerification | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = details as Record<string, unknown>;
  const side = (v: unknown, name: Side): v is SideVerification =>
    typeof v === 'object' && v !== null && (v as Record<string, unknown>)['side'] === name && typeof (v as Record<string, unknown>)['status'] === 'string' && typeof (v as Record<string, unknown>)['message'] === 'string';
  if (typeof value['ok'] !== 'boolean' || !side(value['incoming'], 'incoming') || !side(value['outgoing'], 'outgoing')) return null;
  const normalise = (s: SideVerification): SideVerification => ({
    ...s,
    status: s.status in VERIFICATION_KEY ? s.status : 'server',
    certificate: isCertificate(s.certificate) ? s.certificate : null,
  });
  return { ok: value['ok'], incoming: normalise(value['incoming']), outgoing: normalise(value['outgoing']) };
}

function isCertificate(value: unknown): value is CertificateInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['subject', 'issuer', 'validFrom', 'validTo', 'sha256Fingerprint'].every((k) => typeof v[k] === 'string') && Array.isArray(v['altNames']);
}

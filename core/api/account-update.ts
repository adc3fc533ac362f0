/**
 * The pure half of updateAccount: which settings an account has after a change. Secrets are not
 * here (they go to the CredentialStore in mail-service.ts); this decides what the account file
 * holds, above all which certificate pins survive.
 */
import type { Account, AccountChanges, AccountPins, AccountSettings } from './contract.js';
import { ApiError } from './errors.js';

type SettingsChange = Omit<AccountChanges, 'password' | 'outgoingPassword' | 'verify'>;

/**
 * A pin is the user's "trust this exact certificate" for one server (see AccountSettings.pinnedSha256).
 * It means nothing for another host, so the old pin of a side whose host changed is dropped; a
 * pin the change itself brings (the user accepted the new server's certificate) is kept.
 */
function pinsAfter(current: Account, next: SettingsChange): AccountPins | undefined {
  const before: AccountPins = current.pinnedSha256 ?? { incoming: null, outgoing: null };
  const asked: AccountPins = next.pinnedSha256 ?? before;
  const side = (name: keyof AccountPins, oldHost: string, newHost: string): string | null => {
    const pin = asked[name];
    return oldHost.toLowerCase() !== newHost.toLowerCase() && pin === before[name] ? null : pin;
  };
  const pins: AccountPins = {
    incoming: side('incoming', current.incoming.host, next.incoming.host),
    outgoing: side('outgoing', current.outgoing.host, next.outgoing.host),
  };
  return pins.incoming === null && pins.outgoing === null ? undefined : pins;
}

/**
 * The account as it is stored after `change`. The id and the way it logs in stay: switching
 * between a password and a browser sign-in, or between IMAP and POP3 (whose local copies are
 * kept differently), is removing the account and adding it again.
 */
export function updatedAccount(current: Account, change: SettingsChange): Account {
  if (change.auth !== undefined && change.auth !== (current.auth ?? 'password')) {
    throw new ApiError('invalid-arguments', 'The way an account signs in cannot be changed; remove the account and add it again.');
  }
  if (change.incoming.protocol !== current.incoming.protocol) {
    throw new ApiError('invalid-arguments', `This account uses ${current.incoming.protocol.toUpperCase()}; to switch to ${change.incoming.protocol.toUpperCase()}, remove the account and add it again.`);
  }
  const pins = pinsAfter(current, change);
  const settings: AccountSettings = {
    name: change.name,
    email: change.email,
    incoming: { ...change.incoming },
    outgoing: { ...change.outgoing },
    pop3: change.pop3 === null ? null : { ...change.pop3 },
    caFile: change.caFile,
    ...(pins !== undefined ? { pinnedSha256: pins } : {}),
    ...(current.auth !== undefined ? { auth: current.auth } : {}),
  };
  return { id: current.id, ...settings };
}

/**
 * Runs inside a throwaway D-Bus session with gnome-keyring (started by keytar-store.test.ts):
 * `write` stores secrets through the real keytar store, `read` (a separate process) reads and
 * deletes them, so the secrets provably went through the Secret Service, not process memory.
 * Prints one JSON object of observations.
 */
import { createKeytarStore } from '../../../../core/accounts/keytar-store.js';
import { MailError } from '../../../../core/net/mail-error.js';

const service = process.env['TEGAMI_TEST_KEYCHAIN_SERVICE'] ?? 'tegami-test';
const secret = process.env['TEGAMI_TEST_SECRET'] ?? '';
const mode = process.argv[2];
const store = await createKeytarStore(service);
const out: Record<string, unknown> = {};

if (mode === 'write') {
  out['available'] = await store.isAvailable();
  out['missingBefore'] = (await store.get('account-1', 'incoming-password')) ?? null;
  await store.set('account-1', 'incoming-password', 'first value');
  await store.set('account-1', 'incoming-password', secret);
  await store.set('account-1', 'outgoing-password', 'outgoing 送信');
  await store.set('account:2', 'oauth2-refresh-token', 'token for a colon id');
  out['readBack'] = await store.get('account-1', 'incoming-password');
  try {
    await store.set('account-1', 'incoming-password', '');
    out['emptyRefused'] = false;
  } catch (error) {
    out['emptyRefused'] = error instanceof MailError && error.code === 'invalid-argument';
  }
} else if (mode === 'read') {
  out['incoming'] = await store.get('account-1', 'incoming-password');
  out['outgoing'] = await store.get('account-1', 'outgoing-password');
  out['colon'] = await store.get('account:2', 'oauth2-refresh-token');
  out['otherAccount'] = (await store.get('account-3', 'incoming-password')) ?? null;
  out['deleted'] = await store.delete('account-1', 'incoming-password');
  out['afterDelete'] = (await store.get('account-1', 'incoming-password')) ?? null;
  out['deletedAgain'] = await store.delete('account-1', 'incoming-password');
  out['outgoingStill'] = await store.get('account-1', 'outgoing-password');
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
process.stdout.write(`${JSON.stringify(out)}\n`);

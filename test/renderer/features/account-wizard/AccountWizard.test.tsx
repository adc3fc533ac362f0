import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncProgress } from '../../../../core/api/contract.js';
import { BridgeError } from '../../../../renderer/src/bridge/errors.js';
import { addedAccount, fakeApi, verificationFailed, type FakeApi } from './fake-api.js';
import { gmailDiscovery, guessDiscovery, nothingDiscovery, side, stackCertificate, verification } from './fixtures.js';
import { button, cleanup, click, emit, field, fields, hasButton, key, renderWizard, settle, type } from './harness.js';

afterEach(cleanup);

function fillIdentity(view: HTMLElement, email = 'alice@tegami.test', password = 'secret'): void {
  type(field(view, 'Your name'), 'Alice Liddell');
  type(field(view, 'E-mail address'), email);
  type(field(view, 'Password'), password);
}

/** Identity → lookup answered with `discovery` → settings. */
async function toSettings(fake: FakeApi, view: HTMLElement, discovery = guessDiscovery, email = discovery.address): Promise<void> {
  fillIdentity(view, email);
  click(button(view, 'Continue'));
  fake.callsOf('discoverSettings')[0]!.answer.resolve(discovery);
  await settle();
  click(button(view, discovery.chosen !== null ? 'Continue' : 'Enter the settings by hand'));
}

const progress = (overrides: Partial<SyncProgress>): SyncProgress => ({
  accountId: 'acct-1',
  phase: 'messages',
  folder: 'INBOX',
  foldersDone: 1,
  foldersTotal: 3,
  messagesDone: 25,
  messagesTotal: 100,
  bytes: 4096,
  error: null,
  ...overrides,
});

describe('AccountWizard: guess path', () => {
  it('looks the settings up with visible steps, adds the account and follows the first sync', async () => {
    const fake = fakeApi();
    const { view, added } = renderWizard(fake);
    expect(view.querySelector('[role="dialog"]')?.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(field(view, 'Your name'));

    fillIdentity(view);
    click(button(view, 'Continue'));
    expect(fake.callsOf('discoverSettings')[0]?.args).toEqual([{ address: 'alice@tegami.test', password: 'secret' }]);

    // The one request is out: every step pending, "looking up…".
    const pending = [...view.querySelectorAll('.wizard-lookup-step')];
    expect(pending.map((li) => li.getAttribute('data-status'))).toEqual(Array(6).fill('pending'));
    expect(pending.map((li) => li.querySelector('.wizard-step-name')?.textContent)).toEqual([
      'Provider database',
      'Autoconfig',
      'Autoconfig (well-known address)',
      'Mail servers of the domain (MX)',
      'Service records (SRV)',
      'Guessing common server names',
    ]);
    expect(view.textContent).toContain('looking up…');
    expect(view.textContent).toContain('Looking up the settings for tegami.test…');

    fake.callsOf('discoverSettings')[0]!.answer.resolve(guessDiscovery);
    await settle();
    const steps = [...view.querySelectorAll('.wizard-lookup-step')];
    expect(steps.map((li) => li.getAttribute('data-status'))).toEqual(['nothing', 'failed', 'failed', 'nothing', 'timeout', 'found']);
    expect(steps[4]?.textContent).toContain('timed out');
    expect(steps[4]?.textContent).toContain('3 s');
    expect(steps[5]?.textContent).toContain('found');
    expect(steps[5]?.textContent).toContain('imap.tegami.test, pop.tegami.test');
    expect(steps[5]?.textContent).toContain('2.4 s');
    expect(view.textContent).toContain('Settings found for tegami.test.');

    click(button(view, 'Continue'));
    const [incomingHost, outgoingHost] = fields(view, 'Server');
    expect(incomingHost?.value).toBe('imap.tegami.test');
    expect(outgoingHost?.value).toBe('smtp.tegami.test');
    expect(fields(view, 'Port').map((p) => p.value)).toEqual(['993', '465']);
    expect(view.textContent).toContain('guessed (probed imap.tegami.test:993 (tls, TLSv1.3))');
    expect(view.textContent).not.toContain('Sign in with');

    // Another candidate fills the fields.
    const starttls = [...view.querySelectorAll<HTMLLabelElement>('.wizard-candidate')].find((l) => l.textContent?.includes('SMTP smtp.tegami.test:587 (STARTTLS)'));
    click(starttls!.querySelector('input')!);
    expect(fields(view, 'Port')[1]?.value).toBe('587');
    expect(fields(view, 'Security')[1]?.value).toBe('starttls');

    click(button(view, 'Check and add the account'));
    const add = fake.callsOf('addAccount')[0]!;
    expect(add.args[0]).toEqual({
      name: 'Alice Liddell',
      email: 'alice@tegami.test',
      incoming: { protocol: 'imap', host: 'imap.tegami.test', port: 993, security: 'tls', username: 'alice@tegami.test' },
      outgoing: { host: 'smtp.tegami.test', port: 587, security: 'starttls', username: 'alice@tegami.test' },
      pop3: null,
      caFile: null,
      password: 'secret',
      outgoingPassword: null,
    });
    expect(view.textContent).toContain('Logging in to your servers…');
    expect(view.textContent).toContain('Incoming server imap.tegami.test:993: checking…');

    // Sync starts as soon as the account is saved, possibly before addAccount's answer arrives.
    emit(fake, { type: 'sync-progress', progress: progress({ phase: 'connecting', foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0 }) });
    add.answer.resolve(addedAccount('acct-1', 'alice@tegami.test'));
    await settle();
    expect(view.textContent).toContain('The account alice@tegami.test was added.');
    expect(view.textContent).toContain('Connecting…');

    emit(fake, { type: 'sync-progress', progress: progress({ accountId: 'other-account', messagesDone: 99 }) });
    emit(fake, { type: 'sync-progress', progress: progress({}) });
    await settle();
    const bar = view.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('25');
    expect(view.textContent).toContain('Folders: 1 of 3');
    expect(view.textContent).toContain('Messages: 25 of 100');
    expect(view.textContent).toContain('Downloading messages…');

    emit(fake, { type: 'sync-progress', progress: progress({ folder: 'Sent', foldersDone: 2, messagesDone: 4, messagesTotal: 4 }) });
    emit(fake, { type: 'sync-progress', progress: progress({ phase: 'done', folder: null, foldersDone: 3, messagesDone: 0, messagesTotal: 0 }) });
    await settle();
    expect(bar?.getAttribute('aria-valuenow')).toBe('100');
    expect(view.querySelector('[data-sync-state]')?.getAttribute('data-sync-state')).toBe('done');
    expect(view.textContent).toContain('First sync finished.');
    expect(view.textContent).toContain('Up to date.');
    expect(view.textContent).toContain('Folders: 3 of 3');
    expect(view.textContent).toContain('Messages downloaded: 29');
    expect(view.textContent).not.toContain('Messages: ');
    // New mail wakes the background sync later: the finished first sync stays finished.
    emit(fake, { type: 'sync-progress', progress: progress({ phase: 'connecting', folder: null }) });
    await settle();
    expect(view.textContent).toContain('First sync finished.');
    click(button(view, 'Done'));
    expect(added.map((a) => a.id)).toEqual(['acct-1']);
  });
});

describe('AccountWizard: manual path', () => {
  it('skips the lookup and prefills every field from the address', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    fillIdentity(view, 'ken@nowhere.example', 'pw');
    click(button(view, 'Set up manually'));
    expect(fake.callsOf('discoverSettings')).toHaveLength(0);
    expect(view.textContent).toContain('The fields are filled with the usual guesses for nowhere.example.');
    expect(fields(view, 'Server').map((f) => f.value)).toEqual(['imap.nowhere.example', 'smtp.nowhere.example']);
    expect(fields(view, 'User name').map((f) => f.value)).toEqual(['ken@nowhere.example', 'ken@nowhere.example']);
    expect(view.querySelectorAll('.wizard-candidate')).toHaveLength(0);

    type(field(view, 'Protocol'), 'pop3');
    expect(fields(view, 'Server')[0]?.value).toBe('pop.nowhere.example');
    expect(fields(view, 'Port')[0]?.value).toBe('995');
    type(field(view, 'Delete from the server after this many days (empty: never)'), '30');

    type(fields(view, 'Security')[1]!, 'none');
    expect(view.textContent).toContain('Without encryption your password and your mail cross the network');
    expect(fields(view, 'Port')[1]?.value).toBe('587');

    click(view.querySelector<HTMLInputElement>('.wizard-side[data-side="outgoing"] input[type="checkbox"]')!);
    type(field(view, 'Password for sending'), 'send-pw');

    // A bad port is named beside its field and nothing is sent.
    type(fields(view, 'Port')[0]!, '99999');
    click(button(view, 'Check and add the account'));
    expect(fake.callsOf('addAccount')).toHaveLength(0);
    expect(view.textContent).toContain('Enter a port number from 1 to 65535.');
    expect(document.activeElement).toBe(fields(view, 'Port')[0]);
    type(fields(view, 'Port')[0]!, '995');

    click(button(view, 'Check and add the account'));
    expect(fake.callsOf('addAccount')[0]?.args[0]).toMatchObject({
      incoming: { protocol: 'pop3', host: 'pop.nowhere.example', port: 995, security: 'tls' },
      outgoing: { host: 'smtp.nowhere.example', port: 587, security: 'none' },
      pop3: { leaveOnServer: true, deleteAfterDays: 30 },
      password: 'pw',
      outgoingPassword: 'send-pw',
    });
  });

  it('goes to hand entry when the lookup found nothing', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view, nothingDiscovery);
    expect(fields(view, 'Server').map((f) => f.value)).toEqual(['imap.nowhere.example', 'smtp.nowhere.example']);
  });

  it('refuses to look up an address that is not one', () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    type(field(view, 'E-mail address'), 'alice at tegami');
    click(button(view, 'Continue'));
    expect(fake.calls).toHaveLength(0);
    expect(view.textContent).toContain('Enter an address such as name@example.com.');
  });
});

describe('AccountWizard: failed login checks', () => {
  it('asks for the password again when the server refuses it', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view);
    click(button(view, 'Check and add the account'));
    fake.callsOf('addAccount')[0]!.answer.reject(verificationFailed(JSON.parse(JSON.stringify(verification(side('incoming', 'wrong-password'), side('outgoing', 'ok'))))));
    await settle();

    const results = [...view.querySelectorAll('.wizard-side-result')];
    expect(results.map((r) => r.getAttribute('data-status'))).toEqual(['wrong-password', 'ok']);
    expect(results[0]?.textContent).toContain('The server refused the user name or password.');
    expect(results[0]?.textContent).toContain('AUTHENTICATIONFAILED');
    expect(results[1]?.textContent).toContain('Login works.');
    const password = field(view, 'Password');
    expect(document.activeElement).toBe(password);

    type(password, 'the-right-one');
    click(button(view, 'Try again'));
    expect(fake.callsOf('addAccount')[1]?.args[0]).toMatchObject({ password: 'the-right-one' });
  });

  it('shows the certificate and resubmits with its pin once the user trusts it', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view);
    click(button(view, 'Check and add the account'));
    fake.callsOf('addAccount')[0]!.answer.reject(verificationFailed(verification(side('incoming', 'tls', { certificate: stackCertificate }), side('outgoing', 'ok'))));
    await settle();

    const certificate = view.querySelector('.wizard-certificate');
    expect(certificate?.textContent).toContain('The certificate of imap.tegami.test:993 could not be verified');
    expect(certificate?.textContent).toContain('CN=imap.tegami.test');
    expect(certificate?.textContent).toContain('CN=Tegami Test CA');
    expect(certificate?.textContent).toContain('imap.tegami.test, smtp.tegami.test');
    expect(certificate?.textContent).toContain(stackCertificate.sha256Fingerprint);
    expect(certificate?.textContent).toContain('2027');

    const accept = button(view, 'Trust and try again');
    expect(accept.disabled).toBe(true);
    click(accept);
    expect(fake.callsOf('addAccount')).toHaveLength(1);
    click(field(view, 'I trust this certificate for this account') as HTMLInputElement);
    expect(accept.disabled).toBe(false);
    click(accept);
    expect(fake.callsOf('addAccount')[1]?.args[0].pinnedSha256).toEqual({ incoming: stackCertificate.sha256Fingerprint, outgoing: null });

    fake.callsOf('addAccount')[1]!.answer.resolve(addedAccount('acct-2', 'alice@tegami.test'));
    await settle();
    expect(view.textContent).toContain('The account alice@tegami.test was added.');
  });

  it('sends an unreachable server back to its host field with the reason beside it', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view);
    click(button(view, 'Check and add the account'));
    fake.callsOf('addAccount')[0]!.answer.reject(verificationFailed(verification(side('incoming', 'ok'), side('outgoing', 'unreachable', { server: 'smtp.tegami.test:465', message: 'Could not connect to smtp.tegami.test:465 (ECONNREFUSED).' }))));
    await settle();
    expect(view.textContent).toContain('The server could not be reached.');
    click(button(view, 'Back to the settings'));
    const outgoingHost = fields(view, 'Server')[1];
    expect(document.activeElement).toBe(outgoingHost);
    expect(view.textContent).toContain('Could not connect to smtp.tegami.test:465 (ECONNREFUSED).');
  });

  it('says what went wrong when adding fails for another reason', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view);
    click(button(view, 'Check and add the account'));
    fake.callsOf('addAccount')[0]!.answer.reject(new BridgeError('credential-store-unavailable', 'No keychain is reachable.'));
    await settle();
    expect(view.textContent).toContain('The account could not be added: The password cannot be read from the keychain (No keychain is reachable.)');
    expect(hasButton(view, 'Try again')).toBe(true);
  });
});

describe('AccountWizard: OAuth2', () => {
  it('offers the browser sign-in only where a server takes OAuth2', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view, guessDiscovery);
    expect(view.textContent).not.toContain('in your browser');
    cleanup();

    const gmail = fakeApi();
    const second = renderWizard(gmail);
    await toSettings(gmail, second.view, gmailDiscovery);
    expect(second.view.textContent).toContain('from the provider database (google.com)');
    expect(hasButton(second.view, 'Sign in with Google in your browser')).toBe(true);
  });

  it('explains when the host has no browser for it', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view, gmailDiscovery);
    click(button(view, 'Sign in with Google in your browser'));
    expect(fake.callsOf('startOAuthSignIn')[0]?.args).toEqual([{ address: 'taro@gmail.com' }]);
    expect(view.textContent).toContain('Finish the sign-in in your browser…');
    fake.callsOf('startOAuthSignIn')[0]!.answer.reject(new BridgeError('oauth-needs-browser', 'This host cannot open a browser.'));
    await settle();
    expect(view.textContent).toContain('needs the Tegami desktop app');
    expect(view.textContent).toContain('app password');
  });

  it('adds the account with the grant instead of a password', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view, gmailDiscovery);
    click(button(view, 'Sign in with Google in your browser'));
    fake.callsOf('startOAuthSignIn')[0]!.answer.resolve({ grantId: 'grant-42', address: 'taro@gmail.com', provider: 'google' });
    await settle();
    expect(view.textContent).toContain('Signed in with Google as taro@gmail.com.');
    expect(fields(view, 'Password')).toHaveLength(0);
    click(button(view, 'Check and add the account'));
    expect(fake.callsOf('addAccount')[0]?.args[0]).toMatchObject({ auth: 'oauth2', oauthGrantId: 'grant-42', password: '', outgoingPassword: null });
  });
});

describe('AccountWizard: dialog behaviour', () => {
  it('closes on Escape at once when nothing was typed', () => {
    const fake = fakeApi();
    const { closed } = renderWizard(fake);
    key('Escape');
    expect(closed()).toBe(1);
  });

  it('asks before discarding what was typed', () => {
    const fake = fakeApi();
    const { view, closed } = renderWizard(fake);
    type(field(view, 'Your name'), 'Alice');
    key('Escape');
    expect(closed()).toBe(0);
    expect(view.querySelector('[role="alertdialog"]')?.textContent).toContain('Discard what you entered and close the wizard?');
    key('Escape');
    expect(view.querySelector('[role="alertdialog"]')).toBeNull();
    key('Escape');
    click(button(view, 'Discard'));
    expect(closed()).toBe(1);
  });

  it('keeps Tab inside the dialog', () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    const last = button(view, 'Continue');
    last.focus();
    key('Tab');
    expect(document.activeElement).toBe(field(view, 'Your name'));
    key('Tab', { shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('keeps Tab on the question while it asks', () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    type(field(view, 'Your name'), 'Alice');
    key('Escape');
    const keep = button(view, 'Keep editing');
    expect(document.activeElement).toBe(keep);
    key('Tab');
    expect(document.activeElement).toBe(button(view, 'Discard'));
    key('Tab', { shiftKey: true });
    expect(document.activeElement).toBe(keep);
  });

  it('shows and hides the password on request', () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    const password = field(view, 'Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    const toggle = button(view, 'Show password');
    click(toggle);
    expect(password.type).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    click(button(view, 'Hide password'));
    expect(password.type).toBe('password');
  });

  it('opens provider notes through the host, and in the page when the host cannot', async () => {
    const fake = fakeApi();
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const { view } = renderWizard(fake);
    fillIdentity(view, 'taro@gmail.com');
    click(button(view, 'Continue'));
    fake.callsOf('discoverSettings')[0]!.answer.resolve(gmailDiscovery);
    await settle();
    expect(view.textContent).toContain('Turn on 2-Step Verification');
    click(view.querySelector<HTMLAnchorElement>('.wizard-notes a')!);
    expect(fake.callsOf('openExternal')[0]?.args).toEqual(['https://support.google.com/mail/answer/185833']);
    fake.callsOf('openExternal')[0]!.answer.resolve({ status: 'unsupported' });
    await settle();
    expect(open).toHaveBeenCalledWith('https://support.google.com/mail/answer/185833', '_blank', 'noopener,noreferrer');
    open.mockRestore();
  });

  it('says at once how the password fared when the lookup already tried it', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    fillIdentity(view);
    click(button(view, 'Continue'));
    fake.callsOf('discoverSettings')[0]!.answer.resolve({ ...guessDiscovery, verification: verification(side('incoming', 'wrong-password'), side('outgoing', 'ok')) });
    await settle();
    const results = [...view.querySelectorAll('.wizard-side-result')];
    expect(results.map((r) => r.textContent)).toEqual([
      '✕ Incoming server imap.tegami.test:993: The server refused the user name or password.',
      '✓ Outgoing server smtp.tegami.test:465: Login works.',
    ]);
  });

  it('offers a retry when the lookup itself fails', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    fillIdentity(view);
    click(button(view, 'Continue'));
    fake.callsOf('discoverSettings')[0]!.answer.reject(new BridgeError('disconnected', 'The connection to Tegami was closed.'));
    await settle();
    expect(view.textContent).toContain('The lookup failed: The connection to the Tegami service was lost (The connection to Tegami was closed.)');
    click(button(view, 'Try again'));
    expect(fake.callsOf('discoverSettings')).toHaveLength(2);
  });

  it('speaks Japanese', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake, 'ja');
    type(field(view, 'メールアドレス'), 'alice@tegami.test');
    click(button(view, '続ける'));
    expect(view.textContent).toContain('検索中…');
    fake.callsOf('discoverSettings')[0]!.answer.resolve(guessDiscovery);
    await settle();
    expect(view.textContent).toContain('一般的なサーバー名の推測');
    expect(view.textContent).toContain('タイムアウト');
  });

  it("follows the new account's first sync from before addAccount answers, however busy the other accounts are", async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake);
    await toSettings(fake, view);
    click(button(view, 'Check and add the account'));
    emit(fake, { type: 'sync-progress', progress: progress({ accountId: 'acct-4', phase: 'folders', folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0 }) });
    emit(fake, { type: 'sync-progress', progress: progress({ accountId: 'acct-4', folder: 'INBOX', foldersDone: 0, foldersTotal: 2, messagesDone: 10, messagesTotal: 30 }) });
    // An existing account's sync reports many messages meanwhile.
    for (let i = 0; i < 150; i++) emit(fake, { type: 'sync-progress', progress: progress({ accountId: 'busy-account', messagesDone: i, messagesTotal: 150 }) });
    fake.callsOf('addAccount')[0]!.answer.resolve(addedAccount('acct-4', 'alice@tegami.test'));
    await settle();
    expect(view.querySelector('[data-sync-state]')?.getAttribute('data-sync-state')).toBe('running');
    expect(view.textContent).toContain('Downloading messages… INBOX');
    expect(view.textContent).toContain('Folders: 0 of 2');
    expect(view.textContent).toContain('Messages: 10 of 30');
  });

  it('ends a finished first sync in Japanese', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake, 'ja');
    type(field(view, 'メールアドレス'), 'alice@tegami.test');
    type(field(view, 'パスワード'), 'secret');
    click(button(view, '続ける'));
    fake.callsOf('discoverSettings')[0]!.answer.resolve(guessDiscovery);
    await settle();
    click(button(view, '続ける'));
    click(button(view, '確認してアカウントを追加'));
    fake.callsOf('addAccount')[0]!.answer.resolve(addedAccount('acct-5', 'alice@tegami.test'));
    await settle();
    emit(fake, { type: 'sync-progress', progress: progress({ accountId: 'acct-5', folder: 'INBOX', foldersDone: 0, foldersTotal: 1, messagesDone: 1234, messagesTotal: 1234 }) });
    emit(fake, { type: 'sync-progress', progress: progress({ accountId: 'acct-5', phase: 'done', folder: null, foldersDone: 1, foldersTotal: 1, messagesDone: 0, messagesTotal: 0 }) });
    await settle();
    expect(view.textContent).toContain('初回同期が完了しました。');
    expect(view.textContent).toContain('ダウンロードしたメッセージ: 1,234 通');
  });

  it('shows a failed first sync and still lets the user finish', async () => {
    const fake = fakeApi();
    const { view, added } = renderWizard(fake);
    await toSettings(fake, view);
    click(button(view, 'Check and add the account'));
    fake.callsOf('addAccount')[0]!.answer.resolve(addedAccount('acct-3', 'alice@tegami.test'));
    await settle();
    expect(view.textContent).toContain('Starting…');
    emit(fake, { type: 'sync-progress', progress: progress({ accountId: 'acct-3', phase: 'failed', error: { code: 'connection-reset', message: 'The server closed the connection.' } }) });
    expect(view.textContent).toContain('The first sync stopped.');
    expect(view.textContent).toContain('The server closed the connection.');
    key('Escape');
    expect(added.map((a) => a.id)).toEqual(['acct-3']);
  });
});

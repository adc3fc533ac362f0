import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../../core/api/contract.js';
import { addedAccount, fakeApi, verificationFailed } from './fake-api.js';
import { side, stackCertificate, verification } from './fixtures.js';
import { button, cleanup, click, field, fields, hasButton, key, renderWizard, settle, type } from './harness.js';

afterEach(cleanup);

const PIN = 'AB:'.repeat(31) + 'AB';

const saved: Account = {
  ...addedAccount('acct-1', 'alice@tegami.test'),
  caFile: '/etc/tegami/ca.pem',
  pinnedSha256: { incoming: PIN, outgoing: null },
};

describe('AccountWizard: editing a saved account', () => {
  it('opens on the saved settings with empty password fields that keep the saved passwords', async () => {
    const fake = fakeApi();
    const { view, saved: done } = renderWizard(fake, 'en', saved);
    expect(view.querySelector('[role="dialog"] h2')?.textContent).toBe('Account settings');
    expect(view.textContent).toContain('Step 1 of 2: Server settings');
    expect(field(view, 'Your name').value).toBe('Alice Liddell');
    expect(field(view, 'E-mail address').value).toBe('alice@tegami.test');
    expect(fields(view, 'Server').map((f) => f.value)).toEqual(['imap.tegami.test', 'smtp.tegami.test']);
    expect(fields(view, 'Port').map((f) => f.value)).toEqual(['993', '465']);
    expect(field(view, 'Password').value).toBe('');
    expect(view.textContent).toContain('Leave it empty to keep the saved password.');
    // The local copy is kept per protocol: switching is removing and adding again.
    expect((field(view, 'Protocol') as HTMLSelectElement).disabled).toBe(true);

    type(field(view, 'Your name'), 'Alice L.');
    click(button(view, 'Check and save'));
    const [call] = fake.callsOf('updateAccount');
    expect(call?.args[0]).toBe('acct-1');
    const changes = call!.args[1];
    expect(changes).toMatchObject({ name: 'Alice L.', email: 'alice@tegami.test', caFile: '/etc/tegami/ca.pem', pinnedSha256: { incoming: PIN, outgoing: null } });
    expect(changes).not.toHaveProperty('password');
    expect(changes).not.toHaveProperty('outgoingPassword');
    expect(fake.callsOf('addAccount')).toHaveLength(0);
    expect(view.textContent).toContain('Step 2 of 2: Checking the login');

    const updated = { ...saved, name: 'Alice L.' };
    call!.answer.resolve(updated);
    await settle();
    expect(done).toEqual([updated]);
  });

  it('sends a typed password, and a refused one asks for it again', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake, 'en', saved);
    type(field(view, 'Password'), 'changed-on-the-server');
    click(button(view, 'Check and save'));
    expect(fake.callsOf('updateAccount')[0]?.args[1]).toMatchObject({ password: 'changed-on-the-server' });
    fake.callsOf('updateAccount')[0]!.answer.reject(verificationFailed(JSON.parse(JSON.stringify(verification(side('incoming', 'wrong-password'), side('outgoing', 'ok'))))));
    await settle();
    expect(view.textContent).toContain('The server refused the user name or password.');
    const password = field(view, 'Password');
    expect(document.activeElement).toBe(password);
    type(password, 'the-right-one');
    click(button(view, 'Try again'));
    expect(fake.callsOf('updateAccount')[1]?.args[1]).toMatchObject({ password: 'the-right-one' });
  });

  it('drops the pin of a server whose host changes, and pins the new certificate once trusted', async () => {
    const fake = fakeApi();
    const { view } = renderWizard(fake, 'en', saved);
    type(fields(view, 'Server')[0]!, 'mail.tegami.test');
    click(button(view, 'Check and save'));
    expect(fake.callsOf('updateAccount')[0]?.args[1]).not.toHaveProperty('pinnedSha256');
    fake.callsOf('updateAccount')[0]!.answer.reject(verificationFailed(verification(side('incoming', 'tls', { certificate: stackCertificate }), side('outgoing', 'ok'))));
    await settle();
    click(field(view, 'I trust this certificate for this account') as HTMLInputElement);
    click(button(view, 'Trust and try again'));
    expect(fake.callsOf('updateAccount')[1]?.args[1]).toMatchObject({ incoming: { host: 'mail.tegami.test' }, pinnedSha256: { incoming: stackCertificate.sha256Fingerprint, outgoing: null } });
  });

  it('closes at once when nothing changed, asks first when something did, and Cancel is the way out', () => {
    const fake = fakeApi();
    const first = renderWizard(fake, 'en', saved);
    click(button(first.view, 'Cancel'));
    expect(first.closed()).toBe(1);
    cleanup();

    const second = renderWizard(fake, 'en', saved);
    type(fields(second.view, 'Port')[1]!, '587');
    key('Escape');
    expect(second.closed()).toBe(0);
    expect(hasButton(second.view, 'Discard')).toBe(true);
  });

  it('speaks Japanese', () => {
    const { view } = renderWizard(fakeApi(), 'ja', saved);
    expect(view.querySelector('[role="dialog"] h2')?.textContent).toBe('アカウントの設定');
    expect(hasButton(view, '確認して保存')).toBe(true);
    expect(view.textContent).toContain('保存済みのパスワード');
  });
});

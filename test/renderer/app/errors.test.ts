import { describe, expect, it } from 'vitest';
import { errorSummaryKey, errorText } from '../../../renderer/src/app/errors.js';
import { BridgeError } from '../../../renderer/src/bridge/errors.js';
import { translator } from '../../../renderer/src/i18n/catalogs.js';

describe('errorText', () => {
  const en = translator('en');
  const ja = translator('ja');

  it('says what happened in the window language, the service message kept for the details', () => {
    const refused = new BridgeError('auth-failed', 'imap.example.com said: NO [AUTHENTICATIONFAILED] Authentication failed.');
    expect(errorText(refused, en)).toBe('The server refused the user name or password (imap.example.com said: NO [AUTHENTICATIONFAILED] Authentication failed.)');
    expect(errorText(refused, ja)).toBe('ユーザー名またはパスワードが拒否されました (imap.example.com said: NO [AUTHENTICATIONFAILED] Authentication failed.)');
    expect(errorText({ code: 'message-too-large', message: '552 5.3.4 Message size exceeds fixed limit' }, ja)).toBe(
      'メッセージがサーバーの受け付けるサイズを超えています (552 5.3.4 Message size exceeds fixed limit)',
    );
  });

  it('shows the message alone for a code without a summary, and the summary alone without a message', () => {
    expect(errorText(new BridgeError('protocol-error', 'Unexpected reply'), ja)).toBe('Unexpected reply');
    expect(errorText(new Error('plain failure'), en)).toBe('plain failure');
    expect(errorText(new BridgeError('disconnected', ''), ja)).toBe('Tegami のサービスとの接続が切れました');
  });

  it('knows the codes a user meets when the server cannot be reached or refuses', () => {
    for (const code of ['connect-failed', 'dns-failed', 'greeting-timeout', 'certificate-untrusted', 'over-quota', 'relay-denied', 'mailbox-not-found', 'not-found']) {
      expect(errorSummaryKey(code), code).not.toBeNull();
    }
    expect(errorSummaryKey('something-new')).toBeNull();
  });
});

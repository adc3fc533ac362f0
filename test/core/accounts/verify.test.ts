import { describe, expect, it } from 'vitest';
import { classifyFailure, verifyLogin } from '../../../core/accounts/verify.js';
import type { MailErrorCode } from '../../../core/net/mail-error.js';

describe('login verification', () => {
  it.each<[MailErrorCode, string]>([
    ['auth-failed', 'wrong-password'],
    ['certificate-untrusted', 'tls'],
    ['certificate-hostname', 'tls'],
    ['certificate-expired', 'tls'],
    ['certificate-pin-mismatch', 'tls'],
    ['starttls-unavailable', 'tls'],
    ['tls-failed', 'tls'],
    ['connect-failed', 'unreachable'],
    ['dns-failed', 'unreachable'],
    ['connect-timeout', 'timeout'],
    ['greeting-timeout', 'timeout'],
    ['auth-unsupported', 'auth-unsupported'],
    ['server-rejected', 'server'],
  ])('classifies %s as %s', (code, reason) => {
    expect(classifyFailure(code)).toBe(reason);
  });

  it('refuses a protocol on the wrong side', async () => {
    await expect(verifyLogin('incoming', { protocol: 'smtp', host: 'smtp.example.org', port: 465, security: 'tls', username: 'u' }, { password: 'p' })).rejects.toThrow(/cannot be the incoming server/);
    await expect(verifyLogin('outgoing', { protocol: 'imap', host: 'imap.example.org', port: 993, security: 'tls', username: 'u' }, { password: 'p' })).rejects.toThrow(/cannot be the outgoing server/);
  });
});

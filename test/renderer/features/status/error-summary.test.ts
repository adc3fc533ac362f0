import { describe, expect, it } from 'vitest';
import { en } from '../../../../renderer/src/i18n/en.js';
import { errorSummaryKey } from '../../../../renderer/src/features/status/error-summary.js';

describe('errorSummaryKey', () => {
  it('sums up the engine codes a sync ends with by what the user can do about them', () => {
    expect(errorSummaryKey('connect-failed')).toBe('status.error.unreachable');
    expect(errorSummaryKey('dns-failed')).toBe('status.error.unreachable');
    expect(errorSummaryKey('greeting-timeout')).toBe('status.error.timeout');
    expect(errorSummaryKey('certificate-expired')).toBe('status.error.certificate');
    expect(errorSummaryKey('starttls-injection')).toBe('status.error.tls');
    expect(errorSummaryKey('auth-failed')).toBe('status.error.auth');
    expect(errorSummaryKey('over-quota')).toBe('status.error.quota');
    expect(errorSummaryKey('credential-store-unavailable')).toBe('status.error.keychain');
  });

  it('reads a code it does not know as a failed sync, never as nothing', () => {
    expect(errorSummaryKey('protocol-error')).toBe('status.error.other');
    expect(errorSummaryKey('unknown')).toBe('status.error.other');
    expect(en[errorSummaryKey('something-new')]).toBe('Sync failed');
  });
});

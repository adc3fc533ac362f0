import { describe, expect, it } from 'vitest';
import { en } from '../../../../renderer/src/i18n/en.js';
import { errorSummaryKey } from '../../../../renderer/src/features/status/error-summary.js';

describe('errorSummaryKey', () => {
  it('sums up the engine codes a sync ends with by what the user can do about them', () => {
    expect(errorSummaryKey('connect-failed')).toBe('error.unreachable');
    expect(errorSummaryKey('dns-failed')).toBe('error.unreachable');
    expect(errorSummaryKey('greeting-timeout')).toBe('error.timeout');
    expect(errorSummaryKey('certificate-expired')).toBe('error.certificate');
    expect(errorSummaryKey('starttls-injection')).toBe('error.tls');
    expect(errorSummaryKey('auth-failed')).toBe('error.auth');
    expect(errorSummaryKey('over-quota')).toBe('error.quota');
    expect(errorSummaryKey('credential-store-unavailable')).toBe('error.keychain');
    // Offline, a sync simply cannot reach its server.
    expect(errorSummaryKey('offline')).toBe('error.unreachable');
  });

  it('reads a code it does not know as a failed sync, never as nothing', () => {
    expect(errorSummaryKey('protocol-error')).toBe('status.error.other');
    expect(errorSummaryKey('unknown')).toBe('status.error.other');
    expect(en[errorSummaryKey('something-new')]).toBe('Sync failed');
  });
});

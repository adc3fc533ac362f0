import { describe, expect, it } from 'vitest';
import { BridgeError, toBridgeError } from '../../../renderer/src/bridge/errors.js';

describe('toBridgeError', () => {
  it('keeps the code, message and details of a preload rejection', () => {
    const details = { outgoing: { status: 'wrong-password' } };
    const error = toBridgeError({ name: 'TegamiError', code: 'account-verification-failed', message: 'The outgoing server refused the password.', details });
    expect(error).toBeInstanceOf(BridgeError);
    expect(error.code).toBe('account-verification-failed');
    expect(error.message).toBe('The outgoing server refused the password.');
    expect(error.details).toEqual(details);
  });

  it('turns anything else into an internal error without details', () => {
    const error = toBridgeError(new Error('boom'));
    expect(error.code).toBe('internal');
    expect(error.details).toBeUndefined();
  });
});

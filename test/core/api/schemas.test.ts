import { describe, expect, it } from 'vitest';
import { apiErrorCodeOf } from '../../support/api-error.js';
import { METHODS, eventSchema, settingsPatchSchema, settingsSchema } from '../../../core/api/schemas.js';
import { REQUEST_NAMES, isRequestName } from '../../../core/api/methods.js';
import { validateCall } from '../../../core/api/dispatch.js';
import { ApiError, toWireError } from '../../../core/api/errors.js';
import { MailError } from '../../../core/net/mail-error.js';

describe('contract schemas', () => {
  it('has a schema entry for every request name and no other', () => {
    expect(Object.keys(METHODS).sort()).toEqual([...REQUEST_NAMES].sort());
  });

  it('accepts complete settings and rejects unknown values and extra keys', () => {
    expect(settingsSchema.parse({ language: 'ja', theme: 'dark', remoteContentSenders: ['a@example.com'] })).toEqual({ language: 'ja', theme: 'dark', remoteContentSenders: ['a@example.com'] });
    expect(settingsSchema.safeParse({ language: 'fr', theme: 'dark', remoteContentSenders: [] }).success).toBe(false);
    expect(settingsSchema.safeParse({ language: 'en', theme: 'dark', remoteContentSenders: [], extra: 1 }).success).toBe(false);
    expect(settingsSchema.safeParse({ language: 'en', theme: 'dark' }).success).toBe(false);
    expect(settingsSchema.safeParse({ language: 'en' }).success).toBe(false);
  });

  it('accepts a patch of one or two settings and rejects empty, unknown or mistyped patches', () => {
    expect(settingsPatchSchema.safeParse({ theme: 'light' }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ language: 'en', theme: 'system' }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({}).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ theme: 'blue' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ __proto__: { theme: 'dark' }, shell: 'rm' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse(null).success).toBe(false);
    expect(settingsPatchSchema.safeParse('theme=dark').success).toBe(false);
  });

  it('validates events by their type', () => {
    expect(eventSchema.safeParse({ type: 'settings-changed', settings: { language: 'en', theme: 'light', remoteContentSenders: [] } }).success).toBe(true);
    expect(eventSchema.safeParse({ type: 'settings-changed', settings: { language: 'xx', theme: 'light' } }).success).toBe(false);
    expect(eventSchema.safeParse({ type: 'no-such-event' }).success).toBe(false);
  });
});

describe('validateCall', () => {
  it('passes a well-formed call through', () => {
    expect(validateCall('updateSettings', [{ theme: 'dark' }])).toEqual({ method: 'updateSettings', args: [{ theme: 'dark' }] });
    expect(validateCall('getAppInfo', [])).toEqual({ method: 'getAppInfo', args: [] });
  });

  it('rejects unknown methods, including names inherited from Object.prototype', () => {
    expect(apiErrorCodeOf(() => validateCall('deleteEverything', []))).toBe('unknown-method');
    expect(apiErrorCodeOf(() => validateCall('constructor', []))).toBe('unknown-method');
    expect(apiErrorCodeOf(() => validateCall('__proto__', []))).toBe('unknown-method');
    expect(apiErrorCodeOf(() => validateCall(42, []))).toBe('unknown-method');
    expect(isRequestName('toString')).toBe(false);
  });

  it('rejects wrong argument lists with a message naming the problem', () => {
    expect(apiErrorCodeOf(() => validateCall('getAppInfo', ['extra']))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('updateSettings', []))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('updateSettings', [{ theme: 'neon' }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('updateSettings', { 0: { theme: 'dark' } }))).toBe('invalid-arguments');
    try {
      validateCall('updateSettings', [{ theme: 'neon' }]);
    } catch (error) {
      expect((error as Error).message).toMatch(/updateSettings.*theme/);
    }
  });
});

describe('toWireError', () => {
  it('keeps the code of typed errors and hides nothing else but the stack', () => {
    expect(toWireError(new ApiError('invalid-arguments', 'bad'))).toEqual({ code: 'invalid-arguments', message: 'bad' });
    expect(toWireError(new MailError('auth-failed', 'Wrong password'))).toEqual({ code: 'auth-failed', message: 'Wrong password' });
    expect(toWireError(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'Internal error: x is undefined' });
    expect(toWireError('thrown string')).toEqual({ code: 'internal', message: 'Internal error: thrown string' });
  });
});

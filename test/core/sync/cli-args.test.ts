import { describe, expect, it } from 'vitest';
import { parseSyncArgs } from '../../../core/cli/sync.js';
import { CliUsageError } from '../../../core/cli/types.js';

const base = ['--protocol', 'imap', '--host', 'imap.example.jp', '--security', 'tls', '--user', 'u', '--password-env', 'PW', '--maildir', '/tmp/m'];

describe('tegami sync arguments', () => {
  it('reads a complete command line with default ports per protocol and security', () => {
    expect(parseSyncArgs(base, { PW: 'secret' })).toMatchObject({ protocol: 'imap', port: 993, password: 'secret', maildir: '/tmp/m', folders: undefined, json: false });
    const pop = parseSyncArgs(['--protocol', 'pop3', ...base.slice(2).map((a) => (a === 'tls' ? 'starttls' : a)), '--json'], { PW: 'x' });
    expect(pop).toMatchObject({ protocol: 'pop3', port: 110, security: 'starttls', json: true });
    expect(parseSyncArgs([...base, '--folder', 'INBOX', '--folder', '日本語', '--port', '1993'], { PW: 'x' })).toMatchObject({ folders: ['INBOX', '日本語'], port: 1993 });
  });

  it('refuses missing or bad arguments with a usage error, never echoing the password', () => {
    const cases: Array<[string[], NodeJS.ProcessEnv]> = [
      [base.filter((a, i) => i > 1), { PW: 'x' }],
      [[...base.slice(0, 1), 'smtp', ...base.slice(2)], { PW: 'x' }],
      [base, {}],
      [[...base, '--port', '70000'], { PW: 'x' }],
      [[...base, '--bogus'], { PW: 'x' }],
      [base.map((a) => (a === 'tls' ? 'ssl' : a)), { PW: 'x' }],
    ];
    for (const [args, env] of cases) {
      expect(() => parseSyncArgs(args, env)).toThrow(CliUsageError);
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPort, parseCliArgs, parseServerEndpoint, parseServerOptions, readCaFile, SERVER_OPTION_SPEC } from '../../../core/cli/server-options.js';
import { CliUsageError } from '../../../core/cli/types.js';

const good = { host: 'mail.example', security: 'tls', user: 'u', 'password-env': 'PW' } as const;

describe('server options', () => {
  it('parses the shared options and turns parseArgs complaints into usage errors', () => {
    const parsed = parseCliArgs({ args: ['--host', 'h', '--json', 'list'], allowPositionals: true, options: SERVER_OPTION_SPEC });
    expect(parsed.values).toEqual({ host: 'h', json: true });
    expect(parsed.positionals).toEqual(['list']);
    expect(() => parseCliArgs({ args: ['--bogus'], options: SERVER_OPTION_SPEC })).toThrow(CliUsageError);
    expect(() => parseCliArgs({ args: ['--host'], options: SERVER_OPTION_SPEC })).toThrow(CliUsageError);
  });

  it('picks the default port per protocol and security', () => {
    expect([defaultPort('smtp', 'tls'), defaultPort('smtp', 'starttls'), defaultPort('smtp', 'none')]).toEqual([465, 587, 25]);
    expect([defaultPort('imap', 'tls'), defaultPort('imap', 'starttls'), defaultPort('imap', 'none')]).toEqual([993, 143, 143]);
    expect([defaultPort('pop3', 'tls'), defaultPort('pop3', 'starttls'), defaultPort('pop3', 'none')]).toEqual([995, 110, 110]);
  });

  it('returns the typed options with the password taken from the environment', () => {
    expect(parseServerOptions({ ...good, transcript: true }, { PW: 'secret' }, 'imap')).toEqual({
      host: 'mail.example',
      port: 993,
      security: 'tls',
      user: 'u',
      password: 'secret',
      ca: undefined,
      allowInsecureAuth: false,
      transcript: true,
      json: false,
    });
    expect(parseServerOptions({ ...good, security: 'none', port: '10110', 'allow-insecure-auth': true }, { PW: 'x' }, 'pop3')).toMatchObject({ port: 10110, allowInsecureAuth: true });
  });

  it('reads the CA file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tegami-ca-')), 'ca.pem');
    writeFileSync(path, '-----BEGIN CERTIFICATE-----\n');
    expect(parseServerEndpoint({ host: 'h', security: 'starttls', ca: path }, 'smtp')).toMatchObject({ port: 587, ca: '-----BEGIN CERTIFICATE-----\n' });
    expect(readCaFile(path)).toBe('-----BEGIN CERTIFICATE-----\n');
    expect(() => readCaFile(join(path, 'missing'))).toThrow(/Cannot read the CA file/);
  });

  it.each([
    [{ ...good, host: undefined }, /--host is required/],
    [{ ...good, security: 'ssl' }, /--security must be tls, starttls or none/],
    [{ ...good, port: '0' }, /--port must be 1-65535/],
    [{ ...good, port: '65536' }, /--port must be 1-65535/],
    [{ ...good, port: '25x' }, /--port must be 1-65535/],
    [{ ...good, user: '' }, /--user is required/],
    [{ ...good, 'password-env': undefined }, /--password-env is required/],
    [good, /The environment variable PW is not set/],
  ])('refuses %j', (values, message) => {
    expect(() => parseServerOptions(values, {}, 'imap')).toThrow(CliUsageError);
    expect(() => parseServerOptions(values, {}, 'imap')).toThrow(message);
  });
});

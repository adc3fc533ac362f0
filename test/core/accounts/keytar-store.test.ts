/**
 * The real keytar against a real Secret Service: gnome-keyring in a private D-Bus session
 * (dbus-run-session) with a throwaway HOME, driven from child processes. On CI the tools must
 * be present: a missing keychain fails the test instead of skipping it.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeytarCredentialStore, type KeytarApi } from '../../../core/accounts/keytar-store.js';
import { MailError } from '../../../core/net/mail-error.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./support/keytar-child.ts', import.meta.url));
const hasTool = (name: string): boolean => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const toolsPresent = hasTool('dbus-run-session') && hasTool('gnome-keyring-daemon');
const onCi = process.env['CI'] === 'true';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) return [];
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

function runSession(home: string, secret: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const runtime = join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const node = JSON.stringify(process.execPath);
  const child = JSON.stringify(CHILD);
  const script = [
    'echo -n "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 90',
    `${node} --import tsx ${child} write || exit 91`,
    `${node} --import tsx ${child} read || exit 92`,
  ].join('\n');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    KEYRING_PASSWORD: 'throwaway-keyring-password',
    TEGAMI_TEST_KEYCHAIN_SERVICE: 'tegami-test',
    TEGAMI_TEST_SECRET: secret,
  };
  return new Promise((resolve, reject) => {
    const proc = spawn('dbus-run-session', ['--', 'sh', '-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 45_000);
    proc.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('keytar credential store', () => {
  it.runIf(toolsPresent || onCi)(
    'stores, reads, replaces and deletes secrets in gnome-keyring, encrypted on disk',
    async () => {
      expect(toolsPresent, 'dbus-run-session and gnome-keyring-daemon are required (apt: dbus, gnome-keyring, libsecret-1-dev)').toBe(true);
      const home = mkdtempSync(join(tmpdir(), 'tegami-keyring-'));
      const secret = `pässwörd-🔑-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      try {
        const result = await runSession(home, secret);
        expect(result.code, `session failed:\n${result.stderr}`).toBe(0);
        const [write, read] = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(write).toEqual({ available: true, missingBefore: null, readBack: secret, emptyRefused: true });
        expect(read).toEqual({
          incoming: secret,
          outgoing: 'outgoing 送信',
          colon: 'token for a colon id',
          otherAccount: null,
          deleted: true,
          afterDelete: null,
          deletedAgain: false,
          outgoingStill: 'outgoing 送信',
        });
        // The keyring files exist and never hold a secret in clear text.
        const files = filesUnder(home);
        expect(files.some((f) => f.includes('keyrings'))).toBe(true);
        for (const file of files) {
          const bytes = readFileSync(file);
          expect(bytes.includes(Buffer.from(secret)), file).toBe(false);
          expect(bytes.includes(Buffer.from('outgoing 送信')), file).toBe(false);
          expect(bytes.includes(Buffer.from('token for a colon id')), file).toBe(false);
        }
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('turns keychain failures into credential-store-unavailable without echoing the secret', async () => {
    // A keychain that fails like libsecret without a Secret Service on the bus.
    const broken: KeytarApi = {
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    };
    const store = new KeytarCredentialStore(broken, 'svc');
    const error = await store.set('a', 'incoming-password', 'hunter2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('credential-store-unavailable');
    expect((error as MailError).message).toMatch(/could not store a secret: Cannot autolaunch D-Bus/);
    expect(JSON.stringify((error as MailError).toJSON())).not.toContain('hunter2');
    await expect(store.get('a', 'incoming-password')).rejects.toMatchObject({ code: 'credential-store-unavailable' });
    await expect(store.delete('a', 'incoming-password')).rejects.toMatchObject({ code: 'credential-store-unavailable' });
    expect(await store.isAvailable()).toBe(false);
  });
});

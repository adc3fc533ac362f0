import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Account, FolderSummary, MessageSummary } from '../../core/api/contract.js';
import { deliverMessage } from '../servers/deliver.js';
import { loadServers } from '../servers/descriptor.js';
import { launchWatchedBrowser, type WatchedBrowser } from './support/browser.js';
import { connectHostApi, type HostApi } from './support/host-api.js';
import { coveredPoints } from './support/on-top.js';
import { aliceAccount, folderByRole, waitForMessages } from './support/mail-setup.js';
import { startMailWebHost, type WebHostProcess } from './support/web-host.js';

/**
 * The shell end to end: the built web host (out/node/electron/web/main.js serving out/renderer)
 * in Debian's Chromium. `npm run build` must have run first (npm test does).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST_ENTRY = join(ROOT, 'out/node/electron/web/main.js');
const SHOTS = join(ROOT, 'test-results/e2e');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const URL_LINE = /^Tegami is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))$/m;

const EN_TITLE = 'No account yet — add one';
const JA_TITLE = 'アカウントがまだありません — 追加してください';

let tmp: string;
let dataDir: string;
let host: ChildProcess;
let appUrl: string;
let origin: string;
const contexts: BrowserContext[] = [];

function startHost(): Promise<string> {
  return new Promise((resolve, reject) => {
    host = spawn(process.execPath, [HOST_ENTRY], {
      env: { ...process.env, TEGAMI_DATA_DIR: dataDir, TEGAMI_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`The web host printed no URL within 20 s. stdout: ${out} stderr: ${err}`)), 20_000);
    host.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = URL_LINE.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    host.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited with ${String(code)}: ${err}`));
    });
  });
}

/** A fresh browser with its own temporary profile, per scenario, so no cookie carries over. */
async function browser(locale: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const profile = await mkdtemp(join(tmp, 'profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    colorScheme,
    viewport: { width: 1280, height: 800 },
  });
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  // CSP violations and script errors surface here; a clean shell has none.
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

beforeAll(async () => {
  if (!existsSync(HOST_ENTRY)) throw new Error(`${HOST_ENTRY} is missing: run \`npm run build\` before the e2e tests.`);
  tmp = await mkdtemp(join(tmpdir(), 'tegami-e2e-'));
  dataDir = join(tmp, 'data');
  await mkdir(SHOTS, { recursive: true });
  appUrl = await startHost();
  origin = new URL(appUrl).origin;
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  if (host !== undefined && host.exitCode === null) {
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.kill('SIGTERM');
    await exited;
  }
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

describe('the web host entry point', () => {
  it('refuses a TEGAMI_PORT that is not a port, with a clear message and exit status 1', async () => {
    const child = spawn(process.execPath, [HOST_ENTRY], { env: { ...process.env, TEGAMI_DATA_DIR: dataDir, TEGAMI_PORT: 'http' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('TEGAMI_PORT must be a port number');
  });
});

describe('the shell in Chromium', () => {
  it('shows the first-run screen in English for an en-US browser, with the three panes', async () => {
    const { page, problems } = await browser('en-US');
    await page.goto(appUrl);
    await page.getByRole('heading', { name: EN_TITLE }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Folders' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: 'Messages' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('main', { name: 'Reader' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('banner').isVisible()).resolves.toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    // The token leaves the address bar once the page is connected.
    expect(page.url()).toBe(`${origin}/`);
    await page.screenshot({ path: join(SHOTS, 'shell-en.png') });

    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a mail account' });
    await dialog.waitFor();
    await page.screenshot({ path: join(SHOTS, 'shell-en-add-account.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The toolbar's message actions wait for a selection; '?' lists every key.
    await expect(page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Reply', exact: true }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    await page.screenshot({ path: join(SHOTS, 'shell-en-shortcuts.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('shows the first-run screen in Japanese for a ja-JP browser', async () => {
    const { page, problems } = await browser('ja-JP');
    await page.goto(appUrl);
    await page.getByRole('heading', { name: JA_TITLE }).waitFor();
    await expect(page.getByRole('navigation', { name: 'フォルダー' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'アカウントを追加' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.screenshot({ path: join(SHOTS, 'shell-ja.png') });
    expect(problems).toEqual([]);
  });

  it('follows a dark system theme while the setting is "system"', async () => {
    const { page } = await browser('en-US', 'dark');
    await page.goto(appUrl);
    await page.getByRole('heading', { name: EN_TITLE }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('switches language and theme in the UI and keeps them across a reload', async () => {
    const { page, problems } = await browser('en-US');
    await page.goto(appUrl);
    await page.getByRole('heading', { name: EN_TITLE }).waitFor();

    await page.getByLabel('Language').selectOption('ja');
    await page.getByRole('heading', { name: JA_TITLE }).waitFor();
    // Reloaded without the token in the address: the cookie carries it, the setting persists.
    await page.reload();
    await page.getByRole('heading', { name: JA_TITLE }).waitFor();
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ language: 'ja' });

    await page.getByLabel('テーマ').selectOption('dark');
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    await page.screenshot({ path: join(SHOTS, 'shell-ja-dark.png') });

    await page.getByLabel('言語').selectOption('system');
    await page.getByRole('heading', { name: EN_TITLE }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: join(SHOTS, 'shell-dark.png') });
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ language: 'system', theme: 'dark', remoteContentSenders: [] });

    await page.getByLabel('Theme').selectOption('system');
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'light');
    expect(problems).toEqual([]);
  });

  it('refuses a page load without the token, or with a wrong one', async () => {
    const { page } = await browser('en-US');
    for (const url of [`${origin}/`, `${origin}/?token=${'A'.repeat(43)}`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(401);
      expect(await page.textContent('body')).toContain('401 Unauthorized');
      expect(await page.getByRole('heading', { name: EN_TITLE }).count()).toBe(0);
    }
    await page.screenshot({ path: join(SHOTS, 'no-token.png') });
  });
});

/**
 * The mail window with a real account: bob's mail delivered through Postfix, synced by the web
 * host, shown in the folder tree and the list; keys, a folder made from the context menu and
 * a message dragged onto it are checked against the service. Our messages are found by a
 * subject unique to this run (the mailbox is shared with other test files).
 */
describe('the mail window with an account', () => {
  const RUN = `shell-${Date.now().toString(36)}`;
  let mailHost: WebHostProcess | undefined;
  let api: HostApi | undefined;
  let account: Account | undefined;
  let inbox: FolderSummary | undefined;
  let watched: WatchedBrowser | undefined;
  const messageIds = [1, 2, 3].map((n) => `<${RUN}-${n}@tegami.test>`);

  function raw(n: number): string {
    const date = new Date(Date.now() - n * 1000).toUTCString().replace('GMT', '+0000');
    return [
      'From: Carol Example <carol@tegami.test>',
      'To: bob@tegami.test',
      `Subject: ${RUN} message ${n}`,
      `Date: ${date}`,
      `Message-ID: <${RUN}-${n}@tegami.test>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Body of message ${n}.`,
      '',
    ].join('\r\n');
  }

  beforeAll(async () => {
    const servers = loadServers();
    for (const n of [1, 2, 3]) await deliverMessage('bob', raw(n), { servers, from: 'carol@tegami.test' });
    mailHost = await startMailWebHost(servers);
    api = await connectHostApi(mailHost.origin, mailHost.token);
    const bob = servers.users.bob;
    account = await api.call('addAccount', {
      ...aliceAccount(servers),
      name: 'Bob',
      email: bob.address,
      incoming: { ...aliceAccount(servers).incoming, username: bob.address },
      outgoing: { ...aliceAccount(servers).outgoing, username: bob.address },
      password: bob.password,
    });
    inbox = await folderByRole(api, account, 'inbox');
    await waitForMessages(api, account, inbox, messageIds);
    watched = await launchWatchedBrowser({ appOrigin: mailHost.origin });
    await watched.page.goto(mailHost.url);
  }, 240_000);

  afterAll(async () => {
    await watched?.close();
    api?.close();
    await mailHost?.stop();
  }, 120_000);

  const rowOf = (page: Page, n: number) => page.getByRole('row', { name: new RegExp(`${RUN} message ${n}`) });

  async function summaryOf(n: number): Promise<MessageSummary | undefined> {
    const page = await api!.call('listMessages', inbox!.id, { offset: 0, limit: 1000 });
    return page.messages.find((m) => m.messageId === messageIds[n - 1]!.replace(/^<|>$/g, ''));
  }

  it('shows the account in the tree with the unified Inbox, the messages in the list, and opens one in the reader', async () => {
    const { page } = watched!;
    const tree = page.getByRole('tree', { name: 'Folders' });
    await tree.getByRole('treeitem', { name: /^All Inboxes/ }).waitFor({ timeout: 60_000 });
    await tree.getByRole('treeitem', { name: 'bob@tegami.test' }).waitFor();
    await rowOf(page, 1).waitFor({ timeout: 60_000 });
    expect(await rowOf(page, 1).getAttribute('class')).toContain('unread');
    await page.screenshot({ path: join(SHOTS, 'shell-mail.png') });

    await rowOf(page, 1).click();
    await page.getByRole('main', { name: 'Reader' }).getByText('Body of message 1.').waitFor({ timeout: 30_000 });
    // Read after the dwell, in the list and on the server.
    await expect.poll(async () => (await summaryOf(1))?.flags.includes('\\Seen'), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => rowOf(page, 1).getAttribute('class')).not.toContain('unread');
    await page.screenshot({ path: join(SHOTS, 'shell-mail-reading.png') });

  });

  it('stars with s and selects several with shift+click', async () => {
    const { page } = watched!;
    await rowOf(page, 2).click();
    await page.keyboard.press('s');
    await expect.poll(async () => (await summaryOf(2))?.flags.includes('\\Flagged'), { timeout: 20_000 }).toBe(true);
    expect(await rowOf(page, 2).getByRole('button', { name: 'Remove star' }).getAttribute('aria-pressed')).toBe('true');
    await rowOf(page, 3).click({ modifiers: ['Shift'] });
    await expect.poll(() => rowOf(page, 3).getAttribute('aria-selected')).toBe('true');
    expect(await rowOf(page, 2).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('.grid-body [aria-selected="true"]').count()).toBe(2);
    expect(await page.getByRole('main', { name: 'Reader' }).textContent()).toContain('2 messages selected');
  });

  it('creates a folder from the context menu and moves a dragged message into it', async () => {
    const { page } = watched!;
    const tree = page.getByRole('tree', { name: 'Folders' });
    await tree.getByRole('treeitem', { name: 'bob@tegami.test' }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'New folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Folder name').fill(RUN);
    await dialog.getByRole('button', { name: 'Create' }).click();
    const target = tree.getByRole('treeitem', { name: RUN });
    await target.waitFor({ timeout: 30_000 });

    await rowOf(page, 3).click();
    await rowOf(page, 3).dragTo(target);
    await expect.poll(async () => (await summaryOf(3)) === undefined, { timeout: 30_000 }).toBe(true);
    const moved = (await api!.call('listFolders', account!.id)).find((f) => f.path.endsWith(RUN))!;
    await expect.poll(async () => (await api!.call('listMessages', moved.id, { offset: 0, limit: 10 })).messages.length, { timeout: 30_000 }).toBe(1);
    await rowOf(page, 3).waitFor({ state: 'detached', timeout: 30_000 });
    await target.click();
    await rowOf(page, 3).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'shell-mail-moved.png') });

    // Deleting asks first, then the folder goes on the server too.
    await target.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete “${RUN}”?` });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await target.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(async () => (await api!.call('listFolders', account!.id)).some((f) => f.path.endsWith(RUN)), { timeout: 30_000 }).toBe(false);
    expect(watched!.pageErrors).toEqual([]);
  });

  it('shows the account online in the status line from a background run, and again at once after a reload', async () => {
    const { page } = watched!;
    const status = page.getByRole('contentinfo').locator('.status-account', { hasText: 'bob@tegami.test' });
    // New mail wakes the background sync (IDLE); its run reports to every window and ends in 'done'.
    await deliverMessage('bob', raw(4), { servers: loadServers(), from: 'carol@tegami.test' });
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('online');
    expect(await status.locator('.status-error').count()).toBe(0);
    expect(await status.getAttribute('title')).toBe('Bob <bob@tegami.test>: Online');
    // A reloaded window asks where the account stands (getSyncStatus) instead of waiting for the next run.
    await page.reload();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    await page.screenshot({ path: join(SHOTS, 'shell-status-online.png') });
  });

  it('prints the open message alone', async () => {
    const { page } = watched!;
    await rowOf(page, 1).click();
    await page.getByRole('main', { name: 'Reader' }).getByText('Body of message 1.').waitFor({ timeout: 30_000 });
    // The panes, toolbar, tabs and status line stay off the page.
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['.toolbar', '.pane-folders', '.pane-list', '.status-bar', '.reader-tabs']) {
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      }
      const reader = page.getByRole('main', { name: 'Reader' });
      expect(await reader.getByText('Body of message 1.').isVisible()).toBe(true);
      // The reader spans the page.
      expect((await reader.boundingBox())?.x).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'shell-print.png') });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

/**
 * The account wizard's last step in the built app: bob added by guessing against the stack,
 * the first sync followed to its end, which the wizard states with what it downloaded.
 */
describe('the account wizard follows the first sync to its end', () => {
  let mailHost: WebHostProcess | undefined;
  let watched: WatchedBrowser | undefined;

  beforeAll(async () => {
    mailHost = await startMailWebHost(loadServers());
    watched = await launchWatchedBrowser({ appOrigin: mailHost.origin });
  }, 240_000);

  afterAll(async () => {
    await watched?.close();
    await mailHost?.stop();
  }, 120_000);

  it('shows the first sync finished with the folders checked and the messages downloaded', async () => {
    const { page } = watched!;
    const bob = loadServers().users.bob;
    await page.goto(mailHost!.url);
    await page.getByRole('button', { name: 'Add account' }).first().click();
    const wizard = page.getByRole('dialog', { name: 'Add a mail account' });
    await wizard.getByLabel('Your name').fill('Bob');
    await wizard.getByLabel('E-mail address').fill(bob.address);
    await wizard.getByLabel('Password', { exact: true }).fill(bob.password);
    await wizard.getByRole('button', { name: 'Continue' }).click();
    await wizard.getByText('Settings found for tegami.test.').waitFor({ timeout: 60_000 });
    await wizard.getByRole('button', { name: 'Continue' }).click();
    await wizard.getByRole('button', { name: 'Check and add the account' }).click();

    await wizard.getByText(`The account ${bob.address} was added.`).waitFor({ timeout: 60_000 });
    // Nobody asks for a sync: the background's first run reports by itself, to its end.
    await wizard.getByText('First sync finished.').waitFor({ timeout: 60_000 });
    expect(await wizard.locator('[data-sync-state]').getAttribute('data-sync-state')).toBe('done');
    expect(await wizard.getByRole('progressbar', { name: 'First sync' }).getAttribute('aria-valuenow')).toBe('100');
    const counts = (await wizard.locator('.wizard-sync-counts').textContent()) ?? '';
    const [, checked, total] = /Folders: (\d+) of (\d+)/.exec(counts) ?? [];
    expect(Number(total)).toBeGreaterThan(0);
    expect(checked).toBe(total);
    // How many depends on what the other test files left in bob's shared mailbox; the line is there.
    expect(counts).toMatch(/Messages downloaded: [\d,]+/);
    await page.screenshot({ path: join(SHOTS, 'wizard-first-sync-finished.png') });
    await wizard.getByRole('button', { name: 'Done' }).click();
    await wizard.waitFor({ state: 'detached' });
    const status = page.getByRole('contentinfo').locator('.status-account', { hasText: bob.address });
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('online');
    expect(watched!.pageErrors).toEqual([]);
  });
});

/**
 * Accounts managed from the folder pane once one exists: a second account added through the
 * heading's button, its settings changed (a wrong password refused, the right one saved), then
 * removed after the confirmation, leaving the first account alone.
 */
describe('accounts are added, changed and removed from the folder pane', () => {
  let mailHost: WebHostProcess | undefined;
  let api: HostApi | undefined;
  let watched: WatchedBrowser | undefined;

  beforeAll(async () => {
    const servers = loadServers();
    mailHost = await startMailWebHost(servers);
    api = await connectHostApi(mailHost.origin, mailHost.token);
    const bob = servers.users.bob;
    await api.call('addAccount', {
      ...aliceAccount(servers),
      name: 'Bob',
      email: bob.address,
      incoming: { ...aliceAccount(servers).incoming, username: bob.address },
      outgoing: { ...aliceAccount(servers).outgoing, username: bob.address },
      password: bob.password,
    });
    watched = await launchWatchedBrowser({ appOrigin: mailHost.origin });
  }, 240_000);

  afterAll(async () => {
    await watched?.close();
    api?.close();
    await mailHost?.stop();
  }, 120_000);

  it('adds a second account with the heading button, changes its settings and removes it', async () => {
    const { page } = watched!;
    const { alice, bob } = loadServers().users;
    await page.goto(mailHost!.url);
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('treeitem', { name: bob.address, exact: true }).waitFor({ timeout: 60_000 });

    await folders.getByRole('button', { name: 'Add account' }).click();
    const wizard = page.getByRole('dialog', { name: 'Add a mail account' });
    await wizard.getByLabel('Your name').fill('Alice Liddell');
    await wizard.getByLabel('E-mail address').fill(alice.address);
    await wizard.getByLabel('Password', { exact: true }).fill(alice.password);
    await wizard.getByRole('button', { name: 'Continue' }).click();
    await wizard.getByText('Settings found for tegami.test.').waitFor({ timeout: 60_000 });
    await wizard.getByRole('button', { name: 'Continue' }).click();
    await wizard.getByRole('button', { name: 'Check and add the account' }).click();
    await wizard.getByText(`The account ${alice.address} was added.`).waitFor({ timeout: 60_000 });
    await wizard.getByRole('button', { name: 'Done' }).click();
    await wizard.waitFor({ state: 'detached' });
    const aliceRow = folders.getByRole('treeitem', { name: alice.address, exact: true });
    await aliceRow.waitFor({ timeout: 30_000 });

    // Account settings: prefilled, the password empty; a wrong password is refused and nothing is saved.
    await aliceRow.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Account settings…' }).click();
    const settings = page.getByRole('dialog', { name: 'Account settings' });
    expect(await settings.getByLabel('E-mail address').inputValue()).toBe(alice.address);
    expect(await settings.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await settings.getByLabel('Your name').fill('Alice L.');
    await settings.getByLabel('Password', { exact: true }).fill(`${alice.password}-wrong`);
    await page.screenshot({ path: join(SHOTS, 'account-settings.png') });
    // Opened from the folder pane, yet above the list's rows.
    expect(await coveredPoints(settings)).toEqual([]);
    await settings.getByRole('button', { name: 'Check and save' }).click();
    await settings.getByText('The server refused the user name or password.').first().waitFor({ timeout: 60_000 });
    expect((await api!.call('listAccounts')).find((a) => a.email === alice.address)?.name).toBe('Alice Liddell');
    await settings.getByLabel('Password', { exact: true }).fill(alice.password);
    await settings.getByRole('button', { name: 'Try again' }).click();
    await settings.waitFor({ state: 'detached', timeout: 60_000 });
    expect((await api!.call('listAccounts')).find((a) => a.email === alice.address)?.name).toBe('Alice L.');

    // Remove: the confirmation says what goes and what stays; bob's account is untouched.
    await aliceRow.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Remove account…' }).click();
    const confirm = page.getByRole('dialog', { name: `Remove the account ${alice.address}?` });
    await confirm.getByText('The mail on the server is not touched').waitFor();
    await page.screenshot({ path: join(SHOTS, 'account-remove.png') });
    expect(await coveredPoints(confirm)).toEqual([]);
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await aliceRow.waitFor({ state: 'detached', timeout: 30_000 });
    expect((await api!.call('listAccounts')).map((a) => a.email)).toEqual([bob.address]);
    await expect(folders.getByRole('treeitem', { name: bob.address, exact: true }).isVisible()).resolves.toBe(true);
    expect(watched!.pageErrors).toEqual([]);
  });
});

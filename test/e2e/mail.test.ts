/**
 * Tegami end to end, as a user meets it: the built web host in Chromium against a real Postfix
 * and Dovecot (a stack private to this file, so it can take Dovecot away for the offline part).
 * The web host runs with a real keychain (gnome-keyring in its own D-Bus session) and a resolver
 * that knows tegami.test only by A records for imap./mail./smtp. (no autoconfig, MX or SRV), so
 * the wizard must find alice's servers by guessing. Each step leaves a screenshot in
 * test-results/e2e/mail-NN-step.png. The steps build on each other and run in order.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { deliverMessage, findInMaildir, type StoredMessage } from '../servers/deliver.js';
import { launchWatchedBrowser, type WatchedBrowser } from './support/browser.js';
import { connectHostApi, type HostApi } from './support/host-api.js';
import { attachmentMail, bobAnswer, japaneseMail, plainMail, JAPANESE_BODY_LINE, JAPANESE_SENDER, type AttachmentMail, type TestMail } from './support/mail-messages.js';
import { withDovecotStopped } from '../servers/dovecot-control.js';
import { startPrivateStack, type PrivateStack } from './support/private-stack.js';
import { startMailWebHost, type WebHostProcess } from './support/web-host.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'test-results/e2e');
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const FILLER_COUNT = 12;

let stack: PrivateStack | undefined;
let host: WebHostProcess | undefined;
let api: HostApi | undefined;
let browser: WatchedBrowser | undefined;
let page: Page;
let japanese: TestMail;
let figures: AttachmentMail;
let fillers: TestMail[];
let shot = 0;
let downloads: string;
let notes: { name: string; path: string };
let replyMessageId = '';

/** Saves test-results/e2e/mail-NN-step.png, numbered in the order the steps take them. */
async function screenshot(step: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: join(SHOTS, `mail-${String(shot).padStart(2, '0')}-${step}.png`) });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls a Maildir folder of the private stack until a message matches. */
async function waitInMaildir(who: 'alice' | 'bob', match: (message: StoredMessage) => boolean, folder: string, timeoutMs = 90_000): Promise<StoredMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = await findInMaildir(who, match, { folder, servers: servers() });
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`No matching message in ${who}'s ${folder} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function servers(): PrivateStack['servers'] {
  if (stack === undefined) throw new Error('the stack did not start');
  return stack.servers;
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  downloads = await mkdtemp(join(tmpdir(), 'tegami-e2e-files-'));
  notes = { name: `notes-${RUN}.txt`, path: join(downloads, `notes-${RUN}.txt`) };
  await writeFile(notes.path, `Notes for the figures of run ${RUN}.\n`);
  stack = await startPrivateStack();
  const alice = stack.servers.users.alice.address;
  const bob = stack.servers.users.bob.address;
  japanese = japaneseMail(RUN, alice);
  figures = attachmentMail(RUN, bob, alice);
  fillers = Array.from({ length: FILLER_COUNT }, (_, i) => plainMail(RUN, i + 1, alice));
  for (const mail of fillers) await deliverMessage('alice', mail.raw, { servers: stack.servers, from: 'news@example.org' });
  await deliverMessage('alice', japanese.raw, { servers: stack.servers, from: 'tanaka@example.co.jp' });
  await deliverMessage('alice', figures.raw, { servers: stack.servers, from: bob });
  host = await startMailWebHost(stack.servers);
  api = await connectHostApi(host.origin, host.token);
  browser = await launchWatchedBrowser({ appOrigin: host.origin, acceptDownloads: true });
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  api?.close();
  await host?.stop();
  await stack?.stop();
  if (downloads !== undefined) await rm(downloads, { recursive: true, force: true });
}, 120_000);

// A failed step leaves its picture and what the page complained about, for the person debugging it.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || browser === undefined) return;
  await page.screenshot({ path: join(SHOTS, `mail-failed-${context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`) }).catch(() => undefined);
  console.error(`page errors: ${JSON.stringify(browser.pageErrors)}\nconsole errors: ${JSON.stringify(browser.consoleErrors)}\nrequests refused: ${JSON.stringify(browser.foreignRequests)}`);
  const [account] = (await api?.call('listAccounts').catch(() => [])) ?? [];
  if (account === undefined) return;
  const log = (await api?.call('getConnectionLog', account.id).catch(() => [])) ?? [];
  console.error(`connection log (last 60 lines):\n${log.slice(-60).map((e) => `${e.at} ${e.protocol} ${e.direction} ${e.text}`).join('\n')}`);
});

describe('the web host', () => {
  it('refuses a TEGAMI_GUESS_PORTS that is not a list of port pairs', async () => {
    const { spawn } = await import('node:child_process');
    const { HOST_ENTRY } = await import('./support/web-host.js');
    const child = spawn(process.execPath, [HOST_ENTRY], { env: { ...process.env, TEGAMI_GUESS_PORTS: '993:10993,imap:143' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('TEGAMI_GUESS_PORTS must be STANDARD:ACTUAL port pairs');
  });
});

describe('alice reads and writes mail', () => {
  it('adds alice with the wizard: the settings are found by guessing and the login is checked', async () => {
    await page.goto(host?.url ?? '');
    await page.getByRole('button', { name: 'Add account' }).first().click();
    const wizard = page.getByRole('dialog', { name: 'Add a mail account' });
    await wizard.waitFor();
    await wizard.getByLabel('Your name').fill('Alice Liddell');
    await wizard.getByLabel('E-mail address').fill(servers().users.alice.address);
    await wizard.getByLabel('Password', { exact: true }).fill(servers().users.alice.password);
    await screenshot('wizard-address');
    await wizard.getByRole('button', { name: 'Continue' }).click();

    await wizard.getByText('Settings found for tegami.test.').waitFor({ timeout: 60_000 });
    const steps = wizard.getByRole('list', { name: 'Lookup steps' });
    await expect.poll(() => steps.textContent()).toMatch(/Guessing common server names.*found/s);
    // With the password given, the lookup already logged in to both guessed servers.
    await wizard.getByText(/^✓ Incoming server imap\.tegami\.test:\d+: Login works\.$/).waitFor();
    await wizard.getByText(/^✓ Outgoing server smtp\.tegami\.test:\d+: Login works\.$/).waitFor();
    await screenshot('wizard-found');
    expect(host?.dns.queries.some((q) => q.startsWith('imap.tegami.test'))).toBe(true);
    await wizard.getByRole('button', { name: 'Continue' }).click();
    const incoming = wizard.getByRole('group', { name: 'Incoming mail' });
    const outgoing = wizard.getByRole('group', { name: 'Outgoing mail (SMTP)' });
    await expect.poll(() => incoming.getByRole('textbox', { name: 'Server' }).inputValue()).toBe('imap.tegami.test');
    expect(await incoming.getByRole('textbox', { name: 'Port' }).inputValue()).toBe(String(servers().imap.tls.port));
    expect(await outgoing.getByRole('textbox', { name: 'Server' }).inputValue()).toBe('smtp.tegami.test');
    expect(await incoming.getByRole('radio', { name: /^IMAP imap\.tegami\.test:\d+ \(TLS\) guessed/ }).isChecked()).toBe(true);
    await screenshot('wizard-settings');
    await wizard.getByRole('button', { name: 'Check and add the account' }).click();

    // Saved only after both logins worked; the first sync starts at once.
    await wizard.getByText(`The account ${servers().users.alice.address} was added.`).waitFor({ timeout: 60_000 });
    await wizard.getByRole('progressbar', { name: 'First sync' }).waitFor();
    await screenshot('wizard-sync');
    const [account] = (await api?.call('listAccounts')) ?? [];
    expect(account).toMatchObject({ email: servers().users.alice.address, incoming: { host: 'imap.tegami.test', port: servers().imap.tls.port, security: 'tls' }, outgoing: { host: 'smtp.tegami.test' }, caFile: null });
    // The password went to the keychain: no file in the data folder holds it.
    const password = Buffer.from(servers().users.alice.password);
    for (const file of await filesUnder(host?.dataDir ?? '')) {
      // The first sync is writing meanwhile: a Maildir tmp/ file may be renamed away.
      const bytes = await readFile(file).catch(() => undefined);
      expect(bytes?.includes(password) ?? false, file).toBe(false);
    }
    await wizard.getByRole('button', { name: 'Done' }).click();
    await wizard.waitFor({ state: 'detached' });
  }, 120_000);

  it('fills the Inbox', async () => {
    const tree = page.getByRole('tree', { name: 'Folders' });
    await tree.getByRole('treeitem', { name: /^Inbox, \d+ unread$/ }).waitFor({ timeout: 60_000 });
    await expect.poll(() => tree.getByRole('treeitem', { name: /^Inbox/ }).getAttribute('aria-label'), { timeout: 60_000 }).toBe(`Inbox, ${FILLER_COUNT + 2} unread`);
    const list = page.getByRole('grid', { name: 'Message list' });
    for (const mail of [...fillers, japanese, figures]) await list.getByRole('row').filter({ hasText: mail.subject }).waitFor();
    await screenshot('inbox');
  }, 120_000);

  it('reads a Japanese message in ISO-2022-JP', async () => {
    const list = page.getByRole('grid', { name: 'Message list' });
    await list.getByRole('row').filter({ hasText: japanese.subject }).click();
    const reader = page.getByRole('article', { name: japanese.subject });
    await reader.waitFor();
    await reader.getByText(JAPANESE_BODY_LINE).waitFor();
    await expect.poll(() => reader.textContent()).toContain(JAPANESE_SENDER);
    await screenshot('japanese');
  }, 60_000);

  it('shows the source and the Received path of the Japanese message', async () => {
    const reader = page.getByRole('article', { name: japanese.subject });
    await reader.getByRole('tab', { name: 'View source' }).click();
    const source = reader.getByRole('tabpanel', { name: 'View source' });
    await expect.poll(() => source.textContent()).toContain(`Message-ID: ${japanese.messageId}`);
    expect(await source.textContent()).toContain('Subject: =?ISO-2022-JP?B?');
    await source.getByRole('button', { name: 'Copy' }).waitFor();
    await screenshot('source');

    await reader.getByRole('tab', { name: 'Received path' }).click();
    const path = reader.getByRole('tabpanel', { name: 'Received path' });
    const hops = path.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Hop \d+$/ }) });
    await expect.poll(() => hops.count()).toBeGreaterThanOrEqual(5);
    // Read bottom-up: the sender's PC first, then the relays, then the stack's Postfix and LMTP.
    expect(await hops.nth(0).textContent()).toContain('pc-tanaka.example.co.jp');
    const relay = hops.filter({ hasText: 'relay.example.co.jp' }).filter({ hasText: 'mx.tegami.test' });
    expect(await relay.textContent()).toContain('TLSv1.3');
    expect(await relay.getByText('Slow hop').count()).toBe(1);
    expect(await hops.filter({ hasText: 'Slow hop' }).count()).toBe(1);
    expect(await hops.filter({ hasText: '127.0.0.1' }).count()).toBeGreaterThanOrEqual(1);
    await screenshot('received-path');
  }, 60_000);

  it('opens and saves an attachment', async () => {
    const list = page.getByRole('grid', { name: 'Message list' });
    await list.getByRole('row').filter({ hasText: figures.subject }).click();
    const reader = page.getByRole('article', { name: figures.subject });
    const attachments = reader.getByRole('region', { name: 'Attachments (1)' });
    await attachments.waitFor();
    expect(await attachments.textContent()).toContain(figures.fileName);
    await screenshot('attachment');
    // The web host has no desktop to open a file with or a save dialog: both download in the page.
    for (const action of ['Open', 'Save']) {
      const [download] = await Promise.all([page.waitForEvent('download'), attachments.getByRole('button', { name: `${action} ${figures.fileName}` }).click()]);
      expect(download.suggestedFilename()).toBe(figures.fileName);
      const saved = join(downloads, `${action}-${figures.fileName}`);
      await download.saveAs(saved);
      expect((await readFile(saved)).equals(figures.fileBytes)).toBe(true);
    }
    await screenshot('attachment-saved');
  }, 60_000);

  it('replies to bob with an attachment: bob gets it and it is in alice\'s Sent', async () => {
    const reader = page.getByRole('article', { name: figures.subject });
    await reader.waitFor();
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Reply', exact: true }).click();
    const composer = page.getByRole('dialog', { name: 'New message' });
    const replySubject = `Re: ${figures.subject}`;
    await composer.getByRole('textbox', { name: 'Subject' }).waitFor();
    expect(await composer.getByRole('textbox', { name: 'Subject' }).inputValue()).toBe(replySubject);
    expect(await composer.getByRole('list', { name: 'To' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Bob Builder')]);
    const body = composer.getByRole('textbox', { name: 'Message text' });
    await expect.poll(() => body.inputValue()).toContain('> the figures for the first three quarters are attached.');
    await body.click();
    await body.press('Control+Home');
    await page.keyboard.insertText(`Thanks Bob, my notes are attached (${RUN}).\n\n`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), composer.getByRole('button', { name: 'Attach files' }).click()]);
    await chooser.setFiles(notes.path);
    await composer.getByRole('button', { name: `Remove ${notes.name}` }).waitFor();
    await screenshot('reply');
    await composer.getByRole('button', { name: 'Send' }).click();
    // The panel follows the message through the Outbox until the server took it.
    await composer.getByText('Sent.', { exact: true }).waitFor({ timeout: 90_000 });
    await screenshot('reply-sent');
    await composer.getByRole('button', { name: 'Close' }).click();
    await composer.waitFor({ state: 'detached' });

    // Through the outbox and submission to bob's Maildir: the answer refers to bob's message.
    const atBob = await waitInMaildir('bob', (m) => m.raw.includes(RUN) && /^Subject: Re: Quarterly figures/m.test(m.raw.toString('utf8')), 'INBOX');
    const received = atBob.raw.toString('utf8');
    expect(received).toMatch(new RegExp(`^In-Reply-To: ${escape(figures.messageId)}`, 'm'));
    expect(received).toContain(`Thanks Bob, my notes are attached (${RUN}).`);
    expect(received).toContain(`filename=${notes.name}`);
    replyMessageId = /^Message-ID:\s*(<[^>]+>)/im.exec(received)?.[1] ?? '';
    expect(replyMessageId).not.toBe('');
    await waitInMaildir('alice', (m) => m.raw.includes(replyMessageId), 'Sent');

    await page.getByRole('tree', { name: 'Folders' }).getByRole('treeitem', { name: /^Sent/ }).click();
    // The copy filed by APPEND shows once Sent is synced again: "Get mail" does that now
    // (background sync only watches the Inbox between its periodic checks).
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Get mail' }).click();
    await page.getByRole('grid', { name: 'Message list' }).getByRole('row').filter({ hasText: replySubject }).waitFor({ timeout: 60_000 });
    await screenshot('sent');
  }, 120_000);

  it('shows bob\'s answer at once (IDLE) in the same conversation', async () => {
    const answer = bobAnswer(RUN, servers().users.bob.address, servers().users.alice.address, figures.subject, [figures.messageId, replyMessageId]);
    await page.getByRole('tree', { name: 'Folders' }).getByRole('treeitem', { name: /^Inbox/ }).click();
    const list = page.getByRole('grid', { name: 'Message list' });
    await list.getByRole('row').filter({ hasText: figures.subject }).first().waitFor();
    await deliverMessage('alice', answer.raw, { servers: servers(), from: servers().users.bob.address });
    // No "Get mail": the Inbox is watched with IDLE, so the answer shows by itself.
    const thread = list.getByRole('row').filter({ hasText: answer.subject });
    // Dovecot tells an IDLE client within its mailbox check interval (30 s without inotify).
    await thread.waitFor({ timeout: 90_000 });
    // One row for the conversation (bob's message and his answer), newest first, with its size.
    await thread.getByRole('button', { name: 'Show the conversation' }).waitFor({ timeout: 60_000 });
    await thread.getByTitle('2 messages in this conversation').waitFor();
    await thread.getByRole('button', { name: 'Show the conversation' }).click();
    await thread.getByRole('button', { name: 'Hide the conversation' }).waitFor();
    const rows = await list.getByRole('row').allTextContents();
    const at = rows.findIndex((text) => text.includes(answer.subject));
    expect(rows[at + 1]).toContain(figures.subject);
    await thread.click();
    const reader = page.getByRole('article', { name: answer.subject });
    await reader.getByText(`Thanks Alice, got the file (${RUN}).`).waitFor();
    await reader.getByRole('tab', { name: 'Conversation' }).click();
    const conversation = reader.getByRole('tabpanel', { name: 'Conversation' });
    await expect.poll(() => conversation.textContent(), { timeout: 30_000 }).toContain('the figures for the first three quarters are attached');
    // Alice's own reply lives in Sent, yet belongs to the conversation, marked as such. (It and
    // bob's answer may carry the same second in their Date fields, so their order is not checked.)
    const items = conversation.locator('.conversation-item');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(3);
    const mine = items.filter({ has: page.locator('.conversation-folder') });
    expect(await mine.count()).toBe(1);
    expect(await mine.locator('.conversation-folder').textContent()).toBe('Sent');
    expect(await items.first().locator('.conversation-folder').count()).toBe(0);
    await mine.locator('.conversation-item-head').click();
    await mine.getByText(`Thanks Bob, my notes are attached (${RUN}).`).waitFor();
    await screenshot('thread');
  }, 120_000);

  it('flags a message and moves another to Archive, on the server too', async () => {
    const [flagged, moved] = [fillers[2], fillers[3]];
    if (flagged === undefined || moved === undefined) throw new Error('fillers missing');
    await page.getByRole('tree', { name: 'Folders' }).getByRole('treeitem', { name: /^Inbox/ }).click();
    const list = page.getByRole('grid', { name: 'Message list' });
    const flaggedRow = list.getByRole('row').filter({ hasText: flagged.subject });
    await flaggedRow.getByRole('button', { name: 'Star' }).click();
    await flaggedRow.getByRole('button', { name: 'Remove star' }).waitFor();
    await waitInMaildir('alice', (m) => m.raw.includes(flagged.messageId) && m.flags.includes('F'), 'INBOX');

    const movedRow = list.getByRole('row').filter({ hasText: moved.subject });
    await movedRow.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Message actions' });
    await menu.getByRole('menuitem', { name: 'Move to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move 1 messages' });
    await dialog.getByRole('combobox', { name: 'Folder' }).selectOption({ label: 'Archive' });
    await screenshot('move');
    await dialog.getByRole('button', { name: 'Move' }).click();
    await movedRow.waitFor({ state: 'detached' });
    await waitInMaildir('alice', (m) => m.raw.includes(moved.messageId), 'Archive');
    await expect.poll(async () => (await findInMaildir('alice', (m) => m.raw.includes(moved.messageId), { servers: servers() })).length, { timeout: 60_000 }).toBe(0);
    await page.getByRole('tree', { name: 'Folders' }).getByRole('treeitem', { name: /^Archive/ }).click();
    // As with Sent: the moved copy is listed once Archive is synced, which "Get mail" does now.
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Get mail' }).click();
    await list.getByRole('row').filter({ hasText: moved.subject }).waitFor({ timeout: 60_000 });
    await screenshot('archive');
  }, 120_000);

  it('searches as you type, Japanese included', async () => {
    await page.getByRole('tree', { name: 'Folders' }).getByRole('treeitem', { name: /^Inbox/ }).click();
    const search = page.getByRole('searchbox', { name: 'Search messages' });
    await search.fill('会議');
    const list = page.getByRole('grid', { name: 'Message list' });
    await list.getByRole('row').filter({ hasText: japanese.subject }).waitFor();
    await expect.poll(() => list.getByRole('row').filter({ hasText: RUN }).count()).toBe(1);
    await screenshot('search-japanese');
    await search.fill(`note 7 ${RUN}`);
    await list.getByRole('row').filter({ hasText: `Weekly note 7 ${RUN}` }).waitFor();
    await expect.poll(() => list.getByRole('row').filter({ hasText: RUN }).count()).toBe(1);
    await screenshot('search');
    await search.press('Escape');
    await list.getByRole('row').filter({ hasText: figures.subject }).waitFor();
  }, 60_000);

  // Last: takes Dovecot away (and always brings it back on the same ports).
  it('keeps reading offline, queues a message and delivers it once the server is back', async () => {
    if (stack === undefined) throw new Error('the stack did not start');
    const offlineSubject = `Offline note ${RUN}`;
    const status = page.getByRole('contentinfo').getByRole('list', { name: 'Accounts' });
    const composer = page.getByRole('dialog', { name: 'New message' });
    await withDovecotStopped(stack.descriptorPath, async () => {
      await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Get mail' }).click();
      await status.getByRole('listitem', { name: /: Offline$/ }).waitFor({ timeout: 90_000 });
      // What happened in the window's language; the engine's sentence with the host on hover.
      expect(await status.textContent()).toContain('Cannot reach the server');
      expect(await status.locator('.status-error').first().getAttribute('title')).toContain('Could not connect to imap.tegami.test');
      // What was downloaded stays readable.
      const list = page.getByRole('grid', { name: 'Message list' });
      await list.getByRole('row').filter({ hasText: japanese.subject }).click();
      await page.getByRole('article', { name: japanese.subject }).getByText(JAPANESE_BODY_LINE).waitFor();
      await screenshot('offline-reading');

      await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'New message' }).click();
      const to = composer.getByRole('combobox', { name: 'To' });
      await to.fill(servers().users.bob.address);
      await to.press('Enter');
      await composer.getByRole('textbox', { name: 'Subject' }).fill(offlineSubject);
      await composer.getByRole('textbox', { name: 'Message text' }).fill(`Written while the mail server was down (${RUN}).`);
      await composer.getByRole('button', { name: 'Send' }).click();
      await composer.getByText('Queued in the Outbox; it will be sent as soon as the server can be reached.').waitFor({ timeout: 60_000 });
      await screenshot('offline-queued');
      expect((await findInMaildir('bob', (m) => m.raw.includes(offlineSubject), { servers: servers() })).length).toBe(0);
    });
    const delivered = await waitInMaildir('bob', (m) => m.raw.toString('utf8').includes(`Subject: ${offlineSubject}`), 'INBOX', 180_000);
    expect(delivered.raw.toString('utf8')).toContain(`Written while the mail server was down (${RUN}).`);
    await composer.getByText('Sent.', { exact: true }).waitFor({ timeout: 60_000 });
    await screenshot('back-online');
    await composer.getByRole('button', { name: 'Close' }).click();
    await composer.waitFor({ state: 'detached' });
  }, 300_000);
});

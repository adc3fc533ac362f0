/**
 * The reader in the built app (web host + Chromium) on mail delivered through the shared stack's
 * Postfix to bob: headers with sender warnings and authentication badges, a Japanese
 * ISO-2022-JP body with quote levels, an HTML body with an inline cid: image, remote content and
 * a disguised link, attachments (open with the executable warning, save, previews), the raw
 * views, Save as .eml (a download byte for byte equal to the stored 8-bit Shift_JIS message),
 * the conversation view and the error state. Each message is opened in the app's
 * message window (?window=message&id=…), the route Electron uses for a message in its own window.
 * Screenshots go to test-results/e2e/reader-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Account, FolderSummary, MessageSummary, NewAccount } from '../../core/api/contract.js';
import { deliverMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';
import { launchWatchedBrowser, type WatchedBrowser } from './support/browser.js';
import { connectHostApi, type HostApi } from './support/host-api.js';
import { folderByRole, waitForMessages } from './support/mail-setup.js';
import { startMailWebHost, type WebHostProcess } from './support/web-host.js';
import { stackAccount } from '../servers/stack-accounts.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'test-results/e2e');
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const PDF = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
  '',
].join('\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90)]);

const ids = {
  japanese: `<jp-${RUN}@bank.example>`,
  html: `<html-${RUN}@shop.example>`,
  reply: `<re-${RUN}@tegami.test>`,
  big: `<big-${RUN}@tegami.test>`,
  sjis: `<sjis-${RUN}@tegami.test>`,
};

/** 見積のご送付 in Shift_JIS, sent as 8bit: bytes that are not UTF-8, so a text round trip would change them. */
const SJIS_BODY = Buffer.from([0x8c, 0xa9, 0x90, 0xcf, 0x82, 0xcc, 0x82, 0xb2, 0x91, 0x97, 0x95, 0x74]);
const SJIS_SUBJECT = `Save me: 見積/請求 ${RUN}`;

function shiftJisMessage(): Buffer {
  const head = [
    'From: Sales <sales@tegami.test>',
    'To: bob@tegami.test',
    `Subject: =?UTF-8?B?${Buffer.from(SJIS_SUBJECT).toString('base64')}?=`,
    'Date: Sat, 28 Nov 2026 08:00:00 +0000',
    `Message-ID: ${ids.sjis}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=Shift_JIS',
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), SJIS_BODY, Buffer.from('\r\n')]);
}

/** The app's own stored copy of a message: the Maildir file under the data folder that carries its Message-ID. */
async function storedCopy(dataDir: string, messageId: string): Promise<Buffer> {
  const found: Buffer[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && /[/\\](cur|new)$/.test(dir)) {
        const raw = await readFile(path);
        if (raw.includes(`Message-ID: ${messageId}`)) found.push(raw);
      }
    }
  };
  await walk(dataDir);
  if (found.length !== 1 || found[0] === undefined) throw new Error(`${found.length} stored copies of ${messageId}`);
  return found[0];
}

/** Above the engine's body size limit (core/sync/limits.ts, 2 MiB): synced as headers only. */
function bigMessage(): string {
  const blob = Buffer.alloc(2_400_000);
  for (let i = 0; i < blob.length; i++) blob[i] = (i * 7919) % 251;
  return [
    'From: Archive <archive@tegami.test>',
    'To: bob@tegami.test',
    `Subject: Big scan ${RUN}`,
    'Date: Sat, 28 Nov 2026 12:00:00 +0000',
    `Message-ID: ${ids.big}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The scan is attached.',
    '--b',
    'Content-Type: application/octet-stream; name="scan.bin"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="scan.bin"',
    '',
    b64Lines(blob),
    '--b--',
    '',
  ].join('\r\n');
}

function b64Lines(data: Buffer | string): string {
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('base64').replace(/.{1,76}/g, '$&\r\n').trimEnd();
}

/** A Japanese message in ISO-2022-JP (7bit JIS), the classic Japanese mail encoding, with a quoted part. */
async function japaneseMessage(): Promise<{ raw: Buffer; text: string; subject: string }> {
  const fixture = await readFile(join(ROOT, 'test/fixtures/mime/jp-iso-2022-jp.eml'));
  const bodyStart = fixture.indexOf('\r\n\r\n') + 4;
  const body = Buffer.concat([fixture.subarray(bodyStart), Buffer.from('\r\n> quoted line one\r\n> > older quote\r\n')]);
  const subjectHeader = fixture.toString('latin1').match(/^Subject: ([^\r]*(?:\r\n [^\r]*)*)/m)?.[1] ?? '';
  const head = [
    'From: "support@bank.example" <x@evil.example>',
    'To: Bob <bob@tegami.test>',
    'Reply-To: collect@third.example',
    `Subject: ${subjectHeader} ${RUN}`,
    'Date: Sat, 28 Nov 2026 09:15:00 +0900',
    `Message-ID: ${ids.japanese}`,
    'Authentication-Results: tegami.test; spf=fail smtp.mailfrom=mailer.other.example',
    'Authentication-Results: evil.example; dkim=pass header.d=bank.example',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-2022-JP',
    'Content-Transfer-Encoding: 7bit',
    '',
    '',
  ].join('\r\n');
  const raw = Buffer.concat([Buffer.from(head, 'latin1'), body]);
  const text = new TextDecoder('iso-2022-jp').decode(fixture.subarray(bodyStart));
  // Each encoded word decodes on its own (RFC 2047 §6.2), then adjacent words join.
  const subject = [...subjectHeader.matchAll(/=\?ISO-2022-JP\?B\?([^?]*)\?=/gi)].map((m) => new TextDecoder('iso-2022-jp').decode(Buffer.from(m[1] ?? '', 'base64'))).join('');
  return { raw, text, subject: `${subject} ${RUN}` };
}

function htmlMessage(): string {
  const html = [
    '<html><head><style>p.note { color: rgb(0, 128, 0) }</style></head><body>',
    `<h1 id="heading" style="color: rgb(200, 0, 0)">Offers ${RUN}</h1>`,
    '<p class="note" id="note">Styled by a sheet</p>',
    `<p><img id="logo" alt="logo" src="cid:logo-${RUN}@shop.example"></p>`,
    '<p><img id="remote" alt="remote" src="https://images.test/remote.png"></p>',
    '<p><a id="phish" href="https://phish.test/login">https://bank.example/</a></p>',
    '<p><a id="plain" href="https://shop.example/offers">See the offers</a></p>',
    '</body></html>',
  ].join('\r\n');
  return [
    'From: Shop <news@shop.example>',
    'To: bob@tegami.test',
    `Subject: HTML offers ${RUN}`,
    'Date: Sat, 28 Nov 2026 10:00:00 +0000',
    `Message-ID: ${ids.html}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mix"',
    '',
    '--mix',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Offers ${RUN} in plain text.`,
    '--alt',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64Lines(html),
    '--rel',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    `Content-ID: <logo-${RUN}@shop.example>`,
    'Content-Disposition: inline; filename="logo.png"',
    '',
    b64Lines(Buffer.from(PNG_1x1, 'base64')),
    '--rel--',
    '--alt--',
    '--mix',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="report.pdf"',
    '',
    b64Lines(PDF),
    '--mix',
    'Content-Type: image/png; name="photo.png"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="photo.png"',
    '',
    b64Lines(Buffer.from(PNG_1x1, 'base64')),
    '--mix',
    'Content-Type: application/x-msdownload; name="setup.exe"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="setup.exe"',
    '',
    b64Lines(EXE),
    '--mix--',
    '',
  ].join('\r\n');
}

function replyMessage(subject: string): string {
  return [
    'From: Bob <bob@tegami.test>',
    'To: "support@bank.example" <x@evil.example>',
    `Subject: Re: ${RUN}`,
    'Date: Sat, 28 Nov 2026 11:00:00 +0000',
    `Message-ID: ${ids.reply}`,
    `In-Reply-To: ${ids.japanese}`,
    `References: ${ids.japanese}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Thanks, received (${subject.length} characters of subject).`,
    '',
    'On Sat, 28 Nov 2026, support wrote:',
    '> first quoted line',
    '> second quoted line',
    '',
  ].join('\r\n');
}

function bobAccount(servers: ServersDescriptor): NewAccount {
  return stackAccount(servers, 'bob');
}

let host: WebHostProcess | undefined;
let api: HostApi | undefined;
let browser: WatchedBrowser | undefined;
let account: Account;
let inbox: FolderSummary;
let japanese: { raw: Buffer; text: string; subject: string };
let summaries: { japanese: MessageSummary; html: MessageSummary; reply: MessageSummary; big: MessageSummary; sjis: MessageSummary };

function messageUrl(id: string): string {
  if (host === undefined) throw new Error('set-up failed');
  return `${host.origin}/?window=message&id=${encodeURIComponent(id)}`;
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const servers = loadServers();
  japanese = await japaneseMessage();
  await deliverMessage('bob', japanese.raw, { servers, from: 'bounce@mailer.other.example' });
  await deliverMessage('bob', htmlMessage(), { servers, from: 'news@shop.example' });
  await deliverMessage('bob', replyMessage(japanese.subject), { servers, from: 'bob@tegami.test' });
  await deliverMessage('bob', bigMessage(), { servers, from: 'archive@tegami.test' });
  await deliverMessage('bob', shiftJisMessage(), { servers, from: 'sales@tegami.test' });
  host = await startMailWebHost(servers);
  api = await connectHostApi(host.origin, host.token);
  account = await api.call('addAccount', bobAccount(servers));
  inbox = await folderByRole(api, account, 'inbox');
  const [j, h, r, b, s] = await waitForMessages(api, account, inbox, [ids.japanese, ids.html, ids.reply, ids.big, ids.sjis]);
  if (j === undefined || h === undefined || r === undefined || b === undefined || s === undefined) throw new Error('messages missing');
  summaries = { japanese: j, html: h, reply: r, big: b, sjis: s };
  browser = await launchWatchedBrowser({ appOrigin: host.origin, acceptDownloads: true });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  // The first load carries the token; the cookie it sets lets later loads go without it. A
  // message window, not the main one: the main window would open (and so download) the newest
  // message, which the last test needs still on the server.
  await browser.page.goto(`${host.url}&window=message&id=${encodeURIComponent(summaries.reply.id)}`);
  await browser.page.getByRole('article').waitFor({ timeout: 30_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  api?.close();
  await host?.stop();
}, 120_000);

describe('the reader in the app', () => {
  it('shows the headers that matter, the sender warnings, the authentication badges and a Japanese body with quote levels', async () => {
    if (browser === undefined) throw new Error('set-up failed');
    const { page } = browser;
    await page.goto(messageUrl(summaries.japanese.id));
    const reader = page.getByRole('article', { name: japanese.subject });
    await reader.waitFor({ timeout: 30_000 });
    expect(await reader.getByRole('heading', { level: 2 }).textContent()).toBe(japanese.subject);
    expect(await reader.locator('.role-from').textContent()).toContain('support@bank.example<x@evil.example>');
    expect(await reader.locator('.role-replyTo').textContent()).toContain('collect@third.example');
    expect(await reader.locator('.role-date time').getAttribute('datetime')).toBe('2026-11-28T00:15:00.000Z');
    const kinds = await reader.locator('.reader-warning').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(kinds).toEqual(['display-name-address', 'return-path-mismatch', 'reply-to-mismatch']);
    expect(await reader.locator('[data-kind="return-path-mismatch"]').textContent()).toContain('bounce@mailer.other.example');
    const badges = await reader.locator('.reader-headers .reader-auth-badge').evaluateAll((items) => items.map((li) => [li.textContent, li.getAttribute('data-trusted')]));
    expect(badges).toEqual([
      ['SPF fail', 'true'],
      ['DKIM pass (unverified claim)', 'false'],
    ]);
    // ISO-2022-JP decoded, quoted lines as nested quotes.
    const own = await reader.locator('.text-body-own').first().textContent();
    expect(own).toContain(japanese.text.trim().split('\r\n')[0]);
    expect(await reader.locator('blockquote[data-depth="1"]').textContent()).toContain('quoted line one');
    expect(await reader.locator('blockquote[data-depth="2"]').textContent()).toContain('older quote');
    await page.screenshot({ path: join(SHOTS, 'reader-japanese.png') });
    expect(browser.pageErrors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  }, 60_000);

  it('shows the source with a working copy button, every header in order and the Received path with the authentication results', async () => {
    if (browser === undefined || api === undefined) throw new Error('set-up failed');
    const { page } = browser;
    await page.goto(messageUrl(summaries.japanese.id));
    const reader = page.getByRole('article', { name: japanese.subject });
    await reader.waitFor({ timeout: 30_000 });

    await reader.getByRole('tab', { name: 'View source' }).click();
    const source = reader.locator('.reader-source-text');
    await source.waitFor();
    const raw = await api.call('getRawMessage', summaries.japanese.id);
    expect(await source.textContent()).toBe(raw.text);
    await reader.getByRole('button', { name: 'Copy' }).click();
    await reader.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(raw.text);
    await page.screenshot({ path: join(SHOTS, 'reader-source.png') });

    // Keyboard: the tabs are one stop, arrows move between views.
    await reader.getByRole('tab', { name: 'View source' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await reader.getByRole('tab', { name: 'All headers' }).getAttribute('aria-selected')).toBe('true');
    const names = await reader.locator('.reader-all-headers tbody th').allTextContents();
    const content = await api.call('getMessage', summaries.japanese.id);
    expect(names).toEqual(content.headers.map((h) => h.name));
    // Postfix and Dovecot prepended their fields above what the sender wrote.
    expect(names.indexOf('Return-Path')).toBeLessThan(names.indexOf('From'));
    expect(names.filter((n) => n === 'Received').length).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(SHOTS, 'reader-headers.png') });

    await reader.getByRole('tab', { name: 'Received path' }).click();
    const hops = reader.locator('li.received-hop');
    expect(await hops.count()).toBe(content.received.length);
    expect(await reader.locator('.reader-path-auth').textContent()).toContain('claimed by evil.example, not your provider');
    await page.screenshot({ path: join(SHOTS, 'reader-path.png') });
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('shows an HTML body with its inline image, blocks remote content until allowed for the sender, and asks before a disguised link', async () => {
    if (browser === undefined || host === undefined) throw new Error('set-up failed');
    const { page } = browser;
    browser.foreignRequests.length = 0;
    await page.goto(messageUrl(summaries.html.id));
    const reader = page.getByRole('article', { name: `HTML offers ${RUN}` });
    await reader.waitFor({ timeout: 30_000 });
    const frame = page.frameLocator('iframe.html-body-frame');
    await frame.locator('#heading').waitFor();
    await expect.poll(() => frame.locator('#logo').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await frame.locator('#logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    expect(await frame.locator('#remote').getAttribute('src')).toBeNull();
    // The mail's own styles apply (through the CSSOM: the app's CSP forbids inline style).
    expect(await frame.locator('#heading').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(200, 0, 0)');
    expect(await frame.locator('#note').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 128, 0)');
    expect(await reader.locator('.remote-content-bar').textContent()).toContain('Remote content blocked');
    expect(await reader.locator('.link-warnings').textContent()).toContain('https://phish.test/login');
    expect(browser.foreignRequests).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'reader-html.png') });

    // multipart/alternative: the plain text version on request, and back.
    await reader.getByRole('button', { name: 'Show as plain text' }).click();
    expect(await reader.locator('.text-body').textContent()).toContain(`Offers ${RUN} in plain text.`);
    expect(await reader.locator('iframe.html-body-frame').count()).toBe(0);
    await reader.getByRole('button', { name: 'Show formatted (HTML)' }).click();
    await frame.locator('#heading').waitFor();

    // The inline image is shown in place, not listed; the other three are.
    const names = await reader.locator('.reader-attachment-name').allTextContents();
    expect(names).toEqual(['report.pdf', 'photo.png', 'setup.exe']);

    await reader.getByRole('button', { name: 'Always for this sender' }).click();
    await expect.poll(async () => JSON.parse(await readFile(join(host!.dataDir, 'settings.json'), 'utf8')) as unknown).toMatchObject({ remoteContentSenders: ['news@shop.example'] });
    await expect.poll(() => frame.locator('#remote').getAttribute('src')).toBe('https://images.test/remote.png');
    // The request left the sanitizer and the CSPs (the watched browser refuses it at the network).
    await expect.poll(() => browser!.foreignRequests).toContain('https://images.test/remote.png');

    // A fresh load of the same sender's message: remote content is allowed from the setting.
    browser.foreignRequests.length = 0;
    await page.reload();
    await frame.locator('#heading').waitFor();
    expect(await reader.locator('.remote-content-bar').count()).toBe(0);
    await expect.poll(() => browser!.foreignRequests).toContain('https://images.test/remote.png');

    // The disguised link: the real target is shown first; opening goes to a new tab on the web.
    await frame.locator('#phish').hover();
    await expect.poll(() => reader.locator('.html-body-link-target').textContent()).toBe('https://phish.test/login');
    await frame.locator('#phish').click();
    const dialog = page.getByRole('alertdialog', { name: 'This link leads somewhere else' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('https://phish.test/login');
    await page.screenshot({ path: join(SHOTS, 'reader-link-warning.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(browser.popups).toEqual([]);
    // An ordinary link opens at once: the web host answers 'unsupported', so the page opens a new
    // tab (its request is the watched browser's to refuse); the reader itself does not navigate.
    const popup = page.context().waitForEvent('page');
    await frame.locator('#plain').click();
    const opened = await popup;
    await expect.poll(() => browser!.foreignRequests).toContain('https://shop.example/offers');
    expect(browser.popups).toHaveLength(1);
    expect(page.url()).toBe(messageUrl(summaries.html.id));
    await opened.close();
    expect(browser.navigations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    // Refused remote loads are the watched browser's doing; nothing else may complain (no CSP violation).
    expect(browser.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  }, 90_000);

  it('saves the message as a .eml download named after the subject, byte for byte the stored 8-bit message', async () => {
    if (browser === undefined || host === undefined) throw new Error('set-up failed');
    const { page } = browser;
    await page.goto(messageUrl(summaries.sjis.id));
    const reader = page.getByRole('article', { name: SJIS_SUBJECT });
    await reader.waitFor({ timeout: 30_000 });
    await reader.getByRole('tab', { name: 'View source' }).click();
    await reader.locator('.reader-source-text').waitFor();

    const download = page.waitForEvent('download');
    await reader.getByRole('button', { name: 'Save as .eml…' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`Save me_ 見積_請求 ${RUN}.eml`);
    const saved = await readFile((await file.path()) ?? '');
    const stored = await storedCopy(host.dataDir, ids.sjis);
    expect(saved.length).toBe(stored.length);
    expect(Buffer.compare(saved, stored)).toBe(0);
    // The Shift_JIS body is there as sent, not as U+FFFD replacements.
    expect(saved.includes(SJIS_BODY)).toBe(true);
    await reader.getByText(`Downloaded Save me_ 見積_請求 ${RUN}.eml.`).waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('warns before opening an executable, downloads on the web, saves, and previews images and PDFs', async () => {
    if (browser === undefined) throw new Error('set-up failed');
    const { page } = browser;
    await page.goto(messageUrl(summaries.html.id));
    const reader = page.getByRole('article', { name: `HTML offers ${RUN}` });
    await reader.waitFor({ timeout: 30_000 });
    const sizes = await reader.locator('.reader-attachment-size').allTextContents();
    expect(sizes[2]).toBe('64 bytes');

    await reader.getByRole('button', { name: 'Open setup.exe' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Open a program?' });
    await dialog.waitFor();
    // Focus starts on Cancel, the safe answer.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.screenshot({ path: join(SHOTS, 'reader-exec-warning.png') });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Open the program' }).click();
    const exe = await download;
    expect(exe.suggestedFilename()).toBe('setup.exe');
    expect(await readFile((await exe.path()) ?? '')).toEqual(EXE);

    const saved = page.waitForEvent('download');
    await reader.getByRole('button', { name: 'Save report.pdf' }).click();
    const pdf = await saved;
    expect(pdf.suggestedFilename()).toBe('report.pdf');
    expect((await readFile((await pdf.path()) ?? '')).toString()).toBe(PDF);

    // Dragging out: on the web the drag carries the file for Chromium's desktop drop (DownloadURL).
    const row = reader.locator('.reader-attachment', { hasText: 'report.pdf' });
    await row.hover();
    await page.waitForTimeout(300);
    const transfer = await page.evaluateHandle(() => new DataTransfer());
    await row.dispatchEvent('dragstart', { dataTransfer: transfer });
    const downloadUrl = await transfer.evaluate((dt) => dt.getData('DownloadURL'));
    expect(downloadUrl).toMatch(/^application\/octet-stream:report\.pdf:blob:/);
    // What a drop on the desktop would save: the bytes behind that URL (fetched as a download,
    // since the page's connect-src does not reach blob: URLs).
    const dropped = page.waitForEvent('download');
    await page.evaluate((url) => {
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = 'dropped.pdf';
      anchor.click();
    }, downloadUrl.replace(/^application\/octet-stream:report\.pdf:/, ''));
    expect((await readFile((await (await dropped).path()) ?? '')).toString()).toBe(PDF);

    await reader.getByRole('button', { name: 'Preview photo.png' }).click();
    const image = reader.getByRole('img', { name: 'Preview of photo.png' });
    await image.waitFor();
    expect(await image.getAttribute('src')).toBe(`data:image/png;base64,${PNG_1x1}`);

    await reader.getByRole('button', { name: 'Preview report.pdf' }).click();
    const pdfFrame = reader.locator('iframe.reader-preview-pdf');
    await pdfFrame.waitFor();
    expect(await pdfFrame.getAttribute('src')).toMatch(/^blob:/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'reader-pdf-preview.png') });
    // The sender's remote image is allowed by now and refused by the watched browser; nothing else may complain.
    expect(browser.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  }, 90_000);

  it('shows the conversation in order with the selected message open and quoted text folded', async () => {
    if (browser === undefined) throw new Error('set-up failed');
    const { page } = browser;
    await page.goto(messageUrl(summaries.reply.id));
    const reader = page.getByRole('article', { name: `Re: ${RUN}` });
    await reader.waitFor({ timeout: 30_000 });
    await reader.getByRole('tab', { name: 'Conversation' }).click();
    const items = reader.locator('.conversation-item');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(2);
    expect(await items.evaluateAll((li) => li.map((item) => item.getAttribute('data-id')))).toEqual([summaries.japanese.id, summaries.reply.id]);
    const selected = items.nth(1);
    await selected.locator('.text-body').waitFor();
    expect(await selected.textContent()).toContain('Thanks, received');
    expect(await selected.textContent()).not.toContain('first quoted line');
    await selected.getByRole('button', { name: 'Show quoted text (3 lines)' }).click();
    expect(await selected.textContent()).toContain('first quoted line');
    // The earlier message is still unread, so it starts open too; its header folds it away.
    const first = items.nth(0);
    const head = first.locator('.conversation-item-head');
    expect(await head.getAttribute('aria-expanded')).toBe('true');
    await first.locator('.text-body').waitFor();
    expect(await first.textContent()).toContain(japanese.text.trim().split('\r\n')[0]);
    await head.click();
    await first.locator('.text-body').waitFor({ state: 'detached' });
    expect(await head.getAttribute('aria-expanded')).toBe('false');
    expect(await first.locator('.conversation-snippet').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'reader-conversation.png') });
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('speaks Japanese', async () => {
    if (host === undefined) throw new Error('set-up failed');
    const ja = await launchWatchedBrowser({ appOrigin: host.origin, locale: 'ja-JP' });
    try {
      await ja.page.goto(`${host.url}&window=message&id=${encodeURIComponent(summaries.japanese.id)}`);
      const reader = ja.page.getByRole('article', { name: japanese.subject });
      await reader.waitFor({ timeout: 30_000 });
      expect(await reader.locator('.role-from dt').textContent()).toBe('差出人');
      expect(await reader.getByRole('tab', { name: 'ソースを表示' }).count()).toBe(1);
      expect(await reader.locator('.reader-headers').textContent()).toContain('DKIM pass (未検証の主張)');
      await ja.page.screenshot({ path: join(SHOTS, 'reader-ja.png') });
    } finally {
      await ja.close();
    }
  }, 60_000);

  it('says why a message cannot be shown and offers to try again', async () => {
    if (browser === undefined) throw new Error('set-up failed');
    const { page } = browser;
    await page.goto(messageUrl(`${inbox.id}/999999999`));
    const alert = page.getByRole('alert').filter({ hasText: 'The message could not be shown' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/Error code: [a-z-]+/);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await alert.waitFor();
    await page.screenshot({ path: join(SHOTS, 'reader-error.png') });
  }, 60_000);

  it('refuses a message file the host was not given, with the reason', async () => {
    if (browser === undefined || host === undefined) throw new Error('set-up failed');
    const { page } = browser;
    await page.goto(`${host.origin}/?window=message&file=${encodeURIComponent('/etc/hostname')}`);
    const alert = page.getByRole('alert').filter({ hasText: 'The message could not be shown' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/Error code: [a-z-]+/);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
  }, 60_000);

  it('says when a big message is still being fetched from the server, then shows it', async () => {
    if (browser === undefined) throw new Error('set-up failed');
    expect(summaries.big.bodyDownloaded).toBe(false);
    const page = await browser.context.newPage();
    try {
      // The host's answers to getMessage are held until the loading state has been seen.
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = new Set<number>();
      await page.routeWebSocket(/\/ws/, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((message) => {
          if (typeof message === 'string') {
            const request = JSON.parse(message) as { id?: number; method?: string };
            if (request.method === 'getMessage' && request.id !== undefined) held.add(request.id);
          }
          server.send(message);
        });
        server.onMessage((message) => {
          const id = typeof message === 'string' ? (JSON.parse(message) as { id?: number }).id : undefined;
          if (id !== undefined && held.has(id)) void released.then(() => ws.send(message));
          else ws.send(message);
        });
      });
      await page.goto(messageUrl(summaries.big.id));
      const status = page.getByRole('status').filter({ hasText: 'has not been downloaded yet' });
      await status.waitFor({ timeout: 30_000 });
      expect(await status.textContent()).toMatch(/\(3\.\d MB\)/);
      expect(await status.locator('progress').count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, 'reader-downloading.png') });
      release();
      const reader = page.getByRole('article', { name: `Big scan ${RUN}` });
      await reader.waitFor({ timeout: 30_000 });
      expect(await reader.locator('.text-body').textContent()).toContain('The scan is attached.');
      expect(await reader.locator('.reader-attachment-name').allTextContents()).toEqual(['scan.bin']);
    } finally {
      await page.close();
    }
  }, 90_000);
});

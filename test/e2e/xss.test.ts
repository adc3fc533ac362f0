/**
 * The XSS corpus (test/fixtures/xss/corpus.ts) delivered through Postfix to alice and opened in
 * the reader of the built app (web host + Chromium): nothing may execute (no dialog, no marker
 * set in any frame, no page error), and no request may leave the page — every request that is
 * not for the app is caught by interception, and the pixel server the corpus points at must see
 * no hit at all (which also covers a fetch by the host process). A screenshot of each message
 * goes to test-results/e2e/xss-NN-NAME.png.
 *
 * The stack is private to this file (its mailboxes hold only this corpus); the account is added
 * through the host's API, since the wizard is not what this test is about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from 'playwright-core';
import type { Account, FolderSummary, MessageSummary } from '../../core/api/contract.js';
import { xssCorpus, type XssMessage } from '../fixtures/xss/corpus.js';
import { deliverMessage } from '../servers/deliver.js';
import { launchWatchedBrowser, type WatchedBrowser } from './support/browser.js';
import { connectHostApi, type HostApi } from './support/host-api.js';
import { aliceAccount, folderByRole, waitForMessages } from './support/mail-setup.js';
import { startPixelServer, type PixelServer } from './support/pixel-server.js';
import { startPrivateStack, type PrivateStack } from './support/private-stack.js';
import { startMailWebHost, type WebHostProcess } from './support/web-host.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'test-results/e2e');
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/**
 * Chromium checks the page's CSP while DOMPurify parses the message in an inert document and
 * reports the inline handlers, inline styles and <base> it meets there as blocked, although
 * nothing in an inert document runs or loads (cure53/DOMPurify#107, #900). Those reports are the
 * only console errors a hostile message may cause.
 */
const CSP_REPORT = /violates the following Content Security Policy directive.*The action has been blocked\./s;

let stack: PrivateStack | undefined;
let pixel: PixelServer | undefined;
let host: WebHostProcess | undefined;
let api: HostApi | undefined;
let browser: WatchedBrowser | undefined;
let account: Account;
let inbox: FolderSummary;
let corpus: XssMessage[];
let summaries: MessageSummary[];

/** Reads the attack marker in one frame; a frame where no script can run at all answers null. */
async function markerIn(frame: Frame): Promise<unknown> {
  try {
    return await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);
  } catch {
    return null;
  }
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  stack = await startPrivateStack();
  pixel = await startPixelServer();
  host = await startMailWebHost(stack.servers);
  api = await connectHostApi(host.origin, host.token);
  account = await api.call('addAccount', aliceAccount(stack.servers));
  inbox = await folderByRole(api, account, 'inbox');
  corpus = xssCorpus({ pixel: pixel.origin, run: RUN, to: stack.servers.users.alice.address });
  for (const message of corpus) await deliverMessage('alice', message.raw, { servers: stack.servers });
  summaries = await waitForMessages(api, account, inbox, corpus.map((m) => m.messageId));
  browser = await launchWatchedBrowser({ appOrigin: host.origin });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  api?.close();
  await host?.stop();
  await pixel?.close();
  await stack?.stop();
}, 120_000);

describe('the XSS corpus in the reader', () => {
  it('arrives through Postfix with every hostile header kept as text', () => {
    const headers = summaries[corpus.findIndex((m) => m.name === 'headers')];
    expect(headers?.subject).toContain('<img src=x onerror=');
    expect(headers?.from[0]?.name).toContain('<img src=x onerror=');
  });

  it('opens every message without running anything or fetching anything', async () => {
    if (browser === undefined || host === undefined || pixel === undefined) throw new Error('set-up failed');
    const { page } = browser;
    await page.goto(host.url);
    const list = page.getByRole('grid', { name: 'Message list' });
    await list.getByRole('row').filter({ hasText: corpus[0]?.subject ?? '' }).first().waitFor({ timeout: 60_000 });

    for (const [index, message] of corpus.entries()) {
      const row = list.getByRole('row').filter({ hasText: message.subject }).first();
      await row.scrollIntoViewIfNeeded();
      await row.click();
      const reader = page.getByRole('article', { name: new RegExp(`^${message.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
      await reader.waitFor({ timeout: 30_000 });
      // The body has rendered (an HTML body's frame has loaded, or the text is there).
      const frame = reader.locator('iframe');
      if ((await frame.count()) > 0) {
        await expect.poll(async () => (await frame.first().elementHandle())?.contentFrame().then((f) => f?.url()), { timeout: 15_000 }).toBe('about:srcdoc');
        const content = await (await frame.first().elementHandle())?.contentFrame();
        await content?.waitForLoadState('load');
      }
      // Markup in a plain-text body or a header is shown as the characters it is.
      if (message.name === 'plain-text') await reader.getByText('<script>top.__xss=1', { exact: false }).first().waitFor();
      if (message.name === 'headers') await reader.getByText("<img src=x onerror='top.__xss=1", { exact: false }).first().waitFor();
      // Hovering and clicking inside the body are what an attacker's handlers wait for.
      await reader.hover();
      await page.waitForLoadState('load');
      const shot = `xss-${String(index + 1).padStart(2, '0')}-${message.name}.png`;
      await page.screenshot({ path: join(SHOTS, shot) });

      const markers = await Promise.all(page.frames().map(markerIn));
      expect(markers.filter((m) => m !== null), message.name).toEqual([]);
      expect(browser.dialogs, message.name).toEqual([]);
      expect(browser.popups, message.name).toEqual([]);
      expect(browser.pageErrors, message.name).toEqual([]);
      expect(browser.navigations, message.name).toEqual([]);
      expect(browser.foreignRequests, message.name).toEqual([]);
      expect(pixel.hits, message.name).toEqual([]);
      expect(browser.consoleErrors.filter((error) => !CSP_REPORT.test(error)), message.name).toEqual([]);
    }
  }, 300_000);

  it('"Load once" lets only https images load: plain-http pixels, CSS and frames stay blocked', async () => {
    if (browser === undefined || pixel === undefined) throw new Error('set-up failed');
    const { page } = browser;
    const message = corpus.find((m) => m.name === 'remote-images');
    if (message === undefined) throw new Error('remote-images missing');
    await page.getByRole('grid', { name: 'Message list' }).getByRole('row').filter({ hasText: message.subject }).first().click();
    const reader = page.getByRole('article', { name: message.subject });
    await reader.getByRole('button', { name: 'Load once' }).click();
    await reader.getByRole('button', { name: 'Load once' }).waitFor({ state: 'detached' });
    const content = await (await reader.locator('iframe').first().elementHandle())?.contentFrame();
    await content?.waitForLoadState('load');
    await page.screenshot({ path: join(SHOTS, 'xss-20-remote-images-load-once.png') });
    expect(browser.foreignRequests).toEqual([]);
    expect(pixel.hits).toEqual([]);
    expect(browser.dialogs).toEqual([]);
  }, 60_000);
});

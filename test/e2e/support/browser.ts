/**
 * Debian's Chromium through playwright-core, watching everything a page might do behind the
 * user's back: every request that is not for the app itself is recorded and refused, and
 * dialogs, pop-ups, console errors, page errors and frame navigations are recorded too.
 * Sandboxed frames are kept in the page's process (--disable-features=IsolateSandboxedIframes)
 * so their requests pass the same interception.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=IsolateSandboxedIframes',
];

export interface WatchedBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests for anything but the app's own origin (all refused). */
  readonly foreignRequests: string[];
  readonly dialogs: string[];
  readonly popups: string[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Frames that navigated somewhere other than about:srcdoc / about:blank. */
  readonly navigations: string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** The app's origin (http://127.0.0.1:PORT): the only one requests may go to. */
  readonly appOrigin: string;
  readonly locale?: string;
  /** Where downloads are kept (Playwright's download event); a temp folder by default. */
  readonly acceptDownloads?: boolean;
}

export async function launchWatchedBrowser(options: BrowserOptions): Promise<WatchedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'tegami-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const watched: WatchedBrowser = {
    context,
    page,
    foreignRequests: [],
    dialogs: [],
    popups: [],
    consoleErrors: [],
    pageErrors: [],
    navigations: [],
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === options.appOrigin) {
      await route.continue();
      return;
    }
    watched.foreignRequests.push(url);
    await route.abort('blockedbyclient');
  });
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  context.on('page', (opened) => {
    if (opened !== page) watched.popups.push(opened.url());
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    watched.consoleErrors.push(url === '' ? message.text() : `${message.text()} (at ${url}:${lineNumber})`);
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (frame !== page.mainFrame() && url !== 'about:srcdoc' && url !== 'about:blank' && url !== '') watched.navigations.push(url);
  });
  return watched;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * The HTML body sanitizer in real Chromium (DOMPurify needs a real DOM): every
 * message of the XSS corpus is sanitized in the page and then rendered into an
 * iframe with sandbox="" and the srcdoc the reader uses. Nothing may execute and
 * no request may leave the page; "load once" lets only that message's https: image load.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, 'test/fixtures/html/xss');
const CHROMIUM = '/usr/bin/chromium';
// Chromium puts sandboxed iframes in their own process, where Playwright's request interception
// does not reach; keeping them in-process lets every request be seen (and the console check below
// catches any load attempt either way).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=IsolateSandboxedIframes'];
const PAGE_URL = 'http://page.test/';
const ALLOWED_IMAGE = 'https://images.test/allowed.png';
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let tmp: string;
let context: BrowserContext;
let page: Page;
let bundle: string;
const requests: string[] = [];
const events: string[] = [];

interface Harness {
  sanitizeHtml(html: string, options: { allowRemote: boolean }): { srcdoc: string; blockedRemote: number; styleSheets: string[] };
}

beforeAll(async () => {
  const result = await build({
    stdin: {
      contents: [
        `export { sanitizeHtml } from './renderer/src/features/message-view/html-body/sanitize.ts';`,
        `import { createElement, useState } from 'react';`,
        `import { createRoot } from 'react-dom/client';`,
        `import { HtmlBody } from './renderer/src/features/message-view/html-body/HtmlBody.tsx';`,
        `export const always = [];`,
        `export const links = [];`,
        `function Reader({ html, foldQuotes }) { const [allow, setAllow] = useState(false); return createElement(HtmlBody, { html, foldQuotes, allowRemote: allow, onLoadRemoteOnce: () => setAllow(true), onAlwaysForSender: () => always.push(1), onOpenLink: (href, text) => links.push([href, text]) }); }`,
        `let mounted;`,
        `export function mount(html, foldQuotes = false) { mounted?.unmount(); document.getElementById('reader')?.remove(); const el = document.createElement('div'); el.id = 'reader'; document.body.append(el); mounted = createRoot(el); mounted.render(createElement(Reader, { html, foldQuotes })); }`,
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'tsx',
    },
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    bundle: true,
    format: 'iife',
    globalName: 'TegamiHtml',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
  tmp = await mkdtemp(join(tmpdir(), 'tegami-html-body-'));
  context = await chromium.launchPersistentContext(tmp, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = context.pages()[0] ?? (await context.newPage());
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === PAGE_URL) {
      await route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head><meta charset="utf-8"></head><body><script>${bundle}</script></body></html>` });
      return;
    }
    requests.push(url);
    if (url === ALLOWED_IMAGE) await route.fulfill({ contentType: 'image/png', body: PNG_1x1 });
    else await route.abort();
  });
  page.on('dialog', (dialog) => {
    events.push(`dialog:${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => events.push(`console:${message.text()}`));
  page.on('popup', (popup) => events.push(`popup:${popup.url()}`));
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() && frame.url() !== 'about:srcdoc') events.push(`navigated:${frame.url()}`);
  });
  await page.goto(PAGE_URL);
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

/** Sanitizes in the page, then shows the result in a sandbox="" iframe and waits for it to load. */
async function render(html: string, allowRemote: boolean): Promise<{ srcdoc: string; blockedRemote: number }> {
  return page.evaluate(
    async ({ html, allowRemote }) => {
      const harness = (window as unknown as { TegamiHtml: Harness }).TegamiHtml;
      const safe = harness.sanitizeHtml(html, { allowRemote });
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', '');
      frame.srcdoc = safe.srcdoc;
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await loaded;
      // Lazy network work (images, fonts) gets a moment to start before the checks.
      await new Promise((resolve) => setTimeout(resolve, 200));
      return safe;
    },
    { html, allowRemote },
  );
}

async function pwned(): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

describe('HTML body in Chromium', () => {
  it('sanitizes and renders every corpus message without executing anything or making a request', async () => {
    const files = (await readdir(CORPUS)).filter((name) => name.endsWith('.html')).sort();
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const html = await readFile(join(CORPUS, file), 'utf8');
      const safe = await render(html, false);
      expect(safe.srcdoc, file).not.toMatch(/<script|onerror|onload|javascript:|vbscript:|<form|<iframe|<object|<embed|<svg|<base|http-equiv="refresh"|evil\.test/i);
      expect(await pwned(), file).toBeUndefined();
      expect(requests, file).toEqual([]);
      expect(events, file).toEqual([]);
    }
  }, 60_000);

  it('counts blocked remote content and loads an allowed image only for the message it was allowed for', async () => {
    const html = `<p>news</p><img src="${ALLOWED_IMAGE}"><div style="background:url(https://images.test/css.png)">x</div>`;
    const blocked = await render(html, false);
    expect(blocked.blockedRemote).toBe(2);
    expect(requests).toEqual([]);

    const once = await render(html, true);
    expect(once.srcdoc).toContain(ALLOWED_IMAGE);
    expect(requests).toEqual([ALLOWED_IMAGE]);

    // Another message rendered without the permission stays blocked.
    requests.length = 0;
    await render(`<img src="${ALLOWED_IMAGE}?other">`, false);
    expect(requests).toEqual([]);
    expect(events).toEqual([]);
  }, 30_000);

  it('blocks remote and dangerous CSS written with escapes, comments or image-set() in style attributes and <style> elements', async () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['u\\72l(', 'background:u\\72l(https://evil.test/a.png)'],
      ['\\75rl(', 'background:\\75rl(https://evil.test/a.png)'],
      ['\\000075rl(', 'background:\\000075rl(https://evil.test/a.png)'],
      ['&#x5c;75rl(', 'background:&#x5c;75rl(https://evil.test/a.png)'],
      ['&#117;rl(', 'background:&#117;rl(https://evil.test/a.png)'],
      ['image-set(', "background:image-set('https://evil.test/a.png' 1x)"],
      ['-webkit-image-set(', 'background:-webkit-image-set(url(https://evil.test/a.png) 1x)'],
      ['u/**/rl(', 'background:u/**/rl(https://evil.test/a.png)'],
      ['expr\\65ssion(', 'width:expr\\65ssion(alert(1))'],
      ['beh\\61vior:', 'beh\\61vior:url(https://evil.test/x.htc)'],
    ];
    for (const [name, declaration] of cases) {
      const inAttribute = await page.evaluate((html) => (window as unknown as { TegamiHtml: Harness }).TegamiHtml.sanitizeHtml(html, { allowRemote: true }), `<p style="color:red;${declaration}">x</p>`);
      expect(inAttribute.srcdoc, name).toMatch(/data-tegami-style="color:red;/);
      expect(inAttribute.srcdoc, name).not.toMatch(/evil\.test|expr|beh/);
      // A character reference is markup: <style> is raw text, where "&#117;" is not a "u".
      if (declaration.includes('&#')) continue;
      const inSheet = await page.evaluate((html) => (window as unknown as { TegamiHtml: Harness }).TegamiHtml.sanitizeHtml(html, { allowRemote: false }), `<style>p{color:red;${declaration}}</style><p>x</p>`);
      expect(inSheet.styleSheets.join(''), name).toMatch(/^p\{color:red;/);
      expect(inSheet.styleSheets.join(''), name).not.toMatch(/evil\.test|expr|beh/);
      expect(inSheet.blockedRemote, name).toBe(1);
    }
  }, 30_000);

  it('shows the reader view: sandboxed frame, remote-content bar, real link targets, load once', async () => {
    requests.length = 0;
    const html = `<p>hi</p><a href="https://phish.test/login">https://bank.example/</a><img src="${ALLOWED_IMAGE}">`;
    await page.evaluate((html) => (window as unknown as { TegamiHtml: { mount(html: string): void } }).TegamiHtml.mount(html), html);
    const frame = page.locator('#reader iframe.html-body-frame');
    // Same origin but no scripts: the page can size the frame and take link clicks; the mail cannot run code.
    expect(await frame.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(await page.locator('#reader .link-warnings').textContent()).toContain('https://phish.test/login');
    await page.locator('#reader .remote-content-bar button').nth(1).click();
    expect(await page.evaluate(() => (window as unknown as { TegamiHtml: { always: unknown[] } }).TegamiHtml.always.length)).toBe(1);
    expect(requests).toEqual([]);
    await page.locator('#reader .remote-content-bar button').first().click();
    await expect.poll(() => requests).toEqual([ALLOWED_IMAGE]);
    expect(await page.locator('#reader .remote-content-bar').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
    expect(events).toEqual([]);
  }, 30_000);

  it('renders every corpus message through the reader view (same-origin frame without scripts) with nothing executed or fetched', async () => {
    requests.length = 0;
    events.length = 0;
    const files = (await readdir(CORPUS)).filter((name) => name.endsWith('.html')).sort();
    for (const file of files) {
      const html = await readFile(join(CORPUS, file), 'utf8');
      await page.evaluate((html) => (window as unknown as { TegamiHtml: { mount(html: string): void } }).TegamiHtml.mount(html), html);
      await page.locator('#reader iframe.html-body-frame').waitFor();
      await page.waitForTimeout(150);
      expect(await pwned(), file).toBeUndefined();
      expect(requests, file).toEqual([]);
      expect(events, file).toEqual([]);
    }
  }, 60_000);

  it('hands link clicks to the reader instead of navigating, shows the target on hover and sizes the frame to its content', async () => {
    requests.length = 0;
    const tall = '<p>line</p>'.repeat(60);
    const html = `${tall}<p><a id="go" href="https://phish.test/login">https://bank.example/</a></p>`;
    await page.evaluate((html) => (window as unknown as { TegamiHtml: { mount(html: string): void } }).TegamiHtml.mount(html), html);
    const frameElement = page.locator('#reader iframe.html-body-frame');
    await frameElement.waitFor();
    await expect.poll(async () => Number((await frameElement.getAttribute('style'))?.match(/height: (\d+)px/)?.[1] ?? 0)).toBeGreaterThan(600);
    const link = page.frameLocator('#reader iframe.html-body-frame').locator('#go');
    await link.hover();
    await expect.poll(() => page.locator('#reader .html-body-link-target').textContent()).toBe('https://phish.test/login');
    await link.click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { TegamiHtml: { links: unknown[] } }).TegamiHtml.links)).toEqual([['https://phish.test/login', 'https://bank.example/']]);
    // The frame stayed on its own document: nothing navigated, nothing was requested.
    expect(requests).toEqual([]);
    expect(events).toEqual([]);
  }, 30_000);

  it('folds quoted earlier messages behind a button in the conversation view, outermost quote only', async () => {
    requests.length = 0;
    const html = '<p id="own">Sounds good.</p><div class="gmail_quote"><p>On Sat, Bob wrote:</p><blockquote id="q1">Lunch? <blockquote id="q2">older</blockquote></blockquote></div><blockquote id="q3">second quote</blockquote>';
    await page.evaluate((html) => (window as unknown as { TegamiHtml: { mount(html: string, fold: boolean): void } }).TegamiHtml.mount(html, true), html);
    const frame = page.frameLocator('#reader iframe.html-body-frame');
    await frame.locator('#own').waitFor();
    const toggles = frame.locator('button.tegami-quote-toggle');
    await expect.poll(() => toggles.count()).toBe(2);
    expect(await frame.locator('#q1').isVisible()).toBe(false);
    expect(await frame.locator('#q3').isVisible()).toBe(false);
    expect(await toggles.first().textContent()).toBe('Show quoted text');
    await toggles.first().click();
    expect(await frame.locator('#q1').isVisible()).toBe(true);
    expect(await frame.locator('#q2').isVisible()).toBe(true);
    expect(await frame.locator('#q3').isVisible()).toBe(false);
    expect(await toggles.first().textContent()).toBe('Hide quoted text');
    expect(await toggles.first().getAttribute('aria-expanded')).toBe('true');
    expect(requests).toEqual([]);
    expect(events).toEqual([]);
  }, 30_000);
});

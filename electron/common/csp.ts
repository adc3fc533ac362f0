/**
 * The Content Security Policy of every Tegami page, shared by both hosts so the renderer is held
 * to the same rules in Electron and in a browser. No inline script or style, no eval, no
 * plugins, nothing framed or framing us; the only connection allowed is back to our own origin
 * (the web host adds its WebSocket origin explicitly, since older engines do not let 'self'
 * cover ws:).
 *
 * Two widenings serve the reader. A mail's HTML is shown in a srcdoc frame, and a srcdoc
 * document inherits this policy on top of its own (default-src 'none'), so https: images must
 * be allowed here for the reader's "load remote content" to work at all; the frame's own policy
 * still blocks them until the user allows it. And frame-src blob: lets the reader preview a PDF
 * attachment from a blob: URL it made itself (blob: URLs belong to this origin). Inline style
 * stays forbidden: the reader applies a mail's styles through the CSSOM instead.
 */
export function contentSecurityPolicy(extraConnectSources: readonly string[] = []): string {
  const directives: ReadonlyArray<readonly [string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'https:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...extraConnectSources],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-src', 'blob:'],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/**
 * The policy while developing with `electron-vite dev` only: Vite's dev server injects inline
 * <style> elements and React Refresh's inline preamble, and talks to the page over a WebSocket
 * for hot reload. Never used for a packaged app or the web host.
 */
export function developmentContentSecurityPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl);
  const socket = `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}`;
  return contentSecurityPolicy([socket])
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}

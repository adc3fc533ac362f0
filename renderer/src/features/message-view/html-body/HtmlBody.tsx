import { useCallback, useMemo, useRef, useState } from 'react';
import { linkMismatches } from '../../../../../core/message/signals.js';
import { useI18n } from '../../../i18n/context.js';
import { sanitizeHtml, STYLE_ATTRIBUTE } from './sanitize.js';

export interface HtmlBodyProps {
  readonly html: string;
  /** Remote content allowed for this message ("load once") or for its sender. */
  readonly allowRemote: boolean;
  readonly cidImages?: ReadonlyMap<string, string>;
  readonly onLoadRemoteOnce: () => void;
  /** "Always for this sender": the reader stores the sender in settings.remoteContentSenders. */
  readonly onAlwaysForSender: () => void;
  /** A link in the body was clicked (its href as written and its visible text); nothing navigates by itself. */
  readonly onOpenLink?: (href: string, text: string) => void;
  /** Conversation view: quoted earlier messages start hidden behind a "show quoted text" button. */
  readonly foldQuotes?: boolean;
}

/** Where mail programs put the quoted earlier message (blockquote; Gmail, Outlook and Yahoo wrappers). */
const QUOTE_SELECTOR = 'blockquote, div.gmail_quote, div#divRplyFwdMsg, div.yahoo_quoted, div.moz-forward-container';

/**
 * Hides each outermost quote behind a button inserted into the frame's document. The frame runs
 * no script of its own; the button's listener belongs to this page, as the link handling does.
 */
function foldQuotesIn(doc: Document, labels: { show: string; hide: string }, onChange: () => void): void {
  const quotes = [...doc.body.querySelectorAll<HTMLElement>(QUOTE_SELECTOR)].filter((el) => el.parentElement?.closest(QUOTE_SELECTOR) === null);
  for (const quote of quotes) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'tegami-quote-toggle';
    button.textContent = labels.show;
    button.setAttribute('aria-expanded', 'false');
    button.style.cssText = 'font: inherit; font-size: 12px; margin: 4px 0; padding: 2px 8px; cursor: pointer;';
    quote.style.display = 'none';
    button.addEventListener('click', () => {
      const open = quote.style.display === 'none';
      quote.style.display = open ? '' : 'none';
      button.textContent = open ? labels.hide : labels.show;
      button.setAttribute('aria-expanded', String(open));
      onChange();
    });
    quote.before(button);
  }
}

/** Height of the frame before its document has been measured. */
const INITIAL_FRAME_HEIGHT = 200;

interface ClosestCapable {
  closest(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
}

/**
 * Applies the message's cleaned styles through the CSSOM (the sanitizer took them out of the
 * markup, see STYLE_ATTRIBUTE): style sheets are constructed in the frame's own realm.
 */
function applyStyles(doc: Document, styleSheets: readonly string[]): void {
  for (const element of doc.querySelectorAll<HTMLElement>(`[${STYLE_ATTRIBUTE}]`)) {
    element.style.cssText = element.getAttribute(STYLE_ATTRIBUTE) ?? '';
  }
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (view === null || styleSheets.length === 0) return;
  const sheets = styleSheets.map((css) => {
    const sheet = new view.CSSStyleSheet();
    // replaceSync ignores @import, which the sanitizer removed anyway.
    sheet.replaceSync(css);
    return sheet;
  });
  doc.adoptedStyleSheets = sheets;
}

function anchorOf(target: EventTarget | null): { href: string; text: string } | null {
  // The target lives in the frame's realm, so `instanceof Element` of this window does not apply.
  const candidate = target as unknown as Partial<ClosestCapable> | null;
  if (candidate === null || typeof candidate.closest !== 'function') return null;
  const anchor = (candidate as ClosestCapable).closest('a[href]');
  const href = anchor?.getAttribute('href');
  if (anchor === null || href === null || href === undefined) return null;
  return { href, text: (anchor.textContent ?? '').replace(/\s+/g, ' ').trim() };
}

/**
 * An HTML body in a frame with sandbox="allow-same-origin" and nothing else: no scripts, forms,
 * popups or navigation of the window. Without allow-scripts the frame's document cannot run
 * anything, so same-origin only lets this page reach in — to size the frame to its content, show
 * a link's real target on hover and take clicks so links open through the host (never inside the
 * frame). The document's own CSP (default-src 'none') still forbids every load but allowed images.
 * Links whose text shows another domain than their target are also listed outside the frame.
 */
export function HtmlBody({ html, allowRemote, cidImages, onLoadRemoteOnce, onAlwaysForSender, onOpenLink, foldQuotes = false }: HtmlBodyProps) {
  const { t } = useI18n();
  const safe = useMemo(() => sanitizeHtml(html, cidImages === undefined ? { allowRemote } : { allowRemote, cidImages }), [html, allowRemote, cidImages]);
  const mismatches = useMemo(() => linkMismatches(html), [html]);
  const [hovered, setHovered] = useState<string | null>(null);
  const [height, setHeight] = useState(INITIAL_FRAME_HEIGHT);
  const openLink = useRef(onOpenLink);
  openLink.current = onOpenLink;
  const styleSheets = useRef(safe.styleSheets);
  styleSheets.current = safe.styleSheets;
  const folding = useRef<{ show: string; hide: string } | null>(null);
  folding.current = foldQuotes ? { show: t('reader.conversation.showQuotedHtml'), hide: t('reader.conversation.hideQuoted') } : null;

  const onLoad = useCallback((event: React.SyntheticEvent<HTMLIFrameElement>) => {
    const doc = event.currentTarget.contentDocument;
    if (doc === null) return;
    applyStyles(doc, styleSheets.current);
    const measure = (): void => setHeight(Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0) + 2);
    if (folding.current !== null && doc.body !== null) foldQuotesIn(doc, folding.current, measure);
    measure();
    // Images (cid:, or remote after "load once") change the height when they arrive.
    for (const image of doc.images) image.addEventListener('load', measure, { once: true });
    doc.addEventListener('click', (click) => {
      const anchor = anchorOf(click.target);
      if (anchor === null) return;
      click.preventDefault();
      openLink.current?.(anchor.href, anchor.text);
    });
    doc.addEventListener('mouseover', (over) => setHovered(anchorOf(over.target)?.href ?? null));
    doc.addEventListener('mouseleave', () => setHovered(null));
  }, []);

  return (
    <div className="html-body">
      {safe.blockedRemote > 0 ? (
        <div className="remote-content-bar" role="status">
          <span>{t('reader.remoteBlocked')}</span>
          <button type="button" onClick={onLoadRemoteOnce}>
            {t('reader.remoteLoadOnce')}
          </button>
          <button type="button" onClick={onAlwaysForSender}>
            {t('reader.remoteAlways')}
          </button>
        </div>
      ) : null}
      {mismatches.length > 0 ? (
        <ul className="link-warnings" aria-label={t('reader.linkWarnings')}>
          {mismatches.map((signal, index) =>
            signal.code === 'link-text-mismatch' ? (
              <li key={index}>{t('reader.linkTarget', { text: signal.text, href: signal.href })}</li>
            ) : null,
          )}
        </ul>
      ) : null}
      <iframe
        className="html-body-frame"
        title={t('reader.htmlFrame')}
        sandbox="allow-same-origin"
        referrerPolicy="no-referrer"
        srcDoc={safe.srcdoc}
        style={{ height: `${height}px` }}
        onLoad={onLoad}
      />
      <div className="html-body-link-target" aria-live="polite">
        {hovered !== null ? hovered : ''}
      </div>
    </div>
  );
}

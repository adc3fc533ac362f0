import { useMemo } from 'react';
import { linkMismatches } from '../../../../../core/message/signals.js';
import { useI18n } from '../../../i18n/context.js';
import { sanitizeHtml } from './sanitize.js';

export interface HtmlBodyProps {
  readonly html: string;
  /** Remote content allowed for this message ("load once") or for its sender. */
  readonly allowRemote: boolean;
  readonly cidImages?: ReadonlyMap<string, string>;
  readonly onLoadRemoteOnce: () => void;
  /** The settings API has no per-sender field yet; the owner of the reader stores the choice. */
  readonly onAlwaysForSender: () => void;
}

/**
 * An HTML body in a frame with sandbox="" (no scripts, forms, popups or same-origin access),
 * the remote-content bar when something was blocked, and the real targets of links whose
 * text shows another domain — listed outside the frame, since a scriptless frame cannot
 * intercept clicks.
 */
export function HtmlBody({ html, allowRemote, cidImages, onLoadRemoteOnce, onAlwaysForSender }: HtmlBodyProps) {
  const { t } = useI18n();
  const safe = useMemo(() => sanitizeHtml(html, cidImages === undefined ? { allowRemote } : { allowRemote, cidImages }), [html, allowRemote, cidImages]);
  const mismatches = useMemo(() => linkMismatches(html), [html]);
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
      <iframe className="html-body-frame" title={t('reader.htmlFrame')} sandbox="" referrerPolicy="no-referrer" srcDoc={safe.srcdoc} />
    </div>
  );
}

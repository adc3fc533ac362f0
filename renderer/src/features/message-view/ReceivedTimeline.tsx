import { analyzeReceivedPath, formatDelay, type PathHop } from '../../../../core/message/received.js';
import { useI18n } from '../../i18n/context.js';

/** A hop taking longer than this is highlighted: mail usually moves in seconds. */
export const SLOW_HOP_SECONDS = 5 * 60;

export interface ReceivedTimelineProps {
  /** The Received field values, top (newest) first as they appear in the header. */
  readonly fields: readonly string[];
  /** The Date header, to show the submission delay's context. */
  readonly dateHeader?: Date;
  /** "Now" for the future-date check; the current time unless given. */
  readonly now?: Date;
}

function tlsText(hop: PathHop): string | undefined {
  if (hop.tls === undefined) return undefined;
  return [hop.tls.version, hop.tls.cipher].filter((part) => part !== undefined).join(' ') || (hop.with ?? '');
}

/** The Received path (RFC 5321 §4.4) as one step per hop, oldest first. */
export function ReceivedTimeline({ fields, dateHeader, now }: ReceivedTimelineProps) {
  const { t, language } = useI18n();
  const path = analyzeReceivedPath(fields, dateHeader, now);
  if (path.hops.length === 0) return <p className="empty-state">{t('received.empty')}</p>;
  const unknown = t('received.unknown');
  const timeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  // A hop's delay is the time since the hop before it; the first hop has none before it, so its
  // delay is counted from the Date header (when the sender's program says it was written; that
  // clock is the sender's, so it is said as such and never marked slow).
  const delayText = (hop: PathHop): string => {
    if (hop.delaySeconds !== undefined) return formatDelay(hop.delaySeconds);
    if (hop.index === 1 && path.sinceDateHeaderSeconds !== undefined) return t('received.sinceDate', { delay: formatDelay(path.sinceDateHeaderSeconds) });
    return unknown;
  };
  return (
    <section className="received-timeline" aria-label={t('received.label')}>
      <ol>
        {path.hops.map((hop) => {
          const slow = hop.delaySeconds !== undefined && hop.delaySeconds > SLOW_HOP_SECONDS;
          const tls = tlsText(hop);
          return (
            <li key={hop.index} className={slow ? 'received-hop received-hop-slow' : 'received-hop'} data-slow={slow ? 'true' : undefined}>
              <h4>{t('received.hop', { index: String(hop.index) })}</h4>
              <dl>
                <dt>{t('received.from')}</dt>
                <dd>{hop.reverseName ?? hop.helo ?? unknown}</dd>
                <dt>{t('received.ip')}</dt>
                <dd>{hop.ip ?? unknown}</dd>
                <dt>{t('received.by')}</dt>
                <dd>{hop.by ?? unknown}</dd>
                <dt>{t('received.protocol')}</dt>
                <dd>{hop.with ?? unknown}</dd>
                <dt>{t('received.tls')}</dt>
                <dd>{tls ?? t('received.noTls')}</dd>
                <dt>{t('received.time')}</dt>
                <dd>{hop.date === undefined ? unknown : timeFormat.format(hop.date)}</dd>
                <dt>{t('received.delay')}</dt>
                <dd>
                  {delayText(hop)}
                  {slow ? <strong className="received-slow"> {t('received.slow')}</strong> : null}
                </dd>
              </dl>
              {hop.flags.length > 0 ? (
                <ul className="received-flags">
                  {hop.flags.map((flag) => (
                    <li key={flag}>{t(`received.flag.${flag}`)}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
      {path.totalSeconds !== undefined ? <p>{t('received.total', { delay: formatDelay(path.totalSeconds) })}</p> : null}
    </section>
  );
}

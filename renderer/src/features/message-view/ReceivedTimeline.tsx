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
                  {formatDelay(hop.delaySeconds)}
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

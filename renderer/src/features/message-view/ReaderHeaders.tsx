import type { MailAddress, MessageContent } from '../../../../core/api/contract.js';
import { useI18n } from '../../i18n/context.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { addressRows, authBadges, messageDate, type AddressRole, type AuthBadge } from './header-list.js';
import { senderWarnings, type SenderWarning } from './sender-warnings.js';

const ROLE_LABEL: Readonly<Record<AddressRole, MessageKey>> = {
  from: 'reader.header.from',
  to: 'reader.header.to',
  cc: 'reader.header.cc',
  bcc: 'reader.header.bcc',
  replyTo: 'reader.header.replyTo',
};

function Address({ address }: { address: MailAddress }) {
  return (
    <span className="reader-address">
      {address.name !== '' && address.name !== address.address ? <span className="reader-address-name">{address.name}</span> : null}
      <span className="reader-address-email">{address.name !== '' && address.name !== address.address ? `<${address.address}>` : address.address}</span>
    </span>
  );
}

function warningText(t: ReturnType<typeof useI18n>['t'], warning: SenderWarning): string {
  switch (warning.kind) {
    case 'display-name-address':
      return t('reader.warning.displayNameAddress', { shown: warning.shownAddress, actual: warning.actualAddress });
    case 'display-name-domain':
      return t('reader.warning.displayNameDomain', { shown: warning.shownDomain, actual: warning.actualAddress });
    case 'return-path-mismatch':
      return t('reader.warning.returnPath', { from: warning.from, returnPath: warning.returnPath });
    case 'reply-to-mismatch':
      return t('reader.warning.replyTo', { from: warning.from, replyTo: warning.replyTo });
  }
}

/** SPF/DKIM/DMARC results; results not written by the account's own provider are marked as claims. */
export function AuthBadges({ results, detailed = false }: { results: MessageContent['authResults']; detailed?: boolean }) {
  const { t } = useI18n();
  const badges = authBadges(results);
  if (badges.length === 0) return detailed ? <p className="empty-state">{t('reader.auth.none')}</p> : null;
  const label = (badge: AuthBadge): string => {
    const base = `${badge.method.toUpperCase()} ${badge.result}`;
    return badge.trusted ? base : t('reader.auth.claim', { result: base });
  };
  return (
    <ul className="reader-auth" aria-label={t('reader.auth.label')}>
      {badges.map((badge, index) => (
        <li
          key={index}
          className={`reader-auth-badge tone-${badge.tone}${badge.trusted ? '' : ' unverified'}`}
          data-method={badge.method}
          data-result={badge.result}
          data-trusted={badge.trusted ? 'true' : 'false'}
          title={t(badge.trusted ? 'reader.auth.trustedBy' : 'reader.auth.untrustedBy', { id: badge.authservId || '?' })}
        >
          <span>{label(badge)}</span>
          {detailed ? (
            <span className="reader-auth-detail">
              {badge.subject !== null ? ` ${badge.subject}` : ''}
              {` — ${t(badge.trusted ? 'reader.auth.trustedBy' : 'reader.auth.untrustedBy', { id: badge.authservId || '?' })}`}
              {badge.reason !== null ? ` (${badge.reason})` : ''}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export interface ReaderHeadersProps {
  readonly content: MessageContent;
  readonly flagged?: boolean;
  readonly onToggleFlag?: () => void;
}

/** Subject, people, date, sender warnings (with the engine's own warnings) and authentication badges. */
export function ReaderHeaders({ content, flagged, onToggleFlag }: ReaderHeadersProps) {
  const { t, language } = useI18n();
  const date = messageDate(content.summary);
  const warnings = senderWarnings({ from: content.summary.from, replyTo: content.replyTo, headers: content.headers });
  return (
    <header className="reader-headers">
      <div className="reader-subject-row">
        <h2 className="reader-subject">{content.summary.subject === '' ? t('reader.noSubject') : content.summary.subject}</h2>
        {onToggleFlag !== undefined ? (
          <button type="button" className={flagged === true ? 'reader-flag on' : 'reader-flag'} aria-pressed={flagged === true} aria-label={t('reader.flag')} onClick={onToggleFlag}>
            {flagged === true ? '★' : '☆'}
          </button>
        ) : null}
      </div>
      <dl className="reader-people">
        {addressRows(content).map((row) => (
          <div key={row.role} className={`reader-people-row role-${row.role}`}>
            <dt>{t(ROLE_LABEL[row.role])}</dt>
            <dd>
              {row.addresses.map((address, index) => (
                <Address key={index} address={address} />
              ))}
            </dd>
          </div>
        ))}
        <div className="reader-people-row role-date">
          <dt>{t('reader.header.date')}</dt>
          <dd>
            {date === null ? (
              t('reader.noDate')
            ) : (
              <time dateTime={date.toISOString()}>{new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' }).format(date)}</time>
            )}
          </dd>
        </div>
      </dl>
      {warnings.length > 0 || content.warnings.length > 0 ? (
        <ul className="reader-warnings" aria-label={t('reader.warnings')}>
          {warnings.map((warning, index) => (
            <li key={`s${index}`} className="reader-warning" data-kind={warning.kind}>
              {warningText(t, warning)}
            </li>
          ))}
          {content.warnings.map((warning, index) => (
            <li key={`e${index}`} className="reader-warning reader-warning-format" data-kind="format">
              {t('reader.warning.format', { detail: warning })}
            </li>
          ))}
        </ul>
      ) : null}
      <AuthBadges results={content.authResults} />
    </header>
  );
}

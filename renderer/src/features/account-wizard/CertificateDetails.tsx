import { useId, useState } from 'react';
import type { CertificateInfo } from '../../../../core/api/contract.js';
import { useI18n } from '../../i18n/context.js';

export interface CertificateDetailsProps {
  /** host:port the certificate came from. */
  readonly server: string;
  readonly certificate: CertificateInfo;
  readonly onAccept: (sha256Fingerprint: string) => void;
}

function dateText(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * A certificate that did not verify, in full, and an explicit choice to trust exactly this one
 * for this account (a SHA-256 pin): the button stays disabled until the box is ticked.
 */
export function CertificateDetails({ server, certificate, onAccept }: CertificateDetailsProps) {
  const { t, language } = useI18n();
  const [trusted, setTrusted] = useState(false);
  const titleId = useId();
  const now = Date.now();
  const expired = new Date(certificate.validTo).getTime() < now || new Date(certificate.validFrom).getTime() > now;
  return (
    <section className="wizard-certificate" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('wizard.cert.title', { server })}</h3>
      <dl>
        <dt>{t('wizard.cert.subject')}</dt>
        <dd>{certificate.subject}</dd>
        <dt>{t('wizard.cert.issuer')}</dt>
        <dd>{certificate.issuer}</dd>
        <dt>{t('wizard.cert.validFrom')}</dt>
        <dd data-expired={expired || undefined}>{dateText(certificate.validFrom, language)}</dd>
        <dt>{t('wizard.cert.validTo')}</dt>
        <dd data-expired={expired || undefined}>{dateText(certificate.validTo, language)}</dd>
        <dt>{t('wizard.cert.altNames')}</dt>
        <dd>{certificate.altNames.length > 0 ? certificate.altNames.join(', ') : '—'}</dd>
        <dt>{t('wizard.cert.fingerprint')}</dt>
        <dd className="wizard-fingerprint">{certificate.sha256Fingerprint}</dd>
      </dl>
      <p className="wizard-hint">{t('wizard.cert.explain')}</p>
      <label className="wizard-check">
        <input type="checkbox" checked={trusted} onChange={(event) => setTrusted(event.target.checked)} />
        {t('wizard.cert.trust')}
      </label>
      <button type="button" disabled={!trusted} onClick={() => onAccept(certificate.sha256Fingerprint)}>
        {t('wizard.cert.accept')}
      </button>
    </section>
  );
}

import type { FormEvent } from 'react';
import type { AccountVerification, SideVerification } from '../../../../core/api/contract.js';
import { useI18n } from '../../i18n/context.js';
import { CertificateDetails } from './CertificateDetails.js';
import { PasswordField } from './PasswordField.js';
import { sideAction, VERIFICATION_KEY, type Side } from './verification-view.js';

/** The login check: out, failed with a per-side report, or failed for another reason. */
export type VerifyState =
  | { readonly kind: 'running'; readonly servers: { readonly incoming: string; readonly outgoing: string } }
  | { readonly kind: 'failed'; readonly verification: AccountVerification }
  | { readonly kind: 'error'; readonly message: string };

export interface VerifyStepProps {
  readonly state: VerifyState;
  readonly password: string;
  readonly outgoingPassword: string;
  readonly separateOutgoingPassword: boolean;
  readonly onPassword: (field: 'password' | 'outgoingPassword', value: string) => void;
  readonly onRetry: () => void;
  readonly onTrust: (side: Side, sha256Fingerprint: string) => void;
  readonly onSettings: (side: SideVerification | null) => void;
}

/**
 * Step 4: both servers are logged in to before anything is saved. Each side says ok or why not;
 * a refused password can be corrected here, a certificate trusted here, anything else goes back
 * to the settings with the message beside the field.
 */
export function VerifyStep({ state, password, outgoingPassword, separateOutgoingPassword, onPassword, onRetry, onTrust, onSettings }: VerifyStepProps) {
  const { t } = useI18n();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onRetry();
  };
  if (state.kind === 'running') {
    return (
      <div className="wizard-step">
        <p className="wizard-status" role="status">
          <span className="wizard-spinner" aria-hidden="true" /> {t('wizard.verifying')}
        </p>
        <ul className="wizard-sides">
          {(['incoming', 'outgoing'] as const).map((side) => (
            <li key={side} className="wizard-side-result" data-side={side} data-status="pending">
              <span className="wizard-spinner" aria-hidden="true" /> {t(side === 'incoming' ? 'wizard.side.incoming' : 'wizard.side.outgoing', { server: state.servers[side] })}: {t('wizard.verify.pending')}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (state.kind === 'error') {
    return (
      <div className="wizard-step">
        <p className="wizard-field-error" role="alert">
          {t('wizard.addFailed', { message: state.message })}
        </p>
        <div className="wizard-actions">
          <button type="button" onClick={() => onSettings(null)}>
            {t('wizard.backToSettings')}
          </button>
          <span className="wizard-spacer" />
          <button type="button" className="primary" autoFocus onClick={onRetry}>
            {t('wizard.tryAgain')}
          </button>
        </div>
      </div>
    );
  }
  const results = [state.verification.incoming, state.verification.outgoing];
  const actions = results.map((result) => ({ result, action: sideAction(result, separateOutgoingPassword) }));
  const passwordFields = [...new Set(actions.flatMap(({ action }) => (action.kind === 'password' ? [action.field] : [])))];
  const firstSettings = actions.find(({ action }) => action.kind === 'settings')?.result ?? null;
  return (
    <form className="wizard-step" onSubmit={submit} noValidate>
      <ul className="wizard-sides">
        {actions.map(({ result, action }) => (
          <li key={result.side} className="wizard-side-result" data-side={result.side} data-status={result.status}>
            <p>
              <span className="wizard-step-icon" aria-hidden="true">
                {result.status === 'ok' ? '✓' : '✕'}
              </span>{' '}
              <strong>{t(result.side === 'incoming' ? 'wizard.side.incoming' : 'wizard.side.outgoing', { server: result.server })}</strong>: {t(VERIFICATION_KEY[result.status])}
            </p>
            {result.status !== 'ok' && <p className="wizard-hint">{result.message}</p>}
            {action.kind === 'certificate' && <CertificateDetails server={result.server} certificate={action.certificate} onAccept={(fingerprint) => onTrust(result.side, fingerprint)} />}
          </li>
        ))}
      </ul>
      {passwordFields.map((field, index) => (
        <PasswordField
          key={field}
          name={field === 'password' ? 'password' : 'outgoing-password'}
          label={t(field === 'password' ? 'wizard.password' : 'wizard.outgoingPassword')}
          value={field === 'password' ? password : outgoingPassword}
          autoFocus={index === 0}
          error={t('wizard.verify.wrong-password')}
          onChange={(value) => onPassword(field, value)}
        />
      ))}
      <div className="wizard-actions">
        <button type="button" autoFocus={passwordFields.length === 0 && firstSettings !== null} onClick={() => onSettings(firstSettings)}>
          {t('wizard.backToSettings')}
        </button>
        <span className="wizard-spacer" />
        {passwordFields.length > 0 && (
          <button type="submit" className="primary">
            {t('wizard.tryAgain')}
          </button>
        )}
      </div>
    </form>
  );
}

import type { AccountDiscovery, DiscoveryStep as StepReport, TegamiApi } from '../../../../core/api/contract.js';
import { useI18n } from '../../i18n/context.js';
import { durationText, PENDING_STEPS, STATUS_ICON, STATUS_LABEL, STEP_LABEL } from './discovery-view.js';
import { ProviderNotes } from './ProviderNotes.js';
import { VERIFICATION_KEY } from './verification-view.js';

/** The lookup as the wizard holds it: not started, out (one request, answered at once), answered, failed. */
export type DiscoveryState =
  | { readonly kind: 'running'; readonly domain: string }
  | { readonly kind: 'done'; readonly result: AccountDiscovery }
  | { readonly kind: 'failed'; readonly domain: string; readonly message: string };

export interface DiscoveryStepProps {
  readonly api: TegamiApi;
  readonly state: DiscoveryState;
  readonly onContinue: () => void;
  readonly onRetry: () => void;
  readonly onManual: () => void;
  readonly onBack: () => void;
}

function StepRow({ report }: { readonly report: StepReport }) {
  const { t, language } = useI18n();
  return (
    <li className="wizard-lookup-step" data-step={report.step} data-status={report.status}>
      <span className="wizard-step-icon" aria-hidden="true">
        {STATUS_ICON[report.status]}
      </span>
      <span className="wizard-step-name">{t(STEP_LABEL[report.step])}</span>
      <span className="wizard-step-status">{t(STATUS_LABEL[report.status])}</span>
      <span className="wizard-step-duration">{durationText(report.durationMs, language)}</span>
      <span className="wizard-step-target" title={report.message}>
        {report.target}
      </span>
    </li>
  );
}

/**
 * Step 2: "looking up your settings". The service answers with every step at once, so while
 * the request is out each step is shown pending; then each with its status, target and time.
 */
export function DiscoveryStep({ api, state, onContinue, onRetry, onManual, onBack }: DiscoveryStepProps) {
  const { t } = useI18n();
  const domain = state.kind === 'done' ? state.result.domain : state.domain;
  return (
    <div className="wizard-step">
      {state.kind === 'running' && (
        <p className="wizard-status" role="status">
          <span className="wizard-spinner" aria-hidden="true" /> {t('wizard.lookingUp', { domain })}
        </p>
      )}
      {state.kind === 'done' && (
        <p className="wizard-status" role="status">
          {state.result.chosen !== null ? t('wizard.found', { domain }) : t('wizard.nothingFound', { domain })}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="wizard-field-error" role="alert">
          {t('wizard.discoveryFailed', { message: state.message })}
        </p>
      )}
      <ol className="wizard-lookup" aria-label={t('wizard.stepsLabel')} aria-busy={state.kind === 'running'}>
        {state.kind === 'running' &&
          PENDING_STEPS.map((step) => (
            <li key={step} className="wizard-lookup-step" data-step={step} data-status="pending">
              <span className="wizard-spinner" aria-hidden="true" />
              <span className="wizard-step-name">{t(STEP_LABEL[step])}</span>
              <span className="wizard-step-status">{t('wizard.pending')}</span>
            </li>
          ))}
        {state.kind === 'done' && state.result.steps.map((report, index) => <StepRow key={`${report.step}-${index}`} report={report} />)}
      </ol>
      {state.kind === 'done' && state.result.verification !== null && (
        // The service already tried the password on the chosen servers: say how that went now.
        <ul className="wizard-sides" aria-label={t('wizard.stage.verify')}>
          {[state.result.verification.incoming, state.result.verification.outgoing].map((result) => (
            <li key={result.side} className="wizard-side-result" data-side={result.side} data-status={result.status}>
              <span className="wizard-step-icon" aria-hidden="true">
                {result.status === 'ok' ? '✓' : '✕'}
              </span>{' '}
              {t(result.side === 'incoming' ? 'wizard.side.incoming' : 'wizard.side.outgoing', { server: result.server })}: {t(VERIFICATION_KEY[result.status])}
            </li>
          ))}
        </ul>
      )}
      {state.kind === 'done' && <ProviderNotes api={api} notes={state.result.notes} />}
      <div className="wizard-actions">
        <button type="button" onClick={onBack}>
          {t('wizard.back')}
        </button>
        <span className="wizard-spacer" />
        {state.kind === 'failed' && (
          <>
            <button type="button" onClick={onManual}>
              {t('wizard.enterManually')}
            </button>
            <button type="button" className="primary" autoFocus onClick={onRetry}>
              {t('wizard.retry')}
            </button>
          </>
        )}
        {state.kind === 'done' && (
          <button type="button" className="primary" autoFocus onClick={onContinue}>
            {state.result.chosen !== null ? t('wizard.continue') : t('wizard.enterManually')}
          </button>
        )}
      </div>
    </div>
  );
}

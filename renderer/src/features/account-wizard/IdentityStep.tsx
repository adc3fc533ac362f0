import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/context.js';
import type { FormProblems, Identity } from './form.js';
import { PasswordField } from './PasswordField.js';
import { TextField } from './TextField.js';

export interface IdentityStepProps {
  readonly identity: Identity;
  readonly problems: FormProblems;
  readonly onChange: (identity: Identity) => void;
  readonly onContinue: () => void;
  readonly onManual: () => void;
  readonly onCancel: () => void;
}

/** Step 1: who you are and how you log in; Continue looks the settings up, the link skips that. */
export function IdentityStep({ identity, problems, onChange, onContinue, onManual, onCancel }: IdentityStepProps) {
  const { t } = useI18n();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onContinue();
  };
  return (
    <form className="wizard-step" onSubmit={submit} noValidate>
      <TextField
        label={t('wizard.name')}
        hint={t('wizard.nameHint')}
        name="name"
        autoComplete="name"
        autoFocus
        value={identity.name}
        error={null}
        onChange={(name) => onChange({ ...identity, name })}
      />
      <TextField
        label={t('wizard.email')}
        name="email"
        type="email"
        inputMode="email"
        autoComplete="email"
        value={identity.email}
        error={problems.email !== undefined ? t(problems.email) : null}
        onChange={(email) => onChange({ ...identity, email })}
      />
      <PasswordField label={t('wizard.password')} name="password" value={identity.password} error={null} onChange={(password) => onChange({ ...identity, password })} />
      <div className="wizard-actions">
        <button type="button" className="wizard-link" onClick={onManual}>
          {t('wizard.manualLink')}
        </button>
        <span className="wizard-spacer" />
        <button type="button" onClick={onCancel}>
          {t('wizard.cancel')}
        </button>
        <button type="submit" className="primary">
          {t('wizard.continue')}
        </button>
      </div>
    </form>
  );
}

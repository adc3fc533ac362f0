import { useId, useState, type Ref } from 'react';
import { useI18n } from '../../i18n/context.js';

export interface PasswordFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** A problem to show under the field (and announce), or null. */
  readonly error: string | null;
  /** A line under the field, tied to it for screen readers. */
  readonly hint?: string;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly autoFocus?: boolean;
  readonly name: string;
}

/** A password input with a show/hide toggle; the text is never kept anywhere but this state. */
export function PasswordField({ label, value, onChange, error, hint, inputRef, autoFocus, name }: PasswordFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const errorId = useId();
  const hintId = useId();
  const described = [hint !== undefined ? hintId : null, error !== null ? errorId : null].filter((x) => x !== null).join(' ');
  const [visible, setVisible] = useState(false);
  return (
    <div className="wizard-field">
      <label htmlFor={id}>{label}</label>
      <div className="wizard-password">
        <input
          id={id}
          ref={inputRef}
          name={name}
          type={visible ? 'text' : 'password'}
          autoComplete={name === 'password' ? 'current-password' : 'off'}
          spellCheck={false}
          value={value}
          autoFocus={autoFocus}
          aria-invalid={error !== null}
          aria-describedby={described !== '' ? described : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        <button type="button" className="wizard-reveal" aria-pressed={visible} aria-controls={id} onClick={() => setVisible((v) => !v)}>
          {visible ? t('wizard.hidePassword') : t('wizard.showPassword')}
        </button>
      </div>
      {hint !== undefined && (
        <p className="wizard-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error !== null && (
        <p className="wizard-field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

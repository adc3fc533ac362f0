import { useId, type Ref } from 'react';

export interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | null;
  readonly hint?: string;
  readonly name: string;
  readonly type?: 'text' | 'email';
  readonly inputMode?: 'text' | 'email' | 'numeric';
  readonly autoComplete?: string;
  readonly autoFocus?: boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly className?: string;
}

/** One labelled input with its hint and its problem tied to it for screen readers. */
export function TextField({ label, value, onChange, error, hint, name, type = 'text', inputMode, autoComplete = 'off', autoFocus, inputRef, className }: TextFieldProps) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const described = [hint !== undefined ? hintId : null, error !== null ? errorId : null].filter((x) => x !== null).join(' ');
  return (
    <div className={`wizard-field${className !== undefined ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        spellCheck={false}
        autoFocus={autoFocus}
        value={value}
        aria-invalid={error !== null}
        aria-describedby={described === '' ? undefined : described}
        onChange={(event) => onChange(event.target.value)}
      />
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

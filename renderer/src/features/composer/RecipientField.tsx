import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { MailAddress } from '../../../../core/api/contract.js';
import { useI18n } from '../../i18n/context.js';
import { addRecipients, endsWithSeparator, parseRecipients, recipientOf, type Recipient } from './recipients.js';

/** How many contacts the suggestion list shows. */
export const SUGGESTION_LIMIT = 8;

export interface RecipientFieldProps {
  readonly label: string;
  readonly recipients: readonly Recipient[];
  readonly onChange: (next: Recipient[]) => void;
  /** Contacts whose name or address starts with the text typed so far, best first. */
  readonly suggest: (prefix: string) => Promise<readonly MailAddress[]>;
  readonly autoFocus?: boolean;
  /** Shown at the end of the line (the To line's Cc/Bcc button). */
  readonly after?: ReactNode;
}

/**
 * One recipient line (To, Cc or Bcc): chips for the addresses entered so far and a combobox
 * that turns typed or pasted text into chips on "," ";" Enter, Tab or leaving the field, and
 * offers contacts as the user types (arrow keys to choose, Enter or Tab to take one).
 */
export function RecipientField({ label, recipients, onChange, suggest, autoFocus = false, after }: RecipientFieldProps) {
  const { t } = useI18n();
  const inputId = useId();
  const listId = useId();
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<readonly MailAddress[]>([]);
  const [active, setActive] = useState(-1);
  const request = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const open = suggestions.length > 0 && text.trim() !== '';

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);

  const lookUp = (prefix: string): void => {
    const ticket = ++request.current;
    if (prefix.trim() === '') {
      setSuggestions([]);
      setActive(-1);
      return;
    }
    suggest(prefix.trim()).then(
      (found) => {
        if (ticket !== request.current) return; // a later keystroke asked again
        const taken = new Set(recipients.map((r) => r.address.toLowerCase()));
        setSuggestions(found.filter((c) => !taken.has(c.address.toLowerCase())));
        setActive(-1);
      },
      () => {
        if (ticket === request.current) setSuggestions([]);
      },
    );
  };

  const commit = (value: string): void => {
    request.current++;
    setSuggestions([]);
    setActive(-1);
    setText('');
    const parsed = parseRecipients(value);
    if (parsed.length > 0) onChange(addRecipients(recipients, parsed));
  };

  const pick = (contact: MailAddress): void => {
    request.current++;
    setSuggestions([]);
    setActive(-1);
    setText('');
    onChange(addRecipients(recipients, [recipientOf(contact)]));
    inputRef.current?.focus();
  };

  const remove = (index: number): void => {
    onChange(recipients.filter((_, i) => i !== index));
    inputRef.current?.focus();
  };

  const onInput = (value: string): void => {
    if (endsWithSeparator(value)) {
      commit(value.replace(/[,;]\s*$/, ''));
      return;
    }
    setText(value);
    lookUp(value);
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>): void => {
    const pasted = event.clipboardData.getData('text/plain');
    if (!/[,;\n]/.test(pasted)) return; // one address: let it land in the field as typed text
    event.preventDefault();
    commit(text + pasted);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // Enter while an input method is composing (Japanese kana → kanji) confirms the conversion; it is not ours.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    const chosen = active >= 0 ? suggestions[active] : undefined;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((a) => (a + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1));
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      if (chosen !== undefined) {
        event.preventDefault();
        pick(chosen);
      } else if (text.trim() !== '') {
        event.preventDefault();
        commit(text);
      }
    } else if (event.key === 'Enter') {
      // Ctrl+Enter sends: the text typed so far is a recipient too.
      if (text.trim() !== '') commit(text);
    } else if (event.key === 'Tab' && !event.shiftKey) {
      if (chosen !== undefined) {
        event.preventDefault();
        pick(chosen);
      } else if (text.trim() !== '') commit(text);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      request.current++;
      setSuggestions([]);
      setActive(-1);
    } else if (event.key === 'Backspace' && text === '' && recipients.length > 0) {
      event.preventDefault();
      onChange(recipients.slice(0, -1));
    }
  };

  return (
    <div className="composer-row composer-recipients" data-after={after === undefined ? undefined : 'true'}>
      <label htmlFor={inputId} className="composer-label">
        {label}
      </label>
      <div className="composer-recipient-box" onClick={() => inputRef.current?.focus()}>
        <ul className="composer-chips" aria-label={label}>
          {recipients.map((r, index) => (
            <li
              key={`${r.text}\u0000${index}`}
              className="composer-chip"
              data-invalid={r.valid ? undefined : 'true'}
              title={r.valid ? r.address : t('composer.invalidRecipient', { address: r.text })}
            >
              <span className="composer-chip-text">{r.valid && r.name !== '' ? r.name : r.text}</span>
              {!r.valid && <span className="composer-visually-hidden">{t('composer.invalidRecipient', { address: r.text })}</span>}
              <button type="button" className="composer-chip-remove" aria-label={t('composer.removeRecipient', { address: r.text })} onClick={() => remove(index)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          ref={inputRef}
          id={inputId}
          className="composer-recipient-input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          value={text}
          onChange={(e) => onInput(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            if (text.trim() !== '') commit(text);
          }}
        />
        <ul id={listId} role="listbox" className="composer-suggestions" aria-label={t('composer.suggestions')} hidden={!open}>
          {open &&
            suggestions.map((c, index) => (
              <li
                key={c.address}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className="composer-suggestion"
                // mousedown would blur the input (and commit the typed text) before the click.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(c)}
              >
                {c.name !== '' ? (
                  <>
                    <span className="composer-suggestion-name">{c.name}</span> <span className="composer-suggestion-address">{c.address}</span>
                  </>
                ) : (
                  <span className="composer-suggestion-address">{c.address}</span>
                )}
              </li>
            ))}
        </ul>
      </div>
      {after}
    </div>
  );
}

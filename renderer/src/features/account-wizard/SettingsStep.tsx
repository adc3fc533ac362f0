import { useEffect, useId, useRef, type FormEvent } from 'react';
import type { DiscoveredServer, EndpointSecurity, IncomingProtocol, OAuthGrant, TegamiApi } from '../../../../core/api/contract.js';
import type { Translate } from '../../i18n/catalogs.js';
import { useI18n } from '../../i18n/context.js';
import { serverLine, sourcePhrase } from './discovery-view.js';
import type { EndpointForm, FieldName, FormProblems, Identity, SettingsForm } from './form.js';
import { PasswordField } from './PasswordField.js';
import { ProviderNotes } from './ProviderNotes.js';
import { TextField } from './TextField.js';
import type { FieldMessage } from './verification-view.js';

/** The browser sign-in as the settings step shows it. */
export type OAuthState =
  | { readonly kind: 'none' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'done'; readonly grant: OAuthGrant }
  | { readonly kind: 'needs-browser' }
  | { readonly kind: 'failed'; readonly message: string };

export interface SettingsStepProps {
  readonly api: TegamiApi;
  readonly identity: Identity;
  readonly form: SettingsForm;
  readonly manual: boolean;
  readonly incomingCandidates: readonly DiscoveredServer[];
  readonly outgoingCandidates: readonly DiscoveredServer[];
  readonly notes: readonly { readonly text: string; readonly url: string | null }[];
  readonly problems: FormProblems;
  /** From the last failed login check, beside the field concerned. */
  readonly verificationNotes: Partial<Record<FieldName, FieldMessage>>;
  /** A field to put focus in (with a counter so asking twice focuses twice), or null. */
  readonly focus: { readonly field: FieldName; readonly token: number } | null;
  readonly oauthProvider: string | null;
  readonly oauth: OAuthState;
  /**
   * Editing a saved account: name and address are edited here too, the protocol stays (the local
   * copy is kept per protocol), empty password fields keep the saved passwords, and an account
   * that signs in with the browser shows none. Null while adding one.
   */
  readonly editing: { readonly oauth: boolean } | null;
  readonly onIdentity: (identity: Identity) => void;
  readonly onForm: (form: SettingsForm) => void;
  readonly onProtocol: (protocol: IncomingProtocol) => void;
  readonly onSecurity: (side: 'incoming' | 'outgoing', security: EndpointSecurity) => void;
  readonly onPick: (server: DiscoveredServer) => void;
  readonly onOAuth: () => void;
  readonly onSubmit: () => void;
  readonly onBack: () => void;
}

function sameServer(form: EndpointForm, server: DiscoveredServer): boolean {
  return form.host.trim().toLowerCase() === server.host && form.port.trim() === String(server.port) && form.security === server.security;
}

function fieldText(t: Translate, field: FieldName, problems: FormProblems, notes: Partial<Record<FieldName, FieldMessage>>): string | null {
  const problem = problems[field];
  if (problem !== undefined) return t(problem);
  const note = notes[field];
  return note === undefined ? null : `${t(note.key)} ${note.detail}`;
}

function Candidates({ side, servers, current, onPick }: { side: 'incoming' | 'outgoing'; servers: readonly DiscoveredServer[]; current: EndpointForm & { protocol?: string }; onPick: (s: DiscoveredServer) => void }) {
  const { t } = useI18n();
  const labelId = useId();
  if (servers.length === 0) return null;
  return (
    <div className="wizard-candidates" role="radiogroup" aria-labelledby={labelId}>
      <p id={labelId} className="wizard-candidates-label">
        {t(side === 'incoming' ? 'wizard.candidates.incoming' : 'wizard.candidates.outgoing')}
      </p>
      {servers.map((server, index) => {
        const source = sourcePhrase(server);
        const checked = sameServer(current, server) && (current.protocol === undefined || current.protocol === server.protocol);
        return (
          <label key={index} className="wizard-candidate" data-source={server.source}>
            <input type="radio" name={`${side}-candidate`} checked={checked} onChange={() => onPick(server)} />
            <span className="wizard-candidate-server">{serverLine(server)}</span>
            <span className="wizard-candidate-source">{t(source.key, source.params)}</span>
            {server.warning !== null && <span className="wizard-warning">{t('wizard.serverWarning', { warning: server.warning })}</span>}
          </label>
        );
      })}
    </div>
  );
}

function SecuritySelect({ value, onChange, error, selectRef }: { value: EndpointSecurity; onChange: (s: EndpointSecurity) => void; error: string | null; selectRef: (el: HTMLSelectElement | null) => void }) {
  const { t } = useI18n();
  const id = useId();
  const errorId = useId();
  const warningId = useId();
  return (
    <div className="wizard-field">
      <label htmlFor={id}>{t('wizard.security')}</label>
      <select
        id={id}
        ref={selectRef}
        value={value}
        aria-invalid={error !== null}
        aria-describedby={[error !== null ? errorId : null, value === 'none' ? warningId : null].filter((x) => x !== null).join(' ') || undefined}
        onChange={(event) => onChange(event.target.value as EndpointSecurity)}
      >
        <option value="tls">{t('wizard.security.tls')}</option>
        <option value="starttls">{t('wizard.security.starttls')}</option>
        <option value="none">{t('wizard.security.none')}</option>
      </select>
      {value === 'none' && (
        <p className="wizard-warning" id={warningId}>
          {t('wizard.noneWarning')}
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

/**
 * Step 3: the settings found (or the usual guesses in manual mode), every one editable; other
 * candidates selectable with where they came from; the browser sign-in where a server takes OAuth2.
 */
export function SettingsStep(props: SettingsStepProps) {
  const { api, identity, form, manual, problems, verificationNotes, focus, oauth, oauthProvider, editing } = props;
  const { t } = useI18n();
  const protocolId = useId();
  const protocolHintId = useId();
  const inputs = useRef(new Map<FieldName, HTMLInputElement | HTMLSelectElement>());
  const bind = (field: FieldName) => (el: HTMLInputElement | HTMLSelectElement | null) => {
    if (el === null) inputs.current.delete(field);
    else inputs.current.set(field, el);
  };
  useEffect(() => {
    if (focus !== null) inputs.current.get(focus.field)?.focus();
  }, [focus]);

  const text = (field: FieldName): string | null => fieldText(t, field, problems, verificationNotes);
  const signedIn = oauth.kind === 'done' || editing?.oauth === true;
  const keepHint = editing !== null ? t('wizard.edit.keepPassword') : undefined;
  const setIncoming = (patch: Partial<SettingsForm['incoming']>): void => props.onForm({ ...form, incoming: { ...form.incoming, ...patch } });
  const setOutgoing = (patch: Partial<EndpointForm>): void => props.onForm({ ...form, outgoing: { ...form.outgoing, ...patch } });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    props.onSubmit();
  };
  const domain = identity.email.slice(identity.email.lastIndexOf('@') + 1);

  return (
    <form className="wizard-step wizard-settings" onSubmit={submit} noValidate>
      {manual && <p className="wizard-status">{t('wizard.manualIntro', { domain })}</p>}
      {editing !== null && (
        <>
          <TextField label={t('wizard.name')} hint={t('wizard.nameHint')} name="name" autoComplete="name" inputRef={bind('name')} value={identity.name} error={null} onChange={(name) => props.onIdentity({ ...identity, name })} />
          <TextField
            label={t('wizard.email')}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            inputRef={bind('email')}
            value={identity.email}
            error={text('email')}
            onChange={(email) => props.onIdentity({ ...identity, email })}
          />
        </>
      )}
      {oauthProvider !== null && (
        <section className="wizard-oauth">
          {!signedIn && (
            <button type="button" className="wizard-oauth-button" disabled={oauth.kind === 'waiting'} onClick={props.onOAuth}>
              {t('wizard.oauth.button', { provider: oauthProvider })}
            </button>
          )}
          {oauth.kind === 'waiting' && (
            <p className="wizard-status" role="status">
              <span className="wizard-spinner" aria-hidden="true" /> {t('wizard.oauth.waiting')}
            </p>
          )}
          {oauth.kind === 'done' && (
            <p className="wizard-ok" role="status">
              {t('wizard.oauth.done', { provider: oauthProvider, address: oauth.grant.address })}
            </p>
          )}
          {oauth.kind === 'needs-browser' && (
            <p className="wizard-warning" role="alert">
              {t('wizard.oauth.needsBrowser')}
            </p>
          )}
          {oauth.kind === 'failed' && (
            <p className="wizard-field-error" role="alert">
              {t('wizard.oauth.failed', { message: oauth.message })}
            </p>
          )}
        </section>
      )}
      <ProviderNotes api={api} notes={props.notes} />

      <fieldset className="wizard-side" data-side="incoming">
        <legend>{t('wizard.incoming')}</legend>
        <Candidates side="incoming" servers={props.incomingCandidates} current={form.incoming} onPick={props.onPick} />
        <div className="wizard-grid">
          <div className="wizard-field">
            <label htmlFor={protocolId}>{t('wizard.protocol')}</label>
            <select
              id={protocolId}
              value={form.incoming.protocol}
              disabled={editing !== null}
              aria-describedby={editing !== null ? protocolHintId : undefined}
              onChange={(event) => props.onProtocol(event.target.value as IncomingProtocol)}
            >
              <option value="imap">IMAP</option>
              <option value="pop3">POP3</option>
            </select>
            {editing !== null && (
              <p className="wizard-hint" id={protocolHintId}>
                {t('wizard.edit.protocolFixed')}
              </p>
            )}
          </div>
          <TextField label={t('wizard.host')} name="incoming-host" className="wizard-host" inputRef={bind('incomingHost')} value={form.incoming.host} error={text('incomingHost')} onChange={(host) => setIncoming({ host })} />
          <TextField label={t('wizard.port')} name="incoming-port" className="wizard-port" inputMode="numeric" inputRef={bind('incomingPort')} value={form.incoming.port} error={text('incomingPort')} onChange={(port) => setIncoming({ port })} />
          <SecuritySelect value={form.incoming.security} selectRef={bind('incomingSecurity')} error={text('incomingSecurity')} onChange={(s) => props.onSecurity('incoming', s)} />
        </div>
        <TextField label={t('wizard.username')} name="incoming-username" inputRef={bind('incomingUsername')} value={form.incoming.username} error={text('incomingUsername')} onChange={(username) => setIncoming({ username })} />
        {!signedIn && (
          <PasswordField
            label={t('wizard.password')}
            name="password"
            inputRef={bind('password')}
            value={identity.password}
            error={text('password')}
            hint={keepHint}
            onChange={(password) => props.onIdentity({ ...identity, password })}
          />
        )}
        {form.incoming.protocol === 'pop3' && (
          <div className="wizard-pop3">
            <label className="wizard-check">
              <input type="checkbox" checked={form.leaveOnServer} onChange={(event) => props.onForm({ ...form, leaveOnServer: event.target.checked })} />
              {t('wizard.pop3.leave')}
            </label>
            {form.leaveOnServer && (
              <label className="wizard-check">
                <input type="checkbox" checked={form.deleteWhenDeletedHere} onChange={(event) => props.onForm({ ...form, deleteWhenDeletedHere: event.target.checked })} />
                {t('wizard.pop3.deleteWhenDeleted')}
              </label>
            )}
            {form.leaveOnServer && (
              <TextField
                label={t('wizard.pop3.deleteAfter')}
                name="delete-after-days"
                inputMode="numeric"
                inputRef={bind('deleteAfterDays')}
                value={form.deleteAfterDays}
                error={text('deleteAfterDays')}
                onChange={(deleteAfterDays) => props.onForm({ ...form, deleteAfterDays })}
              />
            )}
          </div>
        )}
      </fieldset>

      <fieldset className="wizard-side" data-side="outgoing">
        <legend>{t('wizard.outgoing')}</legend>
        <Candidates side="outgoing" servers={props.outgoingCandidates} current={form.outgoing} onPick={props.onPick} />
        <div className="wizard-grid">
          <TextField label={t('wizard.host')} name="outgoing-host" className="wizard-host" inputRef={bind('outgoingHost')} value={form.outgoing.host} error={text('outgoingHost')} onChange={(host) => setOutgoing({ host })} />
          <TextField label={t('wizard.port')} name="outgoing-port" className="wizard-port" inputMode="numeric" inputRef={bind('outgoingPort')} value={form.outgoing.port} error={text('outgoingPort')} onChange={(port) => setOutgoing({ port })} />
          <SecuritySelect value={form.outgoing.security} selectRef={bind('outgoingSecurity')} error={text('outgoingSecurity')} onChange={(s) => props.onSecurity('outgoing', s)} />
        </div>
        <TextField label={t('wizard.username')} name="outgoing-username" inputRef={bind('outgoingUsername')} value={form.outgoing.username} error={text('outgoingUsername')} onChange={(username) => setOutgoing({ username })} />
        {!signedIn && (
          <label className="wizard-check">
            <input type="checkbox" checked={form.separateOutgoingPassword} onChange={(event) => props.onForm({ ...form, separateOutgoingPassword: event.target.checked })} />
            {t('wizard.separatePassword')}
          </label>
        )}
        {!signedIn && form.separateOutgoingPassword && (
          <PasswordField
            label={t('wizard.outgoingPassword')}
            name="outgoing-password"
            inputRef={bind('outgoingPassword')}
            value={form.outgoingPassword}
            error={text('outgoingPassword')}
            hint={keepHint}
            onChange={(outgoingPassword) => props.onForm({ ...form, outgoingPassword })}
          />
        )}
      </fieldset>

      <div className="wizard-actions">
        <button type="button" onClick={props.onBack}>
          {editing !== null ? t('wizard.cancel') : t('wizard.back')}
        </button>
        <span className="wizard-spacer" />
        <button type="submit" className="primary">
          {editing !== null ? t('wizard.edit.submit') : t('wizard.submit')}
        </button>
      </div>
    </form>
  );
}

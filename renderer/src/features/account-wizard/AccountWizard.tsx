import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Account, AccountPins, DiscoveredServer } from '../../../../core/api/contract.js';
import { useMail } from '../../app/mail-context.js';
import { errorText } from '../../app/errors.js';
import { toBridgeError } from '../../bridge/errors.js';
import { useI18n } from '../../i18n/context.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { oauthOffer } from './discovery-view.js';
import { DiscoveryStep, type DiscoveryState } from './DiscoveryStep.js';
import {
  buildAccountChanges,
  buildNewAccount,
  formFromAccount,
  formFromDiscovery,
  identityProblems,
  manualForm,
  NO_PINS,
  settingsProblems,
  withIncomingProtocol,
  withIncomingServer,
  withOutgoingServer,
  withSecurity,
  type FieldName,
  type Identity,
  type SettingsForm,
} from './form.js';
import { IdentityStep } from './IdentityStep.js';
import { SettingsStep, type OAuthState } from './SettingsStep.js';
import { FIRST_SYNC_NOT_STARTED, nextFirstSync, type FirstSync } from './progress-view.js';
import { SyncStep } from './SyncStep.js';
import { useFocusTrap } from './use-focus-trap.js';
import { fieldMessages, sideAction, verificationFromDetails, type FieldMessage } from './verification-view.js';
import { VerifyStep, type VerifyState } from './VerifyStep.js';
import './wizard.css';

/** Adding an account (the default), or editing a saved one: its settings, then the login check, then saved. */
export type AccountWizardProps =
  | { readonly onClose: () => void; readonly onAdded: (account: Account) => void; readonly editing?: undefined }
  | { readonly onClose: () => void; readonly editing: Account; readonly onSaved: (account: Account) => void };

type Stage = 'identity' | 'discovery' | 'settings' | 'verify' | 'sync';

const STAGES: readonly Stage[] = ['identity', 'discovery', 'settings', 'verify', 'sync'];
/** Editing starts from the saved settings and has no first sync to show. */
const EDIT_STAGES: readonly Stage[] = ['settings', 'verify'];
const STAGE_LABEL: { readonly [S in Stage]: MessageKey } = {
  identity: 'wizard.stage.identity',
  discovery: 'wizard.stage.discovery',
  settings: 'wizard.stage.settings',
  verify: 'wizard.stage.verify',
  sync: 'wizard.stage.sync',
};

/**
 * Accounts whose progress is kept between addAccount's save and its answer (the new id is not
 * known yet). Per account, so the chatter of the other accounts' syncs cannot push the new
 * one's reports out.
 */
const EARLY_ACCOUNT_LIMIT = 100;

/**
 * The account wizard: address and password → settings looked up with every step visible →
 * settings shown and editable (or entered by hand) → both servers logged in to, certificate
 * problems shown with an explicit accept → first sync with progress. A modal dialog: focus stays
 * inside, Escape closes (asking first when something was typed).
 *
 * With `editing`, the same dialog changes a saved account ("Account settings…"): it opens on the
 * settings, prefilled, with empty password fields that keep the saved passwords (they never come
 * to the window), and saves through updateAccount after the same login check.
 */
export function AccountWizard(props: AccountWizardProps) {
  const { onClose } = props;
  const editing = props.editing ?? null;
  const onAdded = props.editing === undefined ? props.onAdded : null;
  const onSaved = props.editing !== undefined ? props.onSaved : null;
  const { api } = useMail();
  const { t } = useI18n();
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusTrap(dialogRef);

  const [initial] = useState(() => ({
    identity: { name: editing?.name ?? '', email: editing?.email ?? '', password: '' },
    form: editing !== null ? formFromAccount(editing) : manualForm(''),
  }));
  const [stage, setStage] = useState<Stage>(editing !== null ? 'settings' : 'identity');
  const [identity, setIdentity] = useState<Identity>(initial.identity);
  const [identityTried, setIdentityTried] = useState(false);
  const [discovery, setDiscovery] = useState<DiscoveryState | null>(null);
  const [form, setForm] = useState<SettingsForm>(initial.form);
  const [manual, setManual] = useState(false);
  const [settingsTried, setSettingsTried] = useState(false);
  const [focus, setFocus] = useState<{ field: FieldName; token: number } | null>(null);
  const [verificationNotes, setVerificationNotes] = useState<Partial<Record<FieldName, FieldMessage>>>({});
  const [pins, setPins] = useState<AccountPins>(editing?.pinnedSha256 ?? NO_PINS);
  const [oauth, setOauth] = useState<OAuthState>({ kind: 'none' });
  const [verify, setVerify] = useState<VerifyState | null>(null);
  const [account, setAccount] = useState<Account | null>(null);
  const [firstSync, setFirstSync] = useState<FirstSync>(FIRST_SYNC_NOT_STARTED);
  const [confirming, setConfirming] = useState(false);

  // A newer request (or closing) makes an older answer stale: it is ignored, never applied late.
  const generation = useRef(0);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // Subscribed for the wizard's whole life, so no progress event of the new account is missed.
  const accountId = useRef<string | null>(null);
  const early = useRef(new Map<string, FirstSync>());
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type !== 'sync-progress') return;
        const { progress } = event;
        if (accountId.current === null) {
          const kept = early.current;
          if (!kept.has(progress.accountId) && kept.size >= EARLY_ACCOUNT_LIMIT) return;
          kept.set(progress.accountId, nextFirstSync(kept.get(progress.accountId) ?? FIRST_SYNC_NOT_STARTED, progress));
        } else if (progress.accountId === accountId.current) {
          setFirstSync((current) => nextFirstSync(current, progress));
        }
      }),
    [api],
  );

  const focusField = (field: FieldName): void => setFocus((previous) => ({ field, token: (previous?.token ?? 0) + 1 }));
  /** Moves to another step; a field focus asked for earlier does not follow into it. */
  const goTo = (next: Stage): void => {
    setFocus(null);
    setStage(next);
  };

  // Editing: anything that differs from the saved settings; adding: anything typed at all.
  const dirty =
    identity.name !== initial.identity.name || identity.email !== initial.identity.email || identity.password !== '' || (editing !== null && JSON.stringify(form) !== JSON.stringify(initial.form));
  const requestClose = useCallback((): void => {
    if (account !== null && onAdded !== null) onAdded(account);
    else if (dirty) setConfirming(true);
    else onClose();
  }, [account, dirty, onAdded, onClose]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      if (confirming) setConfirming(false);
      else requestClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [confirming, requestClose]);

  // A step without a field to start in puts focus on the title, so it never falls out of the dialog.
  useEffect(() => {
    if (dialogRef.current !== null && !dialogRef.current.contains(document.activeElement)) headingRef.current?.focus();
  }, [stage, verify]);

  const startDiscovery = (): void => {
    setIdentityTried(true);
    if (Object.keys(identityProblems(identity)).length > 0) return;
    const request = ++generation.current;
    const address = identity.email.trim();
    const domain = address.slice(address.lastIndexOf('@') + 1);
    setStage('discovery');
    setDiscovery({ kind: 'running', domain });
    api.discoverSettings(identity.password !== '' ? { address, password: identity.password } : { address }).then(
      (result) => {
        if (!alive.current || request !== generation.current) return;
        setDiscovery({ kind: 'done', result });
        setForm(formFromDiscovery(address, result.chosen?.incoming ?? result.incoming[0], result.chosen?.outgoing ?? result.outgoing[0]));
        setManual(result.manual);
        setPins(NO_PINS);
        setOauth({ kind: 'none' });
      },
      (reason: unknown) => {
        if (!alive.current || request !== generation.current) return;
        setDiscovery({ kind: 'failed', domain, message: errorText(reason, t) });
      },
    );
  };

  const startManual = (): void => {
    setIdentityTried(true);
    if (Object.keys(identityProblems(identity)).length > 0) return;
    generation.current++;
    setDiscovery(null);
    setForm(manualForm(identity.email));
    setManual(true);
    setPins(NO_PINS);
    setOauth({ kind: 'none' });
    goTo('settings');
  };

  const manualAfterDiscovery = (): void => {
    setManual(true);
    goTo('settings');
  };

  /** Any edit of a side's server forgets a certificate pinned for the old one. */
  const updateForm = (next: SettingsForm): void => {
    const moved = (a: SettingsForm['outgoing'], b: SettingsForm['outgoing']): boolean => a.host !== b.host || a.port !== b.port || a.security !== b.security;
    setPins((current) => ({
      incoming: moved(form.incoming, next.incoming) ? null : current.incoming,
      outgoing: moved(form.outgoing, next.outgoing) ? null : current.outgoing,
    }));
    setVerificationNotes({});
    setForm(next);
  };

  const pick = (server: DiscoveredServer): void => updateForm(server.protocol === 'smtp' ? withOutgoingServer(form, server) : withIncomingServer(form, server));

  const signIn = (): void => {
    setOauth({ kind: 'waiting' });
    api.startOAuthSignIn({ address: identity.email.trim() }).then(
      (grant) => {
        if (alive.current) setOauth({ kind: 'done', grant });
      },
      (reason: unknown) => {
        if (!alive.current) return;
        const error = toBridgeError(reason);
        setOauth(error.code === 'oauth-needs-browser' ? { kind: 'needs-browser' } : { kind: 'failed', message: errorText(error, t) });
      },
    );
  };

  const submit = (pinsToUse: AccountPins = pins): void => {
    setSettingsTried(true);
    const grantId = oauth.kind === 'done' ? oauth.grant.grantId : null;
    const problems = settingsProblems(identity, form, grantId !== null || editing?.auth === 'oauth2', editing !== null);
    const firstProblem = Object.keys(problems)[0] as FieldName | undefined;
    if (firstProblem !== undefined) {
      setStage('settings');
      focusField(firstProblem);
      return;
    }
    const request = ++generation.current;
    const refused = (reason: unknown): void => {
      if (!alive.current || request !== generation.current) return;
      const error = toBridgeError(reason);
      const verification = error.code === 'account-verification-failed' ? verificationFromDetails(error.details) : null;
      if (verification === null) {
        setVerify({ kind: 'error', message: errorText(error, t) });
        return;
      }
      setVerify({ kind: 'failed', verification });
      setVerificationNotes(fieldMessages(verification, form.separateOutgoingPassword));
    };
    if (editing !== null && onSaved !== null) {
      const changes = buildAccountChanges(editing, identity, form, pinsToUse);
      setStage('verify');
      setVerify({ kind: 'running', servers: { incoming: `${changes.incoming.host}:${changes.incoming.port}`, outgoing: `${changes.outgoing.host}:${changes.outgoing.port}` } });
      // updateAccount logs in with the new settings (and the saved password unless one was typed) before it saves.
      api.updateAccount(editing.id, changes).then((saved) => {
        if (alive.current && request === generation.current) onSaved(saved);
      }, refused);
      return;
    }
    const newAccount = buildNewAccount(identity, form, { pins: pinsToUse, oauthGrantId: grantId });
    setStage('verify');
    setVerify({ kind: 'running', servers: { incoming: `${newAccount.incoming.host}:${newAccount.incoming.port}`, outgoing: `${newAccount.outgoing.host}:${newAccount.outgoing.port}` } });
    // addAccount logs in to both servers before it saves; its refusal carries the per-side report.
    api.addAccount(newAccount).then(
      (added) => {
        if (!alive.current || request !== generation.current) return;
        accountId.current = added.id;
        setFirstSync(early.current.get(added.id) ?? FIRST_SYNC_NOT_STARTED);
        early.current = new Map();
        setAccount(added);
        setStage('sync');
      },
      refused,
    );
  };

  const trust = (side: 'incoming' | 'outgoing', fingerprint: string): void => {
    const next = { ...pins, [side]: fingerprint };
    setPins(next);
    submit(next);
  };

  const backToSettings = (side: Parameters<typeof sideAction>[0] | null): void => {
    goTo('settings');
    if (side === null) return;
    const action = sideAction(side, form.separateOutgoingPassword);
    if (action.kind === 'settings' || action.kind === 'password') focusField(action.field);
  };

  const discoveryResult = discovery?.kind === 'done' ? discovery.result : null;
  const offer = editing !== null ? null : oauthOffer(discoveryResult);
  const stages = editing !== null ? EDIT_STAGES : STAGES;
  const stageIndex = stages.indexOf(stage);

  return (
    <div className="dialog-backdrop wizard-backdrop">
      <div className="dialog wizard" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialogRef} data-stage={stage}>
        <header className="wizard-header">
          <h2 id={titleId} ref={headingRef} tabIndex={-1}>
            {editing !== null ? t('wizard.editTitle') : t('wizard.dialogTitle')}
          </h2>
          <p className="wizard-progress-label">{t('wizard.progressLabel', { n: String(stageIndex + 1), total: String(stages.length), name: t(STAGE_LABEL[stage]) })}</p>
          <ol className="wizard-stages" aria-hidden="true">
            {stages.map((s, index) => (
              <li key={s} data-state={index < stageIndex ? 'done' : index === stageIndex ? 'current' : 'todo'} />
            ))}
          </ol>
        </header>

        {confirming && (
          <div className="wizard-confirm" role="alertdialog" aria-modal="true" aria-label={t('wizard.discard.question')}>
            <p>{t('wizard.discard.question')}</p>
            <div className="wizard-actions">
              <span className="wizard-spacer" />
              <button type="button" onClick={onClose}>
                {t('wizard.discard.yes')}
              </button>
              <button type="button" className="primary" autoFocus onClick={() => setConfirming(false)}>
                {t('wizard.discard.no')}
              </button>
            </div>
          </div>
        )}

        <div className="wizard-body" hidden={confirming}>
          {stage === 'identity' && (
            <IdentityStep
              identity={identity}
              problems={identityTried ? identityProblems(identity) : {}}
              onChange={setIdentity}
              onContinue={startDiscovery}
              onManual={startManual}
              onCancel={requestClose}
            />
          )}
          {stage === 'discovery' && discovery !== null && (
            <DiscoveryStep api={api} state={discovery} onContinue={() => goTo('settings')} onRetry={startDiscovery} onManual={manualAfterDiscovery} onBack={() => goTo('identity')} />
          )}
          {stage === 'settings' && (
            <SettingsStep
              api={api}
              identity={identity}
              form={form}
              manual={manual}
              incomingCandidates={discoveryResult?.incoming ?? []}
              outgoingCandidates={discoveryResult?.outgoing ?? []}
              notes={discoveryResult?.notes ?? []}
              problems={settingsTried ? settingsProblems(identity, form, oauth.kind === 'done' || editing?.auth === 'oauth2', editing !== null) : {}}
              verificationNotes={verificationNotes}
              focus={focus}
              oauthProvider={offer?.provider ?? null}
              oauth={oauth}
              editing={editing !== null ? { oauth: editing.auth === 'oauth2' } : null}
              onIdentity={(next) => {
                setVerificationNotes({});
                setIdentity(next);
              }}
              onForm={updateForm}
              onProtocol={(protocol) => updateForm(withIncomingProtocol(form, protocol))}
              onSecurity={(side, security) => updateForm(withSecurity(form, side, security))}
              onPick={pick}
              onOAuth={signIn}
              onSubmit={() => submit()}
              onBack={() => (editing !== null ? requestClose() : goTo(discovery !== null ? 'discovery' : 'identity'))}
            />
          )}
          {stage === 'verify' && verify !== null && (
            <VerifyStep
              state={verify}
              password={identity.password}
              outgoingPassword={form.outgoingPassword}
              separateOutgoingPassword={form.separateOutgoingPassword}
              onPassword={(field, value) => (field === 'password' ? setIdentity({ ...identity, password: value }) : setForm({ ...form, outgoingPassword: value }))}
              onRetry={() => submit()}
              onTrust={trust}
              onSettings={backToSettings}
            />
          )}
          {stage === 'sync' && account !== null && onAdded !== null && <SyncStep account={account} sync={firstSync} onDone={() => onAdded(account)} />}
        </div>
      </div>
    </div>
  );
}

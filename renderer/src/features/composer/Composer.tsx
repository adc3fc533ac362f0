import { useCallback, useEffect, useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { errorText } from '../../app/errors.js';
import type { Account, ComposedMessage, MailAddress, QueuedMessage, SendLimits } from '../../../../core/api/contract.js';
import { type ComposeInit, useMail } from '../../app/mail-context.js';
import { suggestContacts } from '../../data/contacts-index.js';
import { useI18n } from '../../i18n/context.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { AttachmentList, type ComposerAttachment } from './AttachmentList.js';
import { loadInitialDraft, type AttachmentSource, type ComposeWords, type InitialDraft } from './compose-init.js';
import { DeliveryStatus } from './DeliveryStatus.js';
import { RecipientField, SUGGESTION_LIMIT } from './RecipientField.js';
import { toMailAddresses, type Recipient } from './recipients.js';
import { RichEditor } from './RichEditor.js';
import { textToHtml } from './rich-text.js';
import { bytesToBase64, estimateMessageSize, formatSize } from './size.js';
import { unloadAction } from './unload.js';
import './composer.css';

/** Drafts are saved this long after the last change (and when the composer is closed). */
export const AUTOSAVE_DELAY_MS = 5_000;

export interface ComposerProps {
  readonly init: ComposeInit;
  readonly onClose: () => void;
  /** A window of its own (the desktop app's composer window) rather than a panel in the mail window. */
  readonly ownWindow?: boolean;
}

type Load = { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly message: string } | { readonly kind: 'ready'; readonly accounts: readonly Account[]; readonly draft: InitialDraft };

/**
 * The composer: From, To/Cc/Bcc, subject, a plain or rich body and attachments; replies and
 * forwards start from the original, drafts save themselves, and a sent message is followed
 * through the Outbox until it is delivered or fails.
 */
export function Composer({ init, onClose, ownWindow = false }: ComposerProps) {
  const { api } = useMail();
  const { t, language } = useI18n();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const words = useMemo<ComposeWords>(
    () => ({
      quote: { locale: language, attribution: t('composer.attribution'), attributionNoDate: t('composer.attributionNoDate') },
      forward: {
        locale: language,
        heading: t('composer.forward.heading'),
        subject: t('composer.forward.subject'),
        date: t('composer.forward.date'),
        from: t('composer.forward.from'),
        to: t('composer.forward.to'),
        cc: t('composer.forward.cc'),
        replyTo: t('composer.forward.replyTo'),
      },
    }),
    [language, t],
  );
  // The composer is set up once from its init; a language switch later does not rewrite the body.
  const wordsRef = useRef(words);

  // One setup per distinct request (an equal init object made again by a re-render is the same request).
  const initKey = JSON.stringify(init);
  const initRef = useRef(init);
  initRef.current = init;
  useEffect(() => {
    let cancelled = false;
    const init = initRef.current;
    setLoad({ kind: 'loading' });
    (async () => {
      const accounts = await api.listAccounts();
      const draft = await loadInitialDraft(api, init, accounts, wordsRef.current);
      if (!cancelled) setLoad({ kind: 'ready', accounts, draft });
    })().catch((error: unknown) => {
      if (!cancelled) setLoad({ kind: 'failed', message: errorText(error, t) });
    });
    return () => {
      cancelled = true;
    };
  }, [api, initKey]);

  if (load.kind === 'loading') {
    return (
      <section className="composer" aria-busy="true">
        <p role="status">{t('composer.loading')}</p>
      </section>
    );
  }
  if (load.kind === 'failed') {
    return (
      <section className="composer">
        <p role="alert">{t('composer.loadFailed', { message: load.message })}</p>
        <button type="button" onClick={onClose}>
          {t('composer.close')}
        </button>
      </section>
    );
  }
  if (load.accounts.length === 0) {
    return (
      <section className="composer">
        <p role="alert">{t('composer.noAccount')}</p>
        <button type="button" onClick={onClose}>
          {t('composer.close')}
        </button>
      </section>
    );
  }
  return <ComposerForm accounts={load.accounts} draft={load.draft} onClose={onClose} ownWindow={ownWindow} />;
}

type SaveState = { readonly kind: 'idle' } | { readonly kind: 'saving' } | { readonly kind: 'saved'; readonly at: number } | { readonly kind: 'failed'; readonly message: string };
type ConfirmKind = 'empty-subject' | 'too-large' | 'discard';
type SendCheck = 'empty-subject' | 'too-large';

interface FormProps {
  readonly accounts: readonly Account[];
  readonly draft: InitialDraft;
  readonly onClose: () => void;
  readonly ownWindow: boolean;
}

let nextAttachmentKey = 1;

function ComposerForm({ accounts, draft, onClose, ownWindow }: FormProps) {
  const { api, db, info } = useMail();
  const { t, language } = useI18n();
  const titleId = useId();
  const subjectId = useId();
  const bodyId = useId();
  const fromId = useId();
  const fileInput = useRef<HTMLInputElement>(null);

  const [accountId, setAccountId] = useState(draft.accountId !== null && accounts.some((a) => a.id === draft.accountId) ? draft.accountId : (accounts[0]?.id ?? ''));
  const [to, setTo] = useState<readonly Recipient[]>(draft.to);
  const [cc, setCc] = useState<readonly Recipient[]>(draft.cc);
  const [bcc, setBcc] = useState<readonly Recipient[]>(draft.bcc);
  const [showCcBcc, setShowCcBcc] = useState(draft.cc.length > 0 || draft.bcc.length > 0);
  const [subject, setSubject] = useState(draft.subject);
  const [format, setFormat] = useState<'plain' | 'rich'>(draft.html !== null ? 'rich' : 'plain');
  const [text, setText] = useState(draft.text);
  const [html, setHtml] = useState(draft.html ?? '');
  const [editorKey, setEditorKey] = useState(0);
  const [attachments, setAttachments] = useState<readonly ComposerAttachment[]>([]);
  const [limits, setLimits] = useState<SendLimits>({ maxMessageSize: null });
  const [revision, setRevision] = useState(0);
  const [savedRevision, setSavedRevision] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [errors, setErrors] = useState<readonly string[]>([]);
  const [confirm, setConfirm] = useState<{ readonly kind: ConfirmKind; readonly checked: ReadonlySet<SendCheck> } | null>(null);
  const [sendRequested, setSendRequested] = useState(false);
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState<QueuedMessage | null>(null);
  const [dragging, setDragging] = useState(false);
  const [markError, setMarkError] = useState<string | null>(null);

  const draftId = useRef<string | null>(draft.draftId);
  const draftCreatedHere = useRef(false);
  const saving = useRef<Promise<boolean> | null>(null);
  const closed = useRef(false);
  const caretPlaced = useRef(false);

  const changed = useCallback(() => setRevision((r) => r + 1), []);
  const dirty = revision !== savedRevision;

  // ---- attachments --------------------------------------------------------------------------

  const updateAttachment = useCallback((key: number, patch: Partial<ComposerAttachment>) => {
    setAttachments((list) => list.map((a) => (a.key === key ? { ...a, ...patch } : a)));
  }, []);

  const stage = useCallback(
    (sources: readonly AttachmentSource[], byUser: boolean) => {
      const added = sources.map((s) => ({ source: s, key: nextAttachmentKey++ }));
      setAttachments((list) => [
        ...list,
        ...added.map(({ source, key }): ComposerAttachment => ({ key, filename: source.filename, contentType: source.contentType, size: source.size, state: 'staging', path: null, error: null })),
      ]);
      if (byUser && added.length > 0) changed();
      for (const { source, key } of added) {
        source
          .stage()
          .then(
            (file) => updateAttachment(key, { state: 'ready', path: file.path, size: file.size, filename: file.filename ?? source.filename, contentType: file.contentType ?? source.contentType }),
            (error: unknown) => updateAttachment(key, { state: 'failed', error: errorText(error, t) }),
          );
      }
    },
    [api, changed, updateAttachment],
  );

  const initialSources = useRef(draft.attachments);
  useEffect(() => {
    const sources = initialSources.current;
    initialSources.current = [];
    if (sources.length > 0) stage(sources, false);
  }, [stage]);

  const stageFiles = useCallback(
    (files: readonly File[]) => {
      stage(
        files.map((file) => ({
          filename: file.name,
          contentType: file.type === '' ? null : file.type,
          size: file.size,
          stage: async () => api.stageAttachment({ filename: file.name, contentType: file.type === '' ? null : file.type, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) }),
        })),
        true,
      );
    },
    [api, stage],
  );

  const chooseFiles = async (): Promise<void> => {
    try {
      const choice = await api.chooseAttachmentFiles();
      if (choice.status === 'unsupported') {
        fileInput.current?.click();
        return;
      }
      if (choice.status === 'cancelled' || choice.files.length === 0) return;
      setAttachments((list) => [
        ...list,
        ...choice.files.map((f): ComposerAttachment => ({ key: nextAttachmentKey++, filename: f.filename ?? f.path.split(/[\\/]/).pop() ?? f.path, contentType: f.contentType, size: f.size, state: 'ready', path: f.path, error: null })),
      ]);
      changed();
    } catch (error) {
      setErrors([errorText(error, t)]);
    }
  };

  const removeAttachment = (key: number): void => {
    setAttachments((list) => list.filter((a) => a.key !== key));
    changed();
  };

  // ---- size against the server's limit ------------------------------------------------------

  useEffect(() => {
    let current = true;
    api.getSendLimits(accountId).then(
      (l) => {
        if (current) setLimits(l);
      },
      () => {
        if (current) setLimits({ maxMessageSize: null });
      },
    );
    return () => {
      current = false;
    };
  }, [api, accountId]);

  const estimate = estimateMessageSize(
    text,
    format === 'rich' ? html : null,
    attachments.filter((a) => a.state !== 'failed').map((a) => a.size),
  );
  const limit = limits.maxMessageSize;
  const overLimit = limit !== null && estimate > limit;

  // ---- the message as the service takes it --------------------------------------------------

  const composed = (): ComposedMessage => ({
    accountId,
    to: toMailAddresses(to),
    cc: toMailAddresses(cc),
    bcc: toMailAddresses(bcc),
    subject,
    text,
    html: format === 'rich' ? html : null,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    attachments: attachments.filter((a) => a.state === 'ready' && a.path !== null).map((a) => ({ path: a.path as string, filename: a.filename, contentType: a.contentType })),
    draftId: draftId.current,
  });
  const latest = useRef({ composed, revision });
  latest.current = { composed, revision };

  const isEmpty = to.length === 0 && cc.length === 0 && bcc.length === 0 && subject.trim() === '' && text.trim() === '' && attachments.length === 0;

  // ---- drafts -------------------------------------------------------------------------------

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (saving.current !== null) await saving.current;
    const run = (async () => {
      const { composed: build, revision: at } = latest.current;
      setSaveState({ kind: 'saving' });
      try {
        const saved = await api.saveDraft(build());
        if (draftId.current === null) draftCreatedHere.current = true;
        draftId.current = saved.id;
        setSavedRevision(at);
        setSaveState({ kind: 'saved', at: Date.now() });
        return true;
      } catch (error) {
        setSaveState({ kind: 'failed', message: errorText(error, t) });
        return false;
      }
    })();
    saving.current = run;
    try {
      return await run;
    } finally {
      if (saving.current === run) saving.current = null;
    }
  }, [api]);

  const staging = attachments.some((a) => a.state === 'staging');
  useEffect(() => {
    if (!dirty || isEmpty || queued !== null || sending || staging || closed.current) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [revision, savedRevision, dirty, isEmpty, queued, sending, staging, saveNow]);

  // Leaving with unsaved changes (unload.ts): a browser tab asks first; a composer window of
  // its own holds the close, saves the draft and then closes itself (close() below), which the
  // main process waits for only so long (electron/main/close-guard.ts).
  const unsaved = dirty && !isEmpty && queued === null;
  const closeRef = useRef<() => Promise<void>>(() => Promise.resolve());
  const closingForUnload = useRef(false);
  useEffect(() => {
    const action = unloadAction({ host: info.host, ownWindow, unsaved });
    if (action === 'leave') return;
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (closed.current) return;
      event.preventDefault();
      if (action !== 'save-then-close' || closingForUnload.current) return;
      closingForUnload.current = true;
      void closeRef.current().finally(() => {
        closingForUnload.current = false;
      });
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved, info.host, ownWindow]);

  // ---- closing ------------------------------------------------------------------------------

  const close = async (): Promise<void> => {
    if (queued === null && dirty && !isEmpty) {
      const ok = await saveNow();
      if (!ok) return; // the failure is shown; closing now would lose the changes
    }
    closed.current = true;
    onClose();
  };
  closeRef.current = close;

  const discard = async (): Promise<void> => {
    closed.current = true;
    // A draft this composer autosaved is part of what is being discarded; a draft the user
    // opened to continue stays as it was saved.
    if (draftCreatedHere.current && draftId.current !== null) {
      await saving.current;
      await api.deleteMessages([draftId.current], true).catch(() => undefined);
    }
    onClose();
  };

  // ---- sending ------------------------------------------------------------------------------

  const validate = (): string[] => {
    const all = [...to, ...cc, ...bcc];
    const problems: string[] = [];
    if (all.filter((r) => r.valid).length === 0) problems.push(t('composer.error.noRecipient'));
    const invalid = all.filter((r) => !r.valid);
    if (invalid.length > 0) problems.push(t('composer.error.invalid', { list: invalid.map((r) => r.text).join(', ') }));
    if (staging) problems.push(t('composer.error.attachmentsPending'));
    return problems;
  };

  const send = async (checked: ReadonlySet<SendCheck>): Promise<void> => {
    if (sending || queued !== null) return;
    const problems = validate();
    setErrors(problems);
    if (problems.length > 0) return;
    if (!checked.has('empty-subject') && subject.trim() === '') {
      setConfirm({ kind: 'empty-subject', checked });
      return;
    }
    if (!checked.has('too-large') && overLimit) {
      setConfirm({ kind: 'too-large', checked });
      return;
    }
    setSending(true);
    try {
      // A draft save in flight must finish first, so the sent message replaces the newest draft.
      if (saving.current !== null) await saving.current;
      const result = await api.sendMessage({ ...composed(), draftId: draftId.current });
      setQueued(result);
      setSavedRevision(revision);
      // Mark the original answered/forwarded, as the list shows it. A failure here must not read
      // as a failed send (the message is queued), so it is only reported beside the status.
      if (draft.marks !== null) {
        api.setFlags([draft.marks.messageId], { add: [draft.marks.flag], remove: [] }).catch((error: unknown) => setMarkError(errorText(error, t)));
      }
    } catch (error) {
      setErrors([t('composer.sendFailed', { message: errorText(error, t) })]);
    } finally {
      setSending(false);
    }
  };

  // Ctrl+Enter: recipient fields commit their typed text in the same keystroke, so the send
  // runs after that state has rendered.
  useEffect(() => {
    if (!sendRequested) return;
    setSendRequested(false);
    void send(new Set());
  });

  // Electron's menu accelerator (CmdOrCtrl+Enter) reaches the page as a 'send' command rather than a key press.
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'command' && event.command === 'send' && document.hasFocus()) setSendRequested(true);
      }),
    [api],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return; // an input method's key, not a command
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (queued === null) setSendRequested(true);
      return;
    }
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      event.stopPropagation();
      if (confirm !== null) setConfirm(null);
      else if (queued !== null || !dirty || isEmpty) {
        closed.current = true;
        onClose();
      } else setConfirm({ kind: 'discard', checked: new Set() });
    }
  };

  // ---- drag and drop ------------------------------------------------------------------------

  const hasFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer.types).includes('Files');
  const onDragOver = (event: DragEvent<HTMLElement>): void => {
    if (!hasFiles(event) || queued !== null) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLElement>): void => {
    setDragging(false);
    if (!hasFiles(event) || queued !== null) return;
    event.preventDefault();
    stageFiles(Array.from(event.dataTransfer.files));
  };

  // ---- body format --------------------------------------------------------------------------

  const switchFormat = (next: 'plain' | 'rich'): void => {
    if (next === format) return;
    if (next === 'rich') {
      setHtml(text === '' ? '' : `<div>${textToHtml(text)}</div>`);
      setEditorKey((k) => k + 1);
    }
    // Rich → plain keeps the text alternative the editor has kept up to date.
    setFormat(next);
    changed();
  };

  const suggest = useCallback(async (prefix: string): Promise<readonly MailAddress[]> => {
    const found = await suggestContacts(db, prefix, SUGGESTION_LIMIT);
    return found.map((c) => ({ name: c.name, address: c.address }));
  }, [db]);

  const edit = <T,>(setter: (value: T) => void) => (value: T): void => {
    setter(value);
    changed();
  };

  const titleKey: MessageKey = `composer.title.${draft.title}`;
  const readOnly = queued !== null || sending;
  const sizeText = limit === null ? t('composer.sizeEstimate', { size: formatSize(estimate, language) }) : t('composer.sizeOfLimit', { size: formatSize(estimate, language), limit: formatSize(limit, language) });

  return (
    <section className="composer" aria-labelledby={titleId} onKeyDown={onKeyDown} onDragOver={onDragOver} onDragLeave={() => setDragging(false)} onDrop={onDrop} data-dragging={dragging ? 'true' : undefined}>
      <header className="composer-header">
        <h2 id={titleId} className="composer-title">
          {subject.trim() === '' ? t(titleKey) : subject}
        </h2>
        <span className="composer-save-state" role="status" data-state={saveState.kind}>
          {saveState.kind === 'saving' && t('composer.saving')}
          {saveState.kind === 'saved' && t('composer.saved', { time: new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(saveState.at) })}
          {saveState.kind === 'failed' && t('composer.saveFailed', { message: saveState.message })}
        </span>
        <button type="button" className="composer-close" onClick={() => void close()}>
          {t('composer.close')}
        </button>
      </header>

      <fieldset className="composer-fields" disabled={readOnly}>
        <div className="composer-row">
          <label htmlFor={fromId} className="composer-label">
            {t('composer.from')}
          </label>
          <select id={fromId} value={accountId} onChange={(e) => edit(setAccountId)(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name === '' ? a.email : `${a.name} <${a.email}>`}
              </option>
            ))}
          </select>
        </div>
        <RecipientField
          label={t('composer.to')}
          recipients={to}
          onChange={edit(setTo)}
          suggest={suggest}
          autoFocus={to.length === 0}
          after={
            showCcBcc ? undefined : (
              <button type="button" className="composer-ccbcc" aria-expanded={false} onClick={() => setShowCcBcc(true)}>
                {t('composer.showCcBcc')}
              </button>
            )
          }
        />
        {showCcBcc && <RecipientField label={t('composer.cc')} recipients={cc} onChange={edit(setCc)} suggest={suggest} />}
        {showCcBcc && <RecipientField label={t('composer.bcc')} recipients={bcc} onChange={edit(setBcc)} suggest={suggest} />}
        <div className="composer-row">
          <label htmlFor={subjectId} className="composer-label">
            {t('composer.subject')}
          </label>
          <input id={subjectId} type="text" className="composer-subject" value={subject} onChange={(e) => edit(setSubject)(e.target.value)} />
        </div>

        <div className="composer-bar">
          <label className="composer-format">
            <span>{t('composer.format')}</span>{' '}
            <select value={format} onChange={(e) => switchFormat(e.target.value === 'rich' ? 'rich' : 'plain')}>
              <option value="plain">{t('composer.format.plain')}</option>
              <option value="rich">{t('composer.format.rich')}</option>
            </select>
          </label>
          <button type="button" className="composer-attach" onClick={() => void chooseFiles()}>
            {t('composer.attach')}
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            data-testid="composer-file-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length > 0) stageFiles(files);
            }}
          />
        </div>

        {format === 'plain' ? (
          <textarea
            id={bodyId}
            className="composer-body"
            aria-label={t('composer.body')}
            value={text}
            autoFocus={to.length > 0}
            onChange={(e) => edit(setText)(e.target.value)}
            onFocus={(e) => {
              // An answer starts with the caret above the quote (the first time only).
              if (caretPlaced.current) return;
              caretPlaced.current = true;
              if (draft.title === 'reply' || draft.title === 'forward') e.target.setSelectionRange(0, 0);
            }}
          />
        ) : (
          <RichEditor
            key={editorKey}
            label={t('composer.body')}
            initialHtml={html}
            onChange={(nextHtml, nextText) => {
              setHtml(nextHtml);
              setText(nextText);
              changed();
            }}
          />
        )}
      </fieldset>

      <AttachmentList attachments={attachments} onRemove={removeAttachment} />
      <p className="composer-size" data-over={overLimit ? 'true' : undefined}>
        {sizeText}
      </p>
      {overLimit && limit !== null && (
        <p className="composer-warning" role="alert">
          {t('composer.sizeOver', { size: formatSize(estimate, language), limit: formatSize(limit, language) })}
        </p>
      )}
      {dragging && <div className="composer-drop">{t('composer.dropHere')}</div>}

      {errors.length > 0 && (
        <ul className="composer-errors" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}

      {confirm !== null && (
        <ConfirmBar
          kind={confirm.kind}
          limit={limit === null ? '' : formatSize(limit, language)}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const { kind, checked } = confirm;
            setConfirm(null);
            if (kind === 'discard') void discard();
            else void send(new Set([...checked, kind]));
          }}
          onSaveAndClose={() => {
            setConfirm(null);
            void close();
          }}
        />
      )}

      {queued !== null && markError !== null && <p className="composer-warning">{t('composer.markFailed', { message: markError })}</p>}
      {queued !== null ? (
        <DeliveryStatus db={db} queued={queued} />
      ) : (
        <footer className="composer-footer">
          <button type="button" className="composer-send" title={t('composer.sendShortcut')} disabled={sending} onClick={() => void send(new Set())}>
            {t('composer.send')}
          </button>
          <button type="button" className="composer-save" disabled={sending} onClick={() => void saveNow()}>
            {t('composer.saveDraft')}
          </button>
        </footer>
      )}
    </section>
  );
}

interface ConfirmBarProps {
  readonly kind: ConfirmKind;
  readonly limit: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly onSaveAndClose: () => void;
}

/** A question inside the composer (no native dialog: Electron has no window.confirm in the page). */
function ConfirmBar({ kind, limit, onConfirm, onCancel, onSaveAndClose }: ConfirmBarProps) {
  const { t } = useI18n();
  const textId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const question = kind === 'empty-subject' ? t('composer.confirm.emptySubject') : kind === 'too-large' ? t('composer.confirm.tooLarge', { limit }) : t('composer.confirm.discard');
  return (
    <div className="composer-confirm" role="alertdialog" aria-describedby={textId}>
      <p id={textId}>{question}</p>
      {kind === 'discard' ? (
        <>
          <button type="button" ref={first} onClick={onSaveAndClose}>
            {t('composer.confirm.saveAndClose')}
          </button>
          <button type="button" onClick={onConfirm}>
            {t('composer.confirm.discardButton')}
          </button>
        </>
      ) : (
        <button type="button" onClick={onConfirm}>
          {t('composer.confirm.sendAnyway')}
        </button>
      )}
      <button type="button" ref={kind === 'discard' ? undefined : first} onClick={onCancel}>
        {t('composer.confirm.keepEditing')}
      </button>
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../app/errors.js';
import type { MessageContent } from '../../../../core/api/contract.js';
import { useMail } from '../../app/mail-context.js';
import type { IndexedMessage } from '../../data/db.js';
import { useMessage } from '../../data/queries.js';
import { useI18n } from '../../i18n/context.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { AttachmentList } from './AttachmentList.js';
import { formatSize, listedAttachments } from './attachments.js';
import { Conversation } from './Conversation.js';
import { MessageBody } from './MessageBody.js';
import { AllHeadersView, PathView, SourceView } from './RawViews.js';
import { ReaderHeaders } from './ReaderHeaders.js';
import { saveMessages, saveOutcomeText } from './save-message.js';
import { useContent, type ContentState } from './use-content.js';
import './reader.css';

/** Above this size the wait for a message shows a progress bar and the size being fetched. */
export const BIG_MESSAGE_BYTES = 1024 * 1024;

export type ReaderTab = 'message' | 'conversation' | 'source' | 'headers' | 'path';

const TAB_LABEL: Readonly<Record<ReaderTab, MessageKey>> = {
  message: 'reader.tab.message',
  conversation: 'reader.tab.conversation',
  source: 'reader.tab.source',
  headers: 'reader.tab.headers',
  path: 'reader.tab.path',
};

/** A segmented control with tab semantics: arrows move between views, Home/End jump. */
function Tabs({ tabs, current, onChange }: { tabs: readonly ReaderTab[]; current: ReaderTab; onChange: (tab: ReaderTab) => void }) {
  const { t } = useI18n();
  const refs = useRef(new Map<ReaderTab, HTMLButtonElement>());
  const onKeyDown = (event: React.KeyboardEvent): void => {
    const index = tabs.indexOf(current);
    const next =
      event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length] : event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs[tabs.length - 1] : undefined;
    if (next === undefined) return;
    event.preventDefault();
    onChange(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div className="reader-tabs" role="tablist" aria-label={t('reader.views')} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab}
          ref={(el) => {
            if (el !== null) refs.current.set(tab, el);
          }}
          type="button"
          role="tab"
          id={`reader-tab-${tab}`}
          aria-controls="reader-tabpanel"
          aria-selected={tab === current}
          tabIndex={tab === current ? 0 : -1}
          onClick={() => onChange(tab)}
        >
          {t(TAB_LABEL[tab])}
        </button>
      ))}
    </div>
  );
}

interface MessageDisplayProps {
  readonly content: MessageContent;
  /** The index row when the message is in a folder; null for a message file. */
  readonly indexed: IndexedMessage | null;
  /**
   * A message window of its own answers File ▸ Save As for its message; in the mail window the
   * Shell does, for the whole selection.
   */
  readonly standalone: boolean;
}

/** One loaded message: headers, then the chosen view (message, conversation, source, headers, path). */
function MessageDisplay({ content, indexed, standalone }: MessageDisplayProps) {
  const { t } = useI18n();
  const { api } = useMail();
  const [tab, setTab] = useState<ReaderTab>('message');
  const [flagError, setFlagError] = useState<string | null>(null);
  const [saveNotice, setSaveNotice] = useState<string | null>(null);
  const tabs: readonly ReaderTab[] = indexed !== null ? ['message', 'conversation', 'source', 'headers', 'path'] : ['message', 'source', 'headers', 'path'];
  const id = content.summary.id;

  // The menus' "View source" and "All headers" arrive as host commands.
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type !== 'command') return;
        if (event.command === 'view-source') setTab('source');
        else if (event.command === 'view-headers') setTab('headers');
        else if (event.command === 'save-as' && standalone) {
          saveMessages(api, [id]).then(
            (outcome) => setSaveNotice(saveOutcomeText(t, outcome)),
            (error: unknown) => setSaveNotice(t('reader.save.failed', { message: errorText(error, t) })),
          );
        }
      }),
    [api, id, standalone, t],
  );

  const flags = indexed?.flags ?? content.summary.flags;
  const flagged = flags.includes('\\Flagged');
  const toggleFlag = (): void => {
    setFlagError(null);
    api.setFlags([id], flagged ? { add: [], remove: ['\\Flagged'] } : { add: ['\\Flagged'], remove: [] }).catch((error: unknown) => setFlagError(t('reader.flagFailed', { message: errorText(error, t) })));
  };

  return (
    <article className="reader" aria-label={content.summary.subject === '' ? t('reader.noSubject') : content.summary.subject}>
      <ReaderHeaders content={content} {...(indexed !== null ? { flagged, onToggleFlag: toggleFlag } : {})} />
      {flagError !== null ? (
        <p className="reader-notice" role="alert">
          {flagError}
        </p>
      ) : null}
      {saveNotice !== null ? (
        <p className="reader-notice" role="status">
          {saveNotice}
        </p>
      ) : null}
      <Tabs tabs={tabs} current={tab} onChange={setTab} />
      <div className="reader-tabpanel" id="reader-tabpanel" role="tabpanel" aria-labelledby={`reader-tab-${tab}`}>
        {tab === 'message' ? (
          <>
            <MessageBody content={content} />
            <AttachmentList messageId={id} attachments={listedAttachments(content.attachments, content.html)} />
          </>
        ) : null}
        {tab === 'conversation' && indexed !== null ? <Conversation message={indexed} /> : null}
        {tab === 'source' ? <SourceView messageId={id} /> : null}
        {tab === 'headers' ? <AllHeadersView content={content} /> : null}
        {tab === 'path' ? <PathView content={content} /> : null}
      </div>
    </article>
  );
}

/** Loading (with progress for big or not yet downloaded messages) and failure with a retry. */
function ContentStatus({ state, retry, indexed }: { state: Exclude<ContentState, { phase: 'ready' }>; retry: () => void; indexed: IndexedMessage | null }) {
  const { t, language } = useI18n();
  if (state.phase === 'failed') {
    return (
      <div className="reader-error" role="alert">
        <p>{t('reader.failed', { message: state.error.message })}</p>
        <p className="reader-error-code">{t('reader.errorCode', { code: state.error.code })}</p>
        <button type="button" onClick={retry}>
          {t('reader.retry')}
        </button>
      </div>
    );
  }
  const notDownloaded = indexed !== null && !indexed.bodyDownloaded;
  const big = indexed !== null && indexed.size >= BIG_MESSAGE_BYTES;
  return (
    <div className="reader-loading" role="status">
      {notDownloaded ? (
        <p>{t('reader.downloading', { size: formatSize(indexed.size, language) })}</p>
      ) : big ? (
        <p>{t('reader.loadingSize', { size: formatSize(indexed.size, language) })}</p>
      ) : (
        <p>{t('reader.loading')}</p>
      )}
      {notDownloaded || big ? <progress aria-label={t('reader.loading')} /> : null}
    </div>
  );
}

function MessageReader({ messageId, standalone }: { messageId: string; standalone: boolean }) {
  const { t } = useI18n();
  const { api, db } = useMail();
  const indexed = useMessage(db, messageId);
  const { state, retry } = useContent(messageId, (id) => api.getMessage(id));
  // Marking as read is the window's decision (the Shell does it after a short dwell), not the reader's.

  if (state.phase !== 'ready') return <ContentStatus state={state} retry={retry} indexed={indexed ?? null} />;
  if (indexed === null && state.content.summary.id !== messageId) return <p className="empty-state">{t('reader.gone')}</p>;
  return <MessageDisplay content={state.content} indexed={indexed ?? null} standalone={standalone} />;
}

/** The reader of the selected message (null: nothing selected); `standalone` in a message window of its own. */
export function Reader({ messageId, standalone = false }: { messageId: string | null; standalone?: boolean }) {
  const { t } = useI18n();
  if (messageId === null) return <p className="empty-state">{t('reader.empty')}</p>;
  return <MessageReader key={messageId} messageId={messageId} standalone={standalone} />;
}

/** A message file (.eml) the host was given, read through api.openMessageFile. */
export function MessageFileView({ path, standalone = false }: { path: string; standalone?: boolean }) {
  const { api } = useMail();
  const { state, retry } = useContent(path, (p) => api.openMessageFile(p));
  if (state.phase !== 'ready') return <ContentStatus state={state} retry={retry} indexed={null} />;
  return <MessageDisplay content={state.content} indexed={null} standalone={standalone} />;
}

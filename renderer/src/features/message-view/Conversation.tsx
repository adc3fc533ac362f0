import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { MessageContent } from '../../../../core/api/contract.js';
import { useMail } from '../../app/mail-context.js';
import type { IndexedMessage } from '../../data/db.js';
import { conversationMessages } from '../../data/queries.js';
import { folderDisplayName } from '../folder-tree/folder-name.js';
import { useI18n } from '../../i18n/context.js';
import { foldQuotes, initiallyExpanded, type FoldedSegment } from './conversation.js';
import { formatAddress } from './header-list.js';
import { MessageBody } from './MessageBody.js';
import { textBlocks } from './text-body.js';
import { useContent } from './use-content.js';

function Segment({ segment }: { segment: FoldedSegment }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const blocks = segment.blocks.map((block, index) =>
    block.depth === 0 ? (
      <pre key={index} className={block.signature ? 'text-body-signature' : 'text-body-own'}>
        {block.text}
      </pre>
    ) : (
      <blockquote key={index} className={`text-body-quote quote-level-${block.depth}`} data-depth={block.depth}>
        <pre>{block.text}</pre>
      </blockquote>
    ),
  );
  if (segment.kind === 'own') return <>{blocks}</>;
  return (
    <div className="conversation-quoted">
      <button type="button" className="conversation-quote-toggle" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {open ? t('reader.conversation.hideQuoted') : t('reader.conversation.showQuoted', { lines: String(segment.lines) })}
      </button>
      {open ? blocks : null}
    </div>
  );
}

/** A text body with quoted parts folded; HTML-only messages show their (sanitized) HTML. */
function FoldedBody({ content }: { content: MessageContent }) {
  if (content.text !== null) {
    return (
      <div className="text-body">
        {foldQuotes(textBlocks(content.text, { flowed: false, delSp: false })).map((segment, index) => (
          <Segment key={index} segment={segment} />
        ))}
      </div>
    );
  }
  return <MessageBody content={content} foldQuotes />;
}

function ExpandedMessage({ id }: { id: string }) {
  const { t } = useI18n();
  const { api } = useMail();
  const { state, retry } = useContent(id, (key) => api.getMessage(key));
  if (state.phase === 'loading') return <p className="reader-loading" role="status">{t('reader.loading')}</p>;
  if (state.phase === 'failed') {
    return (
      <div className="reader-error" role="alert">
        <p>{t('reader.failed', { message: state.error.message })}</p>
        <button type="button" onClick={retry}>
          {t('reader.retry')}
        </button>
      </div>
    );
  }
  return <FoldedBody content={state.content} />;
}

export interface ConversationProps {
  readonly message: IndexedMessage;
}

/** The thread's messages across the account's folders, oldest first, each collapsible; the selected one expanded. */
export function Conversation({ message }: ConversationProps) {
  const { t, language } = useI18n();
  const { db } = useMail();
  const members = useLiveQuery(() => conversationMessages(db, message), [db, message.id, message.accountId, message.folderId, message.threadKey]);
  // Members from other folders (the user's replies in Sent, archived ones) say where they are.
  const otherFolderIds = [...new Set((members ?? []).map((m) => m.folderId).filter((id) => id !== message.folderId))].sort();
  const folderNames = useLiveQuery(
    async () => new Map((await db.folders.bulkGet(otherFolderIds)).flatMap((f) => (f === undefined ? [] : [[f.id, folderDisplayName(f, t)] as const]))),
    [db, otherFolderIds.join('\u0000'), t],
  );
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  useEffect(() => setExpanded(null), [message.id]);
  if (members === undefined) return <p className="reader-loading" role="status">{t('reader.loading')}</p>;
  const open = expanded ?? initiallyExpanded(members, message.id);
  const toggle = (id: string): void => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ol className="conversation" aria-label={t('reader.conversation.label', { count: String(members.length) })}>
      {members.map((member) => {
        const isOpen = open.has(member.id);
        const from = member.from[0];
        return (
          <li key={member.id} className={`conversation-item${isOpen ? ' open' : ''}${member.id === message.id ? ' selected' : ''}${member.unread === 1 ? ' unread' : ''}`} data-id={member.id}>
            <button type="button" className="conversation-item-head" aria-expanded={isOpen} onClick={() => toggle(member.id)}>
              <span className="conversation-from">{from === undefined ? t('reader.noSender') : formatAddress(from)}</span>
              {member.folderId === message.folderId ? null : <span className="conversation-folder">{folderNames?.get(member.folderId) ?? ''}</span>}
              <span className="conversation-date">{dateFormat.format(new Date(member.sortDate))}</span>
              {isOpen ? null : <span className="conversation-snippet">{member.snippet}</span>}
            </button>
            {isOpen ? <ExpandedMessage id={member.id} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

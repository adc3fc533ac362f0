/**
 * The UI benchmark's mailbox: deterministic message summaries with the shapes real mail has —
 * a few hundred correspondents, English and Japanese subjects, conversations of one to six
 * messages, a snippet, some unread, flagged and with attachments.
 */
import type { MailAddress, MessageSummary } from '../../../core/api/contract.js';

export const ACCOUNT_ID = 'bench';
export const INBOX_ID = `${ACCOUNT_ID}/INBOX`;
export const SMALL_FOLDER_ID = `${ACCOUNT_ID}/Projects`;

const FIRST = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', '山田', '佐藤', '鈴木', '高橋', '田中'];
const LAST = ['Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Davies', '太郎', '花子', '一郎', '美咲'];
const TOPICS = [
  'Quarterly report', 'Lunch on Friday', 'Invoice 2026', 'Travel plans', 'Release notes', 'Meeting minutes',
  '会議の議事録', '東京出張の件', '見積書の送付', '来週の打ち合わせ', '新年会のお知らせ', 'Build failure on main',
];
const WORDS = 'please find the attached numbers before our call tomorrow morning thanks again for your help with this project 明日 よろしく お願いします 資料 確認 ください'.split(' ');

function person(i: number): MailAddress {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  return { name: `${first} ${last}`, address: `user${i}@example${i % 7}.test` };
}

/** Message `i` of `folderId`; thread `⌊i/4⌋`-ish, newest last. */
export function benchMessage(folderId: string, i: number, start = Date.UTC(2020, 0, 1)): MessageSummary {
  const thread = Math.floor(i / 3) - (i % 11 === 0 ? 1 : 0);
  const when = new Date(start + i * 37_000).toISOString();
  const topic = TOPICS[thread % TOPICS.length]!;
  const snippet = Array.from({ length: 14 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
  return {
    id: `${folderId}:${i}`,
    accountId: ACCOUNT_ID,
    folderId,
    uid: i + 1,
    flags: [...(i % 9 === 0 ? [] : ['\\Seen']), ...(i % 50 === 0 ? ['\\Flagged'] : [])],
    date: when,
    receivedAt: when,
    from: [person(i % 400)],
    to: [{ name: 'Me', address: 'me@tegami.test' }, ...(i % 5 === 0 ? [person((i + 13) % 400)] : [])],
    cc: [],
    subject: `${i % 3 === 0 ? '' : 'Re: '}${topic} #${thread}`,
    snippet,
    size: 2000 + ((i * 7919) % 90_000),
    hasAttachments: i % 6 === 0,
    messageId: `<bench-${folderId}-${i}@tegami.test>`,
    inReplyTo: null,
    references: [],
    threadKey: `<bench-${folderId}-thread-${thread}@tegami.test>`,
    bodyDownloaded: true,
    delivery: null,
  };
}

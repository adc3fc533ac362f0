/**
 * This feature's user-visible strings in English and Japanese. renderer/src/i18n/en.ts and ja.ts
 * spread them into the catalogs; the type below makes a key missing from either language fail
 * to compile. Prefix every key with the feature's name.
 */
const en = {
  'shell.actions': 'Message actions',
  'shell.new': 'New message',
  'shell.reply': 'Reply',
  'shell.replyAll': 'Reply all',
  'shell.forward': 'Forward',
  'shell.delete': 'Delete',
  'shell.markRead': 'Read/unread',
  'shell.markReadHint': 'Mark the selected messages read, or unread when they all are read (m)',
  'shell.star': 'Star',
  'shell.starHint': 'Star the selected messages, or remove the star when they all have it (s)',
  'shell.getMail': 'Get mail',
  'shell.shortcuts': 'Keyboard shortcuts',
  'shell.composer': 'New message',
  'shell.selected': '{count} messages selected',
  'shell.error.flags': 'The change could not be saved: {message}',
  'shell.error.move': 'The messages could not be moved: {message}',
  'shell.error.delete': 'The messages could not be deleted: {message}',
  'shell.error.sync': 'Checking for mail failed: {message}',
  'shell.error.gone': 'That message is no longer here.',
  'shell.syncing': 'Checking for mail…',
  'shell.close': 'Close',
} as const;

const ja: { readonly [K in keyof typeof en]: string } = {
  'shell.actions': 'メッセージの操作',
  'shell.new': '新規メッセージ',
  'shell.reply': '返信',
  'shell.replyAll': '全員に返信',
  'shell.forward': '転送',
  'shell.delete': '削除',
  'shell.markRead': '既読/未読',
  'shell.markReadHint': '選択したメッセージを既読にします。すべて既読なら未読に戻します (m)',
  'shell.star': 'スター',
  'shell.starHint': '選択したメッセージにスターを付けます。すべてに付いていれば外します (s)',
  'shell.getMail': 'メールを受信',
  'shell.shortcuts': 'キーボードショートカット',
  'shell.composer': '新規メッセージ',
  'shell.selected': '{count} 件のメッセージを選択中',
  'shell.error.flags': '変更を保存できませんでした: {message}',
  'shell.error.move': 'メッセージを移動できませんでした: {message}',
  'shell.error.delete': 'メッセージを削除できませんでした: {message}',
  'shell.error.sync': 'メールの受信に失敗しました: {message}',
  'shell.error.gone': 'そのメッセージはもうありません。',
  'shell.syncing': 'メールを受信しています…',
  'shell.close': '閉じる',
};

export const shellStrings = { en, ja };

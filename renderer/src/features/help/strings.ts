/**
 * This feature's user-visible strings in English and Japanese. renderer/src/i18n/en.ts and ja.ts
 * spread them into the catalogs; the type below makes a key missing from either language fail
 * to compile. Prefix every key with the feature's name.
 */
const en = {
  'help.title': 'Keyboard shortcuts',
  'help.close': 'Close',
  'help.section.list': 'In the message list',
  'help.section.commands': 'Commands',
  'help.section.dialogs': 'Everywhere',
  'help.column.keys': 'Keys',
  'help.column.action': 'Action',
  'help.or': 'or',
  'help.key.next': 'Next message',
  'help.key.previous': 'Previous message',
  'help.key.open': 'Open the message',
  'help.key.reply': 'Reply',
  'help.key.replyAll': 'Reply to all',
  'help.key.forward': 'Forward',
  'help.key.delete': 'Delete',
  'help.key.toggleRead': 'Mark as read or unread',
  'help.key.toggleFlag': 'Star or unstar',
  'help.key.search': 'Search',
  'help.key.help': 'Show this list',
  'help.key.escape': 'Close a dialog or clear the search',
  'help.key.tab': 'Move between panes and controls',
  'help.sendNote': '(in the composer)',
} as const;

const ja: { readonly [K in keyof typeof en]: string } = {
  'help.title': 'キーボードショートカット',
  'help.close': '閉じる',
  'help.section.list': 'メッセージ一覧で',
  'help.section.commands': 'コマンド',
  'help.section.dialogs': 'どこでも',
  'help.column.keys': 'キー',
  'help.column.action': '操作',
  'help.or': 'または',
  'help.key.next': '次のメッセージ',
  'help.key.previous': '前のメッセージ',
  'help.key.open': 'メッセージを開く',
  'help.key.reply': '返信',
  'help.key.replyAll': '全員に返信',
  'help.key.forward': '転送',
  'help.key.delete': '削除',
  'help.key.toggleRead': '既読/未読を切り替え',
  'help.key.toggleFlag': 'スターを付ける/外す',
  'help.key.search': '検索',
  'help.key.help': 'この一覧を表示',
  'help.key.escape': 'ダイアログを閉じる、検索をクリア',
  'help.key.tab': 'ペインやボタンの間を移動',
  'help.sendNote': '(作成画面で)',
};

export const helpStrings = { en, ja };

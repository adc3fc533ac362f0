/**
 * This feature's user-visible strings in English and Japanese. renderer/src/i18n/en.ts and ja.ts
 * spread them into the catalogs; the type below makes a key missing from either language fail
 * to compile. Prefix every key with the feature's name.
 */
const en = {
  'search.label': 'Search mail',
  'search.input': 'Search messages',
  'search.placeholder': 'Search subject, people and text (/)',
  'search.filters': 'Search filters',
  'search.unread': 'Unread',
  'search.flagged': 'Flagged',
  'search.attachment': 'Has attachment',
  'search.scope': 'Where to search',
  'search.scope.current': 'This folder',
  'search.scope.all': 'All folders',
  'search.since': 'Since',
  'search.until': 'Until',
  'search.clear': 'Clear search',
  'search.results': '{count} found',
  'search.resultsSoFar': '{count}+ found, looking for more…',
  'search.resultsCapped': 'The newest {count} shown; narrow the search to see older ones',
  'search.noResults': 'No messages match.',
  'search.serverPending': 'Searching message bodies on the server…',
  'search.serverError': 'The server search failed ({message}). The messages found here are still shown.',
  'search.serverFolderError': '{folder}: {message}',
  'search.moreFolders': '{count} more folders',
  'search.offline': 'Offline: only the messages stored on this computer are searched.',
  'search.dateInverted': '“Since” is after “Until”, so nothing can match.',
  'search.localError': 'The search failed: {message}',
  'search.serverLimited': 'Message bodies were searched on the server in {asked} of {total} folders (inboxes first).',
} as const;

const ja: { readonly [K in keyof typeof en]: string } = {
  'search.label': 'メールを検索',
  'search.input': 'メッセージを検索',
  'search.placeholder': '件名・人・本文を検索 (/)',
  'search.filters': '検索の絞り込み',
  'search.unread': '未読',
  'search.flagged': 'フラグ付き',
  'search.attachment': '添付ファイルあり',
  'search.scope': '検索する場所',
  'search.scope.current': 'このフォルダー',
  'search.scope.all': 'すべてのフォルダー',
  'search.since': '開始日',
  'search.until': '終了日',
  'search.clear': '検索をクリア',
  'search.results': '{count} 件',
  'search.resultsSoFar': '{count} 件以上、さらに検索中…',
  'search.resultsCapped': '新しい順に {count} 件を表示中。古いものは条件を絞り込むと表示されます',
  'search.noResults': '一致するメッセージはありません。',
  'search.serverPending': 'サーバーで本文を検索しています…',
  'search.serverError': 'サーバーでの検索に失敗しました({message})。このコンピューターで見つかったメッセージは表示したままです。',
  'search.serverFolderError': '{folder}: {message}',
  'search.moreFolders': 'ほか {count} フォルダー',
  'search.offline': 'オフライン: このコンピューターに保存されたメッセージだけを検索します。',
  'search.dateInverted': '開始日が終了日より後なので、一致するものはありません。',
  'search.localError': '検索に失敗しました: {message}',
  'search.serverLimited': 'サーバーでの本文検索は {total} フォルダーのうち {asked} フォルダーで行いました(受信トレイを優先)。',
};

export const searchStrings = { en, ja };

import type { Catalog } from './en.js';
import { shellStrings } from '../app/strings.js';
import { foldersStrings } from '../features/folder-tree/strings.js';
import { listStrings } from '../features/message-list/strings.js';
import { readerStrings } from '../features/message-view/strings.js';
import { composerStrings } from '../features/composer/strings.js';
import { wizardStrings } from '../features/account-wizard/strings.js';
import { searchStrings } from '../features/search/strings.js';
import { statusStrings } from '../features/status/strings.js';
import { helpStrings } from '../features/help/strings.js';
import { errorStrings } from '../app/error-strings.js';


/** 日本語のメッセージ。キーは英語版と同じ(テストで確認)。 */
export const ja: Catalog = {
  'app.name': 'Tegami',
  'app.toolbarLabel': 'メインツールバー',
  'app.connecting': 'Tegami のサービスに接続しています…',
  'app.connectFailed': 'Tegami のサービスに接続できません: {message}',
  'app.disconnected': 'Tegami のサービスとの接続が切れました。ページを再読み込みして再接続してください。',
  'app.reload': '再読み込み',
  'settings.language': '言語',
  'settings.language.system': 'システム ({language})',
  'settings.theme': 'テーマ',
  'settings.theme.system': 'システム',
  'settings.theme.light': 'ライト',
  'settings.theme.dark': 'ダーク',
  'settings.saveFailed': '設定を保存できませんでした: {message}',
  'language.en': 'English',
  'language.ja': '日本語',
  'folders.label': 'フォルダー',
  'folders.empty': 'フォルダーはまだありません。アカウントを追加するとここに表示されます。',
  'messages.label': 'メッセージ',
  'messages.empty': '表示するメッセージはありません。',
  'reader.label': '閲覧',
  'reader.empty': 'メッセージを選択すると、ここに表示されます。',
  'reader.remoteBlocked': 'リモートコンテンツをブロックしました',
  'reader.remoteLoadOnce': '今回だけ読み込む',
  'reader.remoteAlways': 'この差出人は常に許可',
  'reader.linkWarnings': '表示と異なる場所へ移動するリンク',
  'reader.linkTarget': '「{text}」の実際の移動先: {href}',
  'reader.htmlFrame': 'メッセージ本文',
  'firstRun.title': 'アカウントがまだありません — 追加してください',
  'firstRun.body': 'Tegami は IMAP・POP3・SMTP を自ら話し、メールのオフラインコピーを保持します。メールの送受信を始めるには、アカウントを追加してください。',
  'firstRun.addAccount': 'アカウントを追加',
  'status.host.electron': 'デスクトップアプリ',
  'status.host.web': 'ブラウザー (ローカル Web ホスト)',
  'status.version': 'バージョン {version}',
  'received.label': '配送経路',
  'received.empty': 'このメッセージには Received フィールドがありません。',
  'received.hop': 'ホップ {index}',
  'received.from': '送信元',
  'received.by': '受信ホスト',
  'received.ip': 'IP アドレス',
  'received.protocol': 'プロトコル',
  'received.tls': '暗号化',
  'received.noTls': '記載なし',
  'received.time': '時刻',
  'received.delay': '遅延',
  'received.sinceDate': 'Date ヘッダーから {delay} (送信者側の時計)',
  'received.slow': '遅いホップ',
  'received.total': '総配送時間: {delay}',
  'received.unknown': '不明',
  'received.flag.no-date': '時刻の記載なし',
  'received.flag.unparsed': '解析できません',
  'received.flag.clock-skew': '時計のずれ',
  'received.flag.out-of-order': '順序が不正',
  'received.flag.future-date': '未来の日時',
  'received.flag.host-mismatch': 'ホスト名が一致しません',
  'received.flag.private-ip-after-public': '公開アドレスの後にプライベートアドレス',
  'status.dataDir': 'データフォルダー: {path}',
  ...shellStrings.ja,
  ...foldersStrings.ja,
  ...listStrings.ja,
  ...readerStrings.ja,
  ...composerStrings.ja,
  ...wizardStrings.ja,
  ...searchStrings.ja,
  ...statusStrings.ja,
  ...helpStrings.ja,
  ...errorStrings.ja,
};

/**
 * What went wrong, by error code, in English and Japanese: the first half of every error the
 * window shows (see ./errors.ts). Spread into the catalogs like the features' strings.
 */
const en = {
  'error.unreachable': 'Cannot reach the server',
  'error.timeout': 'The server did not answer in time',
  'error.tls': 'The secure connection failed',
  'error.certificate': 'The server’s certificate is not trusted',
  'error.auth': 'The server refused the user name or password',
  'error.authMethod': 'No login method that the server and Tegami both allow',
  'error.loginDelay': 'The server asks to wait before logging in again',
  'error.quota': 'The mailbox on the server is full',
  'error.storage': 'Mail could not be saved on this computer',
  'error.keychain': 'The password cannot be read from the keychain',
  'error.serverRejected': 'The server refused the request',
  'error.serverTemporary': 'The server is busy; try again later',
  'error.recipientRejected': 'The server refused a recipient',
  'error.relayDenied': 'The server does not send mail for this address',
  'error.messageTooLarge': 'The message is larger than the server accepts',
  'error.folderMissing': 'The folder no longer exists on the server',
  'error.notFound': 'Not found',
  'error.tooLarge': 'It is too large to open here',
  'error.offline': 'Not connected to the server',
  'error.notAllowed': 'This is not allowed here',
  'error.unsupported': 'Not available in this window',
  'error.disconnected': 'The connection to the Tegami service was lost',
};

const ja: { readonly [K in keyof typeof en]: string } = {
  'error.unreachable': 'サーバーに接続できません',
  'error.timeout': 'サーバーが時間内に応答しません',
  'error.tls': '暗号化された接続を確立できません',
  'error.certificate': 'サーバーの証明書を信頼できません',
  'error.auth': 'ユーザー名またはパスワードが拒否されました',
  'error.authMethod': 'サーバーと Tegami の両方が使えるログイン方式がありません',
  'error.loginDelay': '再ログインまで待つようサーバーに求められています',
  'error.quota': 'サーバーのメールボックスが容量の上限に達しています',
  'error.storage': 'このコンピューターにメールを保存できませんでした',
  'error.keychain': 'キーチェーンからパスワードを読み出せません',
  'error.serverRejected': 'サーバーが要求を拒否しました',
  'error.serverTemporary': 'サーバーが混み合っています。しばらくしてからやり直してください',
  'error.recipientRejected': 'サーバーが宛先を拒否しました',
  'error.relayDenied': 'このアドレスからのメールはこのサーバーでは送信できません',
  'error.messageTooLarge': 'メッセージがサーバーの受け付けるサイズを超えています',
  'error.folderMissing': 'フォルダーがサーバーにもう存在しません',
  'error.notFound': '見つかりません',
  'error.tooLarge': '大きすぎるためここでは開けません',
  'error.offline': 'サーバーに接続していません',
  'error.notAllowed': 'この操作はここでは許可されていません',
  'error.unsupported': 'このウィンドウでは使えません',
  'error.disconnected': 'Tegami のサービスとの接続が切れました',
};

export const errorStrings = { en, ja };

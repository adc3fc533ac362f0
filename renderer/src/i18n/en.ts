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

/** English messages: the reference catalog; every other language has exactly these keys. */
export const en = {
  'app.name': 'Tegami',
  'app.toolbarLabel': 'Main toolbar',
  'app.connecting': 'Connecting to the Tegami service…',
  'app.connectFailed': 'Tegami cannot reach its service: {message}',
  'app.disconnected': 'The connection to the Tegami service was lost. Reload the page to reconnect.',
  'app.reload': 'Reload',
  'settings.language': 'Language',
  'settings.language.system': 'System ({language})',
  'settings.theme': 'Theme',
  'settings.theme.system': 'System',
  'settings.theme.light': 'Light',
  'settings.theme.dark': 'Dark',
  'settings.saveFailed': 'The setting could not be saved: {message}',
  'language.en': 'English',
  'language.ja': '日本語',
  'folders.label': 'Folders',
  'folders.empty': 'No folders yet. They appear here once an account is added.',
  'messages.label': 'Messages',
  'messages.empty': 'No messages to show.',
  'reader.label': 'Reader',
  'reader.empty': 'Select a message to read it here.',
  'reader.remoteBlocked': 'Remote content blocked',
  'reader.remoteLoadOnce': 'Load once',
  'reader.remoteAlways': 'Always for this sender',
  'reader.linkWarnings': 'Links that lead elsewhere than they show',
  'reader.linkTarget': '“{text}” actually leads to {href}',
  'reader.htmlFrame': 'Message body',
  'firstRun.title': 'No account yet — add one',
  'firstRun.body': 'Tegami speaks IMAP, POP3 and SMTP itself and keeps an offline copy of your mail. Add an account to start reading and sending mail.',
  'firstRun.addAccount': 'Add account',
  'status.host.electron': 'Desktop app',
  'status.host.web': 'Browser (local web host)',
  'status.version': 'Version {version}',
  'received.label': 'Received path',
  'received.empty': 'This message has no Received fields.',
  'received.hop': 'Hop {index}',
  'received.from': 'From',
  'received.by': 'Received by',
  'received.ip': 'IP address',
  'received.protocol': 'Protocol',
  'received.tls': 'Encryption',
  'received.noTls': 'None stated',
  'received.time': 'Time',
  'received.delay': 'Delay',
  'received.sinceDate': '{delay} after the Date header (the sender’s clock)',
  'received.slow': 'Slow hop',
  'received.total': 'Total transit: {delay}',
  'received.unknown': 'unknown',
  'received.flag.no-date': 'No time stamp',
  'received.flag.unparsed': 'Could not be read',
  'received.flag.clock-skew': 'Clocks disagree',
  'received.flag.out-of-order': 'Out of order',
  'received.flag.future-date': 'Dated in the future',
  'received.flag.host-mismatch': 'Host names do not match',
  'received.flag.private-ip-after-public': 'Private address after a public one',
  'status.dataDir': 'Data folder: {path}',
  // Each feature keeps its own strings next to its code.
  ...shellStrings.en,
  ...foldersStrings.en,
  ...listStrings.en,
  ...readerStrings.en,
  ...composerStrings.en,
  ...wizardStrings.en,
  ...searchStrings.en,
  ...statusStrings.en,
  ...helpStrings.en,
  ...errorStrings.en,
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = { readonly [K in MessageKey]: string };

/**
 * The service contract between the UI and the mail engine, written once.
 *
 * Every request is a method returning a Promise; every push from the engine is one member of
 * the TegamiEvent union. The renderer imports only these types; the hosts (Electron IPC and the
 * loopback WebSocket) carry the same calls, validated by the schemas in ./schemas.ts where they
 * enter the host. Adding a request is: a method here, its argument schema in ./schemas.ts and its
 * implementation in ./service.ts; the type checker refuses a method missing from any of them.
 */

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** Node's process.platform of the host: 'linux', 'darwin', 'win32', … */
  readonly platform: string;
  readonly host: HostKind;
  /** Absolute path of the folder that holds settings, accounts and the Maildir copy. */
  readonly dataDir: string;
  /** BCP 47 locale of the host system, e.g. 'ja-JP'. */
  readonly locale: string;
}

export type LanguageSetting = 'system' | 'en' | 'ja';
export type ThemeSetting = 'system' | 'light' | 'dark';

export interface Settings {
  readonly language: LanguageSetting;
  readonly theme: ThemeSetting;
  /**
   * Senders (lower-case addresses) whose messages may load remote content without asking:
   * "always for this sender" in the reader's remote-content bar.
   */
  readonly remoteContentSenders: readonly string[];
}

export type SettingsPatch = Partial<Settings>;

// ---------------------------------------------------------------------------------------------
// Mail: accounts, folders, message summaries, the change journal, content, actions.
// ---------------------------------------------------------------------------------------------

/** Transport security of one endpoint: implicit TLS, STARTTLS upgrade, or none (loopback/tests). */
export type EndpointSecurity = 'tls' | 'starttls' | 'none';
export type IncomingProtocol = 'imap' | 'pop3';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly security: EndpointSecurity;
  readonly username: string;
}

export interface IncomingEndpoint extends Endpoint {
  readonly protocol: IncomingProtocol;
}

/** POP3 only: what happens to a message on the server once it is safely stored here. */
export interface Pop3Policy {
  readonly leaveOnServer: boolean;
  /** With leaveOnServer: delete from the server this many days after download (null = never). */
  readonly deleteAfterDays: number | null;
  /**
   * With leaveOnServer: a message deleted here is deleted on the server too, by the next
   * session's DELE (Thunderbird's "until I delete them"). Absent means yes; false keeps the
   * server's copy for other devices.
   */
  readonly deleteWhenDeletedHere?: boolean;
}

/** What an account is, without secrets. Passwords live in the CredentialStore only. */
export interface AccountSettings {
  /** Display name used in From when sending. */
  readonly name: string;
  readonly email: string;
  readonly incoming: IncomingEndpoint;
  /** SMTP submission (RFC 6409). */
  readonly outgoing: Endpoint;
  readonly pop3: Pop3Policy | null;
  /** Extra CA certificate (PEM file path) trusted for this account's servers, or null. */
  readonly caFile: string | null;
  /**
   * Certificates the user accepted for this account, per side (SHA-256 fingerprint as
   * CertificateInfo.sha256Fingerprint spells it): "trust this exact certificate even though it
   * does not verify". A pin is consulted only when normal verification fails; a different
   * certificate then fails again with 'certificate-pin-mismatch' and the user is asked again.
   * Absent or null = no pin.
   */
  readonly pinnedSha256?: AccountPins;
  /** How the account logs in; absent = 'password'. */
  readonly auth?: AccountAuth;
}

export type AccountAuth = 'password' | 'oauth2';

export interface AccountPins {
  readonly incoming: string | null;
  readonly outgoing: string | null;
}

export interface Account extends AccountSettings {
  readonly id: string;
}

/** addAccount's argument: settings plus the passwords, which go to the CredentialStore. */
export interface NewAccount extends AccountSettings {
  readonly password: string;
  /** When the submission server wants a different password; null = same as incoming. */
  readonly outgoingPassword: string | null;
  /**
   * addAccount logs in to both servers before saving unless this is false ("save without
   * checking", e.g. while offline). Default true.
   */
  readonly verify?: boolean;
  /**
   * An OAuth2 sign-in (startOAuthSignIn) to use instead of a password: the account then logs in
   * with XOAUTH2/OAUTHBEARER and `password` is empty. Absent or null = password login.
   */
  readonly oauthGrantId?: string | null;
}

/**
 * updateAccount's argument: the account's settings as they should be from now on, plus a
 * password only when it changes. The saved passwords stay in the CredentialStore and never come
 * back to the window, so "keep the saved one" is an absent field, not the old value.
 */
export interface AccountChanges extends AccountSettings {
  /** A new incoming (and, unless outgoingPassword says otherwise, outgoing) password; absent = keep the saved one. */
  readonly password?: string;
  /**
   * The submission server's own password: absent = keep what is saved, null = none (the
   * incoming password is used), a string = this one from now on.
   */
  readonly outgoingPassword?: string | null;
  /** Logs in with the new settings before saving unless this is false. Default true. */
  readonly verify?: boolean;
}

// ---- account setup: discovery and verification -------------------------------------------------

/** Where a discovered server came from, most trusted first (see core/accounts/README.md). */
export type DiscoverySource =
  | 'provider-database'
  | 'autoconfig'
  | 'autoconfig-well-known'
  | 'mx-provider-database'
  | 'mx-autoconfig'
  | 'srv'
  | 'guess';

export interface DiscoveredServer {
  readonly protocol: 'imap' | 'pop3' | 'smtp';
  readonly host: string;
  readonly port: number;
  readonly security: EndpointSecurity;
  /** The login name with the provider's template expanded. */
  readonly username: string;
  /** config-v1.1.xml authentication kinds: 'password-cleartext', 'OAuth2', … */
  readonly auth: readonly string[];
  readonly source: DiscoverySource;
  /** The provider id, URL, SRV record name or probed host:port. */
  readonly sourceDetail: string;
  readonly alsoFrom: readonly DiscoverySource[];
  /** Something to confirm before trusting this server with a password, or null. */
  readonly warning: string | null;
}

export type DiscoveryStepName = 'provider-database' | 'autoconfig' | 'autoconfig-well-known' | 'mx' | 'mx-provider-database' | 'mx-autoconfig' | 'srv' | 'guess';
export type DiscoveryStepStatus = 'found' | 'nothing' | 'failed' | 'timeout' | 'skipped';

/** One visible step of the wizard's "looking up your settings". */
export interface DiscoveryStep {
  readonly step: DiscoveryStepName;
  readonly target: string;
  readonly status: DiscoveryStepStatus;
  readonly message: string;
  readonly durationMs: number;
}

export interface DiscoveryRequest {
  readonly address: string;
  /** When given and both sides were found, the chosen settings are verified by logging in. */
  readonly password?: string;
}

export interface AccountDiscovery {
  readonly address: string;
  readonly domain: string;
  /** Ranked, best first. */
  readonly incoming: readonly DiscoveredServer[];
  readonly outgoing: readonly DiscoveredServer[];
  /** The best of each side, or null when a side is missing (then `manual` is true). */
  readonly chosen: { readonly incoming: DiscoveredServer; readonly outgoing: DiscoveredServer } | null;
  readonly manual: boolean;
  /** One sentence for the user. */
  readonly message: string;
  readonly steps: readonly DiscoveryStep[];
  /** Provider notes (enable IMAP first, use an app password, …). */
  readonly notes: readonly { readonly text: string; readonly url: string | null }[];
  /** The login check of `chosen` when a password was given; null otherwise. */
  readonly verification: AccountVerification | null;
}

/** The certificate a TLS failure is about, for "do you trust this certificate?". */
export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly altNames: readonly string[];
  /** "AB:CD:…"; pass it back as AccountPins to accept this exact certificate. */
  readonly sha256Fingerprint: string;
}

export type VerificationStatus = 'ok' | 'wrong-password' | 'tls' | 'unreachable' | 'timeout' | 'auth-unsupported' | 'server';

export interface SideVerification {
  readonly side: 'incoming' | 'outgoing';
  /** host:port */
  readonly server: string;
  readonly status: VerificationStatus;
  /** The engine's error code ('auth-failed', 'certificate-untrusted', 'certificate-pin-mismatch', …), null when ok. */
  readonly code: string | null;
  /** One sentence for the user. */
  readonly message: string;
  /** Set for TLS failures that carry the server's certificate. */
  readonly certificate: CertificateInfo | null;
}

export interface AccountVerification {
  readonly ok: boolean;
  readonly incoming: SideVerification;
  readonly outgoing: SideVerification;
}

/** RFC 6154 special-use roles, plus the local Outbox. null = an ordinary folder. */
export type FolderRole = 'inbox' | 'sent' | 'drafts' | 'trash' | 'junk' | 'archive' | 'all' | 'flagged' | 'outbox';

export interface FolderSummary {
  /** Opaque, stable while the folder exists: `${accountId}/${path}`. */
  readonly id: string;
  readonly accountId: string;
  /** Full mailbox name as the server spells it (decoded, Japanese kept). */
  readonly path: string;
  /** Last segment of the path, for display. */
  readonly name: string;
  readonly delimiter: string | null;
  readonly role: FolderRole | null;
  readonly unread: number;
  readonly total: number;
  /** False for \Noselect containers. */
  readonly selectable: boolean;
}

export interface MailAddress {
  /** Display name, decoded ("" when there is none). */
  readonly name: string;
  readonly address: string;
}

/** Where a message in the Outbox stands. */
export type DeliveryState = 'queued' | 'sending' | 'failed' | 'may-have-been-sent';

export interface DeliveryStatus {
  readonly state: DeliveryState;
  /** Why the last attempt failed, or why it may have been sent; null while queued/sending. */
  readonly reason: string | null;
  /** ISO 8601 time of the last attempt, or null. */
  readonly lastAttemptAt: string | null;
}

export interface MessageSummary {
  /** Opaque id, stable while the message stays in its folder. */
  readonly id: string;
  readonly accountId: string;
  readonly folderId: string;
  /** IMAP UID; null for a message that exists only locally (Outbox, an append not yet replayed, POP3). */
  readonly uid: number | null;
  /** IMAP system flags (\Seen, \Flagged, \Answered, \Draft, \Deleted) and keywords. */
  readonly flags: readonly string[];
  /** Date header, ISO 8601, or null when missing or unreadable. */
  readonly date: string | null;
  /** When the server (or this app) received it, ISO 8601. */
  readonly receivedAt: string;
  readonly from: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  /** First characters of the text, whitespace collapsed ("" when the body is not downloaded). */
  readonly snippet: string;
  readonly size: number;
  readonly hasAttachments: boolean;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** Conversation key: the root Message-ID of the References chain (or the message's own). */
  readonly threadKey: string;
  /** False when only the headers are stored locally (body above the size limit, fetched on demand). */
  readonly bodyDownloaded: boolean;
  /** Outbox messages only; null elsewhere. */
  readonly delivery: DeliveryStatus | null;
}

export interface MessagePage {
  readonly messages: readonly MessageSummary[];
  readonly total: number;
}

export interface ListMessagesOptions {
  /** Newest first; skip this many. */
  readonly offset: number;
  readonly limit: number;
}

/** One entry of the change journal; `seq` is strictly increasing across all kinds. */
export type Change =
  | { readonly kind: 'account-upsert'; readonly seq: number; readonly account: Account }
  | { readonly kind: 'account-remove'; readonly seq: number; readonly accountId: string }
  | { readonly kind: 'folder-upsert'; readonly seq: number; readonly folder: FolderSummary }
  | { readonly kind: 'folder-remove'; readonly seq: number; readonly folderId: string }
  | { readonly kind: 'message-upsert'; readonly seq: number; readonly message: MessageSummary }
  | { readonly kind: 'message-remove'; readonly seq: number; readonly folderId: string; readonly messageId: string };

/**
 * getChanges' answer: the changes after `sinceSeq`, or `resync` when the journal no longer holds
 * them (compacted, or a sequence from another data folder) and the client must list everything again.
 */
export type ChangesResult =
  | { readonly resync: false; readonly changes: readonly Change[]; readonly lastSeq: number }
  | { readonly resync: true; readonly lastSeq: number };

export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

export interface AttachmentInfo {
  /** Pass to saveAttachment/getAttachment; the MIME part path ("2", "1.3"). */
  readonly handle: string;
  readonly filename: string | null;
  readonly contentType: string;
  readonly disposition: 'attachment' | 'inline' | null;
  /** Without angle brackets; an HTML body refers to it as cid:… */
  readonly contentId: string | null;
  /** Part of a multipart/related HTML body (an inline image). */
  readonly related: boolean;
  readonly size: number;
}

export interface ReceivedHopView {
  /** 1 = the oldest hop. */
  readonly index: number;
  readonly raw: string;
  readonly from: string | null;
  readonly ip: string | null;
  readonly by: string | null;
  readonly with: string | null;
  readonly date: string | null;
  readonly delaySeconds: number | null;
  readonly tls: boolean;
  readonly flags: readonly string[];
}

export interface AuthResultView {
  readonly authservId: string;
  /** Written by the account's own provider (RFC 8601 §5); otherwise only a claim. */
  readonly trusted: boolean;
  readonly method: string;
  readonly result: string;
  readonly reason: string | null;
  readonly properties: Readonly<Record<string, string>>;
}

export interface MessageContent {
  readonly summary: MessageSummary;
  readonly headers: readonly HeaderField[];
  readonly replyTo: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly text: string | null;
  /** Unsanitized HTML as sent; the renderer sanitizes and sandboxes it. */
  readonly html: string | null;
  readonly attachments: readonly AttachmentInfo[];
  readonly received: readonly ReceivedHopView[];
  readonly authResults: readonly AuthResultView[];
  readonly warnings: readonly string[];
}

export interface RawMessage {
  readonly size: number;
  /** The source decoded as UTF-8 (invalid bytes shown as U+FFFD); 8-bit legacy charsets stay raw. */
  readonly text: string;
}

export interface SavedFile {
  readonly path: string;
  readonly bytes: number;
}

export interface FlagChange {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

export interface OutgoingAttachment {
  /** A file on this machine, read when the message is built. */
  readonly path: string;
  readonly filename: string | null;
  readonly contentType: string | null;
}

export interface ComposedMessage {
  readonly accountId: string;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly attachments: readonly OutgoingAttachment[];
  /** The draft this message replaces (deleted once sent or saved again), or null. */
  readonly draftId: string | null;
}

export interface QueuedMessage {
  /** The message's id in the Outbox (follow it through changes: it moves to Sent on success). */
  readonly id: string;
  readonly messageId: string;
}

export interface SavedDraft {
  readonly id: string;
  readonly messageId: string;
}

/** One attachment's decoded bytes, for inline cid: images, previews and downloads in the page. */
export interface AttachmentData {
  readonly filename: string | null;
  readonly contentType: string;
  readonly size: number;
  readonly base64: string;
}

/**
 * A stored message as a file for the page to download (the web host's Save As): the bytes exactly
 * as stored, base64 so no text decoding touches them, and a safe name made from the subject.
 */
export interface MessageFileData {
  /** "<subject>.eml", safe on Windows, macOS and Linux. */
  readonly filename: string;
  readonly size: number;
  readonly base64: string;
}

/** A file the page itself holds (picked with <input type=file> or dropped), to attach to a message. */
export interface AttachmentUpload {
  readonly filename: string;
  readonly contentType: string | null;
  readonly base64: string;
}

/** What the submission server allows, from its last EHLO (RFC 1870 SIZE). */
export interface SendLimits {
  /** Largest message in bytes, or null when the server states none or has not been asked yet. */
  readonly maxMessageSize: number | null;
}

/**
 * The result of asking the host to do something native (open a link in the system browser, open
 * a file with its application). `unsupported`: the host cannot (the web host), the page does it.
 */
export type NativeResult = { readonly status: 'done' } | { readonly status: 'unsupported' };

/** A host dialog's answer: saved files, the user cancelled, or no dialog on this host. */
export type DialogSaveResult =
  | { readonly status: 'saved'; readonly files: readonly SavedFile[] }
  | { readonly status: 'cancelled' }
  | { readonly status: 'unsupported' };

export interface ChosenFile extends OutgoingAttachment {
  readonly size: number;
}

export type FileChoiceResult =
  | { readonly status: 'chosen'; readonly files: readonly ChosenFile[] }
  | { readonly status: 'cancelled' }
  | { readonly status: 'unsupported' };

/** What a mailto: link (RFC 6068) or a menu asks the composer to start with. */
export interface ComposeRequest {
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly subject: string;
  readonly body: string;
  /** RFC 6068 allows In-Reply-To in a mailto: URL. */
  readonly inReplyTo: string | null;
}

/**
 * Commands of the native menus and the page's shortcuts, one table (electron/common/shortcuts.ts
 * gives their accelerators): the host sends them as 'command' events and the page maps them to
 * the same actions as its own keys.
 */
export type AppCommand =
  | 'new-message'
  | 'open-message-file'
  | 'save-as'
  | 'print'
  | 'find'
  | 'check-mail'
  | 'reply'
  | 'reply-all'
  | 'forward'
  | 'mark-read'
  | 'mark-unread'
  | 'flag'
  | 'delete-message'
  | 'move-message'
  | 'send'
  | 'next-message'
  | 'previous-message'
  | 'toggle-threads'
  | 'preferences'
  | 'view-source'
  | 'view-headers'
  | 'add-account'
  | 'shortcuts';

/** How a composer starts: a new message, an answer to one, a forward, or a saved draft. */
export type ComposeStart =
  | { readonly mode: 'new'; readonly accountId: string | null; readonly request: ComposeRequest | null }
  | { readonly mode: 'reply' | 'reply-all' | 'forward-inline' | 'forward-attachment'; readonly messageId: string }
  | { readonly mode: 'draft'; readonly messageId: string };

/** A window of its own the page asks the host for (Electron); the web host shows panels instead. */
export type WindowRequest = { readonly kind: 'compose'; readonly start: ComposeStart } | { readonly kind: 'message'; readonly messageId: string };

/** A message that arrived during background sync, for notifications. */
export interface NewMailItem {
  readonly id: string;
  readonly from: readonly MailAddress[];
  readonly subject: string;
}

/** OAuth2 providers the provider database knows (client IDs are configuration). */
export interface OAuthSignInRequest {
  readonly address: string;
}

/** A completed browser sign-in; pass grantId in NewAccount.oauthGrantId. Tokens stay in the service. */
export interface OAuthGrant {
  readonly grantId: string;
  readonly address: string;
  readonly provider: string;
}

export type SyncPhase = 'connecting' | 'folders' | 'messages' | 'outbox' | 'queue' | 'idle' | 'done' | 'failed' | 'cancelled';

export interface SyncProgress {
  readonly accountId: string;
  readonly phase: SyncPhase;
  /** The folder being worked on, or null. */
  readonly folder: string | null;
  readonly foldersDone: number;
  readonly foldersTotal: number;
  readonly messagesDone: number;
  readonly messagesTotal: number;
  readonly bytes: number;
  /** Set with phase 'failed'. */
  readonly error: { readonly code: string; readonly message: string } | null;
  /**
   * The service numbers its reports 1, 2, 3… in the order it made them (all accounts share the
   * count), so a window can tell which of getSyncStatus's answer and an event that overtook it
   * is newer. A report without one (written by hand) is never known to be the newer.
   */
  readonly seq?: number;
}

export interface ConnectionLogEntry {
  /** ISO 8601. */
  readonly at: string;
  readonly protocol: 'imap' | 'pop3' | 'smtp';
  readonly direction: 'client' | 'server' | 'info';
  /** Secrets already redacted. */
  readonly text: string;
}

/** Requests: the renderer asks, the service answers once. */
export interface TegamiRequests {
  getAppInfo(): Promise<AppInfo>;
  getSettings(): Promise<Settings>;
  /** Applies the patch, persists it and answers with the complete new settings. */
  updateSettings(patch: SettingsPatch): Promise<Settings>;

  listAccounts(): Promise<readonly Account[]>;
  /**
   * Logs in to the incoming and outgoing server first (unless `verify: false`); a failure is
   * the error 'account-verification-failed' whose `details` is the AccountVerification (which
   * side, why, and the certificate for TLS failures) and nothing is saved. To accept a
   * certificate, submit the account again with its fingerprint in `pinnedSha256`. Then stores
   * the passwords in the CredentialStore and the settings on disk; starts syncing.
   */
  addAccount(account: NewAccount): Promise<Account>;
  /** Finds settings for an address (provider database, autoconfig, MX, SRV, guessing), with every step. */
  discoverSettings(request: DiscoveryRequest): Promise<AccountDiscovery>;
  /** Logs in to both servers of a would-be account and reports each side; saves nothing. */
  verifyAccount(account: NewAccount): Promise<AccountVerification>;
  /**
   * Changes an account's settings or password. Like addAccount it logs in first (a failure is
   * 'account-verification-failed' and nothing changes); then stores the settings, a new password
   * in the CredentialStore, keeps a certificate pin only while its side's host stays the same,
   * restarts the account's sync with the new settings and journals an account-upsert.
   */
  updateAccount(accountId: string, changes: AccountChanges): Promise<Account>;
  /** Forgets the account, its passwords and its local copy (the server is not touched). */
  removeAccount(accountId: string): Promise<void>;

  listFolders(accountId: string): Promise<readonly FolderSummary[]>;
  createFolder(accountId: string, path: string): Promise<FolderSummary>;
  renameFolder(folderId: string, newPath: string): Promise<FolderSummary>;
  deleteFolder(folderId: string): Promise<void>;

  listMessages(folderId: string, options: ListMessagesOptions): Promise<MessagePage>;
  /** The journal since `sinceSeq` (0 = from the start), or `resync: true`. */
  getChanges(sinceSeq: number): Promise<ChangesResult>;

  /** Parsed for display; fetches the body from the server first when only headers are stored. */
  getMessage(messageId: string): Promise<MessageContent>;
  getRawMessage(messageId: string): Promise<RawMessage>;
  /**
   * The message byte for byte (RFC 5322 as stored, 8-bit parts untouched) for a download of its
   * own; getRawMessage's text is for reading and would change a Shift_JIS or binary body.
   */
  getMessageFile(messageId: string): Promise<MessageFileData>;
  /** Writes the decoded attachment to `path` (absolute); refuses to overwrite an existing file. */
  saveAttachment(messageId: string, handle: string, path: string): Promise<SavedFile>;

  setFlags(messageIds: readonly string[], change: FlagChange): Promise<void>;
  moveMessages(messageIds: readonly string[], targetFolderId: string): Promise<void>;
  copyMessages(messageIds: readonly string[], targetFolderId: string): Promise<void>;
  /** Moves to Trash, or expunges when already in Trash or `permanent`. */
  deleteMessages(messageIds: readonly string[], permanent: boolean): Promise<void>;

  /** Writes to the Outbox and delivers in the background; follow the Outbox summary's `delivery`. */
  sendMessage(message: ComposedMessage): Promise<QueuedMessage>;
  saveDraft(message: ComposedMessage): Promise<SavedDraft>;
  /** Starts a sync of one account (or all when null) and resolves when it has finished. */
  syncNow(accountId: string | null): Promise<void>;
  getConnectionLog(accountId: string): Promise<readonly ConnectionLogEntry[]>;
  /**
   * Where each account's sync stands, for a window that opens after the reports began: per
   * account, the last failure no successful run has followed yet (if any), then the latest
   * report. Apply them in order as if they were 'sync-progress' events, then follow the events.
   */
  getSyncStatus(): Promise<readonly SyncProgress[]>;

  /** An attachment's decoded bytes (inline images, previews, downloads in the web page); large ones are refused. */
  getAttachment(messageId: string, handle: string): Promise<AttachmentData>;
  /** Server-side IMAP SEARCH TEXT in one folder (bodies included); the ids of the matching messages stored here. */
  searchServer(folderId: string, text: string): Promise<readonly string[]>;
  /** Keeps a file the page holds so a ComposedMessage can attach it by path. */
  stageAttachment(upload: AttachmentUpload): Promise<ChosenFile>;
  /**
   * Keeps a stored message, byte for byte as it is on disk, as a message/rfc822 file named
   * `filename`, so a ComposedMessage can forward it as an attachment. Its bytes never pass
   * through the page, where a text round trip would damage an 8-bit original (a Shift_JIS body
   * sent 8bit, a binary part).
   */
  stageMessageAttachment(messageId: string, filename: string): Promise<ChosenFile>;
  /** The submission server's limits, for the composer's size meter. */
  getSendLimits(accountId: string): Promise<SendLimits>;
  /**
   * Opens a message file (.eml) the host was given (command line, the OS, a host dialog) for
   * reading; `summary.id` then works with getRawMessage, getAttachment and saveAttachment.
   * Paths the host was not given are refused.
   */
  openMessageFile(path: string): Promise<MessageContent>;

  /** http(s) and mailto: only, in the system browser / mail handler. */
  openExternal(url: string): Promise<NativeResult>;
  /** Opens an attachment with the OS; an executable type is refused unless `allowExecutable`. */
  openAttachment(messageId: string, handle: string, allowExecutable: boolean): Promise<NativeResult>;
  /** A save dialog (one handle) or a folder dialog (several: "save all"), then writes the files. */
  saveAttachmentsWithDialog(messageId: string, handles: readonly string[]): Promise<DialogSaveResult>;
  /**
   * File ▸ Save As: a save dialog proposing "<subject>.eml" (one message) or a folder dialog
   * (several, each under its own name), then writes each message byte for byte.
   */
  saveMessagesWithDialog(messageIds: readonly string[]): Promise<DialogSaveResult>;
  /** A native file picker for the composer. */
  chooseAttachmentFiles(): Promise<FileChoiceResult>;
  /** Starts a native drag of the attachment out of the window (Electron's startDrag). */
  startAttachmentDrag(messageId: string, handle: string): Promise<NativeResult>;
  /** Opens a composer or message window of its own; 'unsupported' where the host has no windows (the page shows a panel). */
  openWindow(request: WindowRequest): Promise<NativeResult>;

  /** Runs the OAuth2 authorization-code flow with PKCE in the system browser for the address's provider. */
  startOAuthSignIn(request: OAuthSignInRequest): Promise<OAuthGrant>;
}

export type RequestName = keyof TegamiRequests;
export type RequestArgs<M extends RequestName> = Parameters<TegamiRequests[M]>;
export type RequestResult<M extends RequestName> = Awaited<ReturnType<TegamiRequests[M]>>;

/** Pushes: the service tells every connected window. Switch on `type`. */
export type TegamiEvent =
  | { readonly type: 'hello'; readonly appInfo: AppInfo }
  | { readonly type: 'settings-changed'; readonly settings: Settings }
  /** New journal entries; apply them in order; if the first seq is not one past the last one applied, call getChanges. */
  | { readonly type: 'changes'; readonly changes: readonly Change[]; readonly lastSeq: number }
  | { readonly type: 'sync-progress'; readonly progress: SyncProgress }
  /** Messages that arrived in an Inbox during background sync (not the first sync of an account). */
  | { readonly type: 'new-mail'; readonly accountId: string; readonly folderId: string; readonly messages: readonly NewMailItem[] }
  /** A native menu item or shortcut handled by the host. */
  | { readonly type: 'command'; readonly command: AppCommand }
  /** Open the composer (a mailto: link given to the app). */
  | { readonly type: 'compose'; readonly request: ComposeRequest }
  /** Show this message (a notification was clicked). */
  | { readonly type: 'show-message'; readonly messageId: string }
  /** Show a message file the host was given; read it with openMessageFile. */
  | { readonly type: 'open-message-file'; readonly path: string };

export type TegamiEventType = TegamiEvent['type'];
export type EventListener = (event: TegamiEvent) => void;
export type Unsubscribe = () => void;

/** What the renderer sees as `window.tegami` (Electron) or the WebSocket proxy (web). */
export interface TegamiApi extends TegamiRequests {
  /** Registers a listener for every pushed event; call the result to stop listening. */
  onEvent(listener: EventListener): Unsubscribe;
}

import { z } from 'zod';
import type {
  Account,
  AccountChanges,
  AccountDiscovery,
  AccountVerification,
  AppInfo,
  DiscoveryRequest,
  Change,
  ChangesResult,
  ComposedMessage,
  ConnectionLogEntry,
  FolderSummary,
  MessageContent,
  MessagePage,
  MessageSummary,
  NewAccount,
  RawMessage,
  RequestArgs,
  RequestName,
  RequestResult,
  Settings,
  SettingsPatch,
  SyncProgress,
  TegamiEvent,
  AttachmentData,
  MessageFileData,
  AttachmentUpload,
  ChosenFile,
  ComposeRequest,
  DialogSaveResult,
  FileChoiceResult,
  NativeResult,
  OAuthGrant,
  OAuthSignInRequest,
  SendLimits,
  AppCommand,
  ComposeStart,
  WindowRequest,
} from './contract.js';
import {
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_BODY_TEXT_LENGTH,
  MAX_FINGERPRINT_LENGTH,
  MAX_FLAG_LENGTH,
  MAX_FLAGS_PER_CHANGE,
  MAX_HOST_LENGTH,
  MAX_ID_LENGTH,
  MAX_IDS_PER_REQUEST,
  MAX_PAGE_SIZE,
  MAX_PASSWORD_LENGTH,
  MAX_PATH_LENGTH,
  MAX_RECIPIENTS,
  MAX_SHORT_TEXT_LENGTH,
  MAX_PAGE_ATTACHMENT_BYTES,
  MAX_SEARCH_TEXT_LENGTH,
  MAX_URL_LENGTH,
} from './limits.js';

/**
 * Runtime schemas for everything that crosses a host boundary. Arguments arrive as `unknown`
 * (from IPC or a WebSocket frame) and are parsed here before the service sees them. The
 * `satisfies` clauses tie each schema to the contract's types, so the two cannot drift.
 */

export const languageSettingSchema = z.enum(['system', 'en', 'ja']);
export const themeSettingSchema = z.enum(['system', 'light', 'dark']);

/** Lower-case e-mail addresses; the list is replaced as a whole by a patch. */
export const remoteContentSendersSchema = z.array(z.string().min(3).max(998).regex(/^[^\s@A-Z]+@[^\s@A-Z]+$/u, { message: 'Not a lower-case e-mail address.' })).max(10_000);

export const settingsSchema = z.strictObject({
  language: languageSettingSchema,
  theme: themeSettingSchema,
  remoteContentSenders: remoteContentSendersSchema,
}) satisfies z.ZodType<Settings>;

/** A patch names at least one setting and nothing that is not a setting. */
export const settingsPatchSchema = z
  .strictObject({
    language: languageSettingSchema.optional(),
    theme: themeSettingSchema.optional(),
    remoteContentSenders: remoteContentSendersSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'The patch changes no setting.' }) satisfies z.ZodType<SettingsPatch>;

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'web']),
  dataDir: z.string(),
  locale: z.string(),
}) satisfies z.ZodType<AppInfo>;

// ---- mail --------------------------------------------------------------------------------------

/** No control characters: these strings end up in protocol commands, file names and headers. */
const noControls = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !/[\u0000-\u001f\u007f]/u.test(value), { message: 'Control characters are not allowed.' });

export const idSchema = noControls(MAX_ID_LENGTH).min(1);
const idListSchema = z.array(idSchema).min(1).max(MAX_IDS_PER_REQUEST);
const isoDate = z.string().max(64);

/** A SHA-256 fingerprint: 32 bytes as hex, with or without colons (core/net normalizes). */
export const fingerprintSchema = z
  .string()
  .max(MAX_FINGERPRINT_LENGTH)
  .refine((value) => value.replace(/^sha-?256[:/]?/iu, '').replace(/:/gu, '').match(/^[0-9a-f]{64}$/iu) !== null, { message: 'Not a SHA-256 fingerprint.' });

export const endpointSchema = z.strictObject({
  host: noControls(MAX_HOST_LENGTH).min(1),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  username: noControls(MAX_SHORT_TEXT_LENGTH),
});

export const accountSettingsShape = {
  name: noControls(MAX_SHORT_TEXT_LENGTH),
  email: noControls(MAX_SHORT_TEXT_LENGTH).min(3),
  incoming: endpointSchema.extend({ protocol: z.enum(['imap', 'pop3']) }),
  outgoing: endpointSchema,
  pop3: z.strictObject({ leaveOnServer: z.boolean(), deleteAfterDays: z.number().int().min(0).max(36500).nullable(), deleteWhenDeletedHere: z.boolean().optional() }).nullable(),
  caFile: noControls(MAX_PATH_LENGTH).min(1).nullable(),
  pinnedSha256: z.strictObject({ incoming: fingerprintSchema.nullable(), outgoing: fingerprintSchema.nullable() }).optional(),
  auth: z.enum(['password', 'oauth2']).optional(),
};

export const accountSchema = z.strictObject({ id: idSchema, ...accountSettingsShape }) satisfies z.ZodType<Account>;

export const newAccountSchema = z.strictObject({
  ...accountSettingsShape,
  password: z.string().max(MAX_PASSWORD_LENGTH),
  outgoingPassword: z.string().max(MAX_PASSWORD_LENGTH).nullable(),
  verify: z.boolean().optional(),
  oauthGrantId: idSchema.nullable().optional(),
}) satisfies z.ZodType<NewAccount>;

export const accountChangesSchema = z.strictObject({
  ...accountSettingsShape,
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH).optional(),
  outgoingPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH).nullable().optional(),
  verify: z.boolean().optional(),
}) satisfies z.ZodType<AccountChanges>;

export const discoveryRequestSchema = z.strictObject({
  address: noControls(MAX_SHORT_TEXT_LENGTH).min(3),
  password: z.string().max(MAX_PASSWORD_LENGTH).optional(),
}) satisfies z.ZodType<DiscoveryRequest>;

const discoverySourceSchema = z.enum(['provider-database', 'autoconfig', 'autoconfig-well-known', 'mx-provider-database', 'mx-autoconfig', 'srv', 'guess']);

const discoveredServerSchema = z.strictObject({
  protocol: z.enum(['imap', 'pop3', 'smtp']),
  host: z.string(),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  username: z.string(),
  auth: z.array(z.string()),
  source: discoverySourceSchema,
  sourceDetail: z.string(),
  alsoFrom: z.array(discoverySourceSchema),
  warning: z.string().nullable(),
});

export const certificateInfoSchema = z.strictObject({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  altNames: z.array(z.string()),
  sha256Fingerprint: z.string(),
});

const sideVerificationSchema = z.strictObject({
  side: z.enum(['incoming', 'outgoing']),
  server: z.string(),
  status: z.enum(['ok', 'wrong-password', 'tls', 'unreachable', 'timeout', 'auth-unsupported', 'server']),
  code: z.string().nullable(),
  message: z.string(),
  certificate: certificateInfoSchema.nullable(),
});

export const accountVerificationSchema = z.strictObject({
  ok: z.boolean(),
  incoming: sideVerificationSchema,
  outgoing: sideVerificationSchema,
}) satisfies z.ZodType<AccountVerification>;

export const accountDiscoverySchema = z.strictObject({
  address: z.string(),
  domain: z.string(),
  incoming: z.array(discoveredServerSchema),
  outgoing: z.array(discoveredServerSchema),
  chosen: z.strictObject({ incoming: discoveredServerSchema, outgoing: discoveredServerSchema }).nullable(),
  manual: z.boolean(),
  message: z.string(),
  steps: z.array(
    z.strictObject({
      step: z.enum(['provider-database', 'autoconfig', 'autoconfig-well-known', 'mx', 'mx-provider-database', 'mx-autoconfig', 'srv', 'guess']),
      target: z.string(),
      status: z.enum(['found', 'nothing', 'failed', 'timeout', 'skipped']),
      message: z.string(),
      durationMs: z.number().nonnegative(),
    }),
  ),
  notes: z.array(z.strictObject({ text: z.string(), url: z.string().nullable() })),
  verification: accountVerificationSchema.nullable(),
}) satisfies z.ZodType<AccountDiscovery>;

export const folderRoleSchema = z.enum(['inbox', 'sent', 'drafts', 'trash', 'junk', 'archive', 'all', 'flagged', 'outbox']);

export const folderSummarySchema = z.strictObject({
  id: idSchema,
  accountId: idSchema,
  path: z.string().max(MAX_PATH_LENGTH),
  name: z.string().max(MAX_PATH_LENGTH),
  delimiter: z.string().max(4).nullable(),
  role: folderRoleSchema.nullable(),
  unread: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  selectable: z.boolean(),
}) satisfies z.ZodType<FolderSummary>;

export const mailAddressSchema = z.strictObject({
  name: z.string().max(MAX_SHORT_TEXT_LENGTH),
  address: noControls(MAX_SHORT_TEXT_LENGTH),
});

export const deliveryStatusSchema = z.strictObject({
  state: z.enum(['queued', 'sending', 'failed', 'may-have-been-sent']),
  reason: z.string().nullable(),
  lastAttemptAt: isoDate.nullable(),
});

export const messageSummarySchema = z.strictObject({
  id: idSchema,
  accountId: idSchema,
  folderId: idSchema,
  uid: z.number().int().positive().nullable(),
  flags: z.array(z.string()),
  date: isoDate.nullable(),
  receivedAt: isoDate,
  from: z.array(mailAddressSchema),
  to: z.array(mailAddressSchema),
  cc: z.array(mailAddressSchema),
  subject: z.string(),
  snippet: z.string(),
  size: z.number().int().nonnegative(),
  hasAttachments: z.boolean(),
  messageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  threadKey: z.string(),
  bodyDownloaded: z.boolean(),
  delivery: deliveryStatusSchema.nullable(),
}) satisfies z.ZodType<MessageSummary>;

export const messagePageSchema = z.strictObject({
  messages: z.array(messageSummarySchema),
  total: z.number().int().nonnegative(),
}) satisfies z.ZodType<MessagePage>;

export const listMessagesOptionsSchema = z.strictObject({
  offset: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
});

const seq = z.number().int().positive();
export const changeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('account-upsert'), seq, account: accountSchema }),
  z.strictObject({ kind: z.literal('account-remove'), seq, accountId: idSchema }),
  z.strictObject({ kind: z.literal('folder-upsert'), seq, folder: folderSummarySchema }),
  z.strictObject({ kind: z.literal('folder-remove'), seq, folderId: idSchema }),
  z.strictObject({ kind: z.literal('message-upsert'), seq, message: messageSummarySchema }),
  z.strictObject({ kind: z.literal('message-remove'), seq, folderId: idSchema, messageId: idSchema }),
]) satisfies z.ZodType<Change>;

export const changesResultSchema = z.discriminatedUnion('resync', [
  z.strictObject({ resync: z.literal(false), changes: z.array(changeSchema), lastSeq: z.number().int().nonnegative() }),
  z.strictObject({ resync: z.literal(true), lastSeq: z.number().int().nonnegative() }),
]) satisfies z.ZodType<ChangesResult>;

export const messageContentSchema = z.strictObject({
  summary: messageSummarySchema,
  headers: z.array(z.strictObject({ name: z.string(), value: z.string() })),
  replyTo: z.array(mailAddressSchema),
  bcc: z.array(mailAddressSchema),
  text: z.string().nullable(),
  html: z.string().nullable(),
  attachments: z.array(
    z.strictObject({
      handle: z.string(),
      filename: z.string().nullable(),
      contentType: z.string(),
      disposition: z.enum(['attachment', 'inline']).nullable(),
      contentId: z.string().nullable(),
      related: z.boolean(),
      size: z.number().int().nonnegative(),
    }),
  ),
  received: z.array(
    z.strictObject({
      index: z.number().int().positive(),
      raw: z.string(),
      from: z.string().nullable(),
      ip: z.string().nullable(),
      by: z.string().nullable(),
      with: z.string().nullable(),
      date: isoDate.nullable(),
      delaySeconds: z.number().nullable(),
      tls: z.boolean(),
      flags: z.array(z.string()),
    }),
  ),
  authResults: z.array(
    z.strictObject({
      authservId: z.string(),
      trusted: z.boolean(),
      method: z.string(),
      result: z.string(),
      reason: z.string().nullable(),
      properties: z.record(z.string(), z.string()),
    }),
  ),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<MessageContent>;

export const rawMessageSchema = z.strictObject({ size: z.number().int().nonnegative(), text: z.string() }) satisfies z.ZodType<RawMessage>;

const flagSchema = z
  .string()
  .min(1)
  .max(MAX_FLAG_LENGTH)
  // RFC 3501 §9 flag-keyword is an atom; system flags are "\" + atom. No spaces, parens, quotes, wildcards.
  .regex(/^\\?[^\s(){%*"\\\]\u0000-\u001f\u007f]+$/u, { message: 'Not an IMAP flag or keyword.' });

export const flagChangeSchema = z
  .strictObject({ add: z.array(flagSchema).max(MAX_FLAGS_PER_CHANGE), remove: z.array(flagSchema).max(MAX_FLAGS_PER_CHANGE) })
  .refine((change) => change.add.length + change.remove.length > 0, { message: 'The change adds and removes nothing.' });

const recipients = z.array(mailAddressSchema).max(MAX_RECIPIENTS);

export const composedMessageSchema = z.strictObject({
  accountId: idSchema,
  to: recipients,
  cc: recipients,
  bcc: recipients,
  subject: z.string().max(MAX_SHORT_TEXT_LENGTH * 4),
  text: z.string().max(MAX_BODY_TEXT_LENGTH),
  html: z.string().max(MAX_BODY_TEXT_LENGTH).nullable(),
  inReplyTo: noControls(MAX_SHORT_TEXT_LENGTH).nullable(),
  references: z.array(noControls(MAX_SHORT_TEXT_LENGTH)).max(MAX_RECIPIENTS),
  attachments: z
    .array(
      z.strictObject({
        path: noControls(MAX_PATH_LENGTH).min(1),
        filename: noControls(MAX_SHORT_TEXT_LENGTH).nullable(),
        contentType: noControls(MAX_SHORT_TEXT_LENGTH).nullable(),
      }),
    )
    .max(MAX_ATTACHMENTS_PER_MESSAGE),
  draftId: idSchema.nullable(),
}) satisfies z.ZodType<ComposedMessage>;

export const syncProgressSchema = z.strictObject({
  accountId: idSchema,
  phase: z.enum(['connecting', 'folders', 'messages', 'outbox', 'queue', 'idle', 'done', 'failed', 'cancelled']),
  folder: z.string().nullable(),
  foldersDone: z.number().int().nonnegative(),
  foldersTotal: z.number().int().nonnegative(),
  messagesDone: z.number().int().nonnegative(),
  messagesTotal: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
  seq: z.number().int().positive().optional(),
}) satisfies z.ZodType<SyncProgress>;

export const connectionLogEntrySchema = z.strictObject({
  at: isoDate,
  protocol: z.enum(['imap', 'pop3', 'smtp']),
  direction: z.enum(['client', 'server', 'info']),
  text: z.string(),
}) satisfies z.ZodType<ConnectionLogEntry>;

const folderPathSchema = noControls(MAX_PATH_LENGTH).min(1);
const absolutePathSchema = noControls(MAX_PATH_LENGTH)
  .min(1)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/u.test(p) || p.startsWith('\\\\'), { message: 'The path must be absolute.' });

const attachmentHandleSchema = z.string().min(1).max(64);
const base64Schema = z
  .string()
  .max(Math.ceil(MAX_PAGE_ATTACHMENT_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/u, { message: 'Not base64.' });

export const attachmentDataSchema = z.strictObject({
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  base64: z.string(),
}) satisfies z.ZodType<AttachmentData>;

export const messageFileDataSchema = z.strictObject({
  filename: z.string().min(1),
  size: z.number().int().nonnegative(),
  base64: z.string(),
}) satisfies z.ZodType<MessageFileData>;

export const attachmentUploadSchema = z.strictObject({
  filename: noControls(MAX_SHORT_TEXT_LENGTH).min(1),
  contentType: noControls(MAX_SHORT_TEXT_LENGTH).nullable(),
  base64: base64Schema,
}) satisfies z.ZodType<AttachmentUpload>;

export const chosenFileSchema = z.strictObject({
  path: z.string(),
  filename: z.string().nullable(),
  contentType: z.string().nullable(),
  size: z.number().int().nonnegative(),
}) satisfies z.ZodType<ChosenFile>;

const dialogSaveResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('saved'), files: z.array(z.strictObject({ path: z.string(), bytes: z.number().int().nonnegative() })) }),
  z.strictObject({ status: z.literal('cancelled') }),
  z.strictObject({ status: z.literal('unsupported') }),
]) satisfies z.ZodType<DialogSaveResult>;

const nativeResultSchema = z.discriminatedUnion('status', [z.strictObject({ status: z.literal('done') }), z.strictObject({ status: z.literal('unsupported') })]) satisfies z.ZodType<NativeResult>;

/** Only links the system browser or mail handler should see (DESIGN: openExternal for http(s) and mailto). */
export const externalUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine((value) => /^(https?:\/\/|mailto:)/iu.test(value) && !/[\u0000-\u0020\u007f]/u.test(value), { message: 'Only http, https and mailto links can be opened.' });

export const composeRequestSchema = z.strictObject({
  to: z.array(mailAddressSchema),
  cc: z.array(mailAddressSchema),
  bcc: z.array(mailAddressSchema),
  subject: z.string(),
  body: z.string(),
  inReplyTo: z.string().nullable(),
}) satisfies z.ZodType<ComposeRequest>;

export const composeStartSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('new'), accountId: idSchema.nullable(), request: composeRequestSchema.nullable() }),
  z.strictObject({ mode: z.enum(['reply', 'reply-all', 'forward-inline', 'forward-attachment']), messageId: idSchema }),
  z.strictObject({ mode: z.literal('draft'), messageId: idSchema }),
]) satisfies z.ZodType<ComposeStart>;

export const windowRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('compose'), start: composeStartSchema }),
  z.strictObject({ kind: z.literal('message'), messageId: idSchema }),
]) satisfies z.ZodType<WindowRequest>;

export const appCommandSchema = z.enum([
  'new-message',
  'open-message-file',
  'save-as',
  'print',
  'find',
  'check-mail',
  'reply',
  'reply-all',
  'forward',
  'mark-read',
  'mark-unread',
  'flag',
  'delete-message',
  'move-message',
  'send',
  'next-message',
  'previous-message',
  'toggle-threads',
  'preferences',
  'view-source',
  'view-headers',
  'add-account',
  'shortcuts',
]) satisfies z.ZodType<AppCommand>;

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), appInfo: appInfoSchema }),
  z.strictObject({ type: z.literal('settings-changed'), settings: settingsSchema }),
  z.strictObject({ type: z.literal('changes'), changes: z.array(changeSchema), lastSeq: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('sync-progress'), progress: syncProgressSchema }),
  z.strictObject({
    type: z.literal('new-mail'),
    accountId: idSchema,
    folderId: idSchema,
    messages: z.array(z.strictObject({ id: idSchema, from: z.array(mailAddressSchema), subject: z.string() })),
  }),
  z.strictObject({ type: z.literal('command'), command: appCommandSchema }),
  z.strictObject({ type: z.literal('compose'), request: composeRequestSchema }),
  z.strictObject({ type: z.literal('show-message'), messageId: idSchema }),
  z.strictObject({ type: z.literal('open-message-file'), path: z.string() }),
]) satisfies z.ZodType<TegamiEvent>;

export interface MethodSpec<M extends RequestName> {
  /** The argument list as a tuple: what the caller passed, positionally. */
  readonly args: z.ZodType<RequestArgs<M>>;
  /** The answer; checked in tests and available to hosts that want to assert their own output. */
  readonly result: z.ZodType<RequestResult<M>>;
}

export type MethodTable = { readonly [M in RequestName]: MethodSpec<M> };

/** Method name → schemas. A contract method without an entry here does not compile. */
export const METHODS: MethodTable = {
  getAppInfo: { args: z.tuple([]), result: appInfoSchema },
  getSettings: { args: z.tuple([]), result: settingsSchema },
  updateSettings: { args: z.tuple([settingsPatchSchema]), result: settingsSchema },

  listAccounts: { args: z.tuple([]), result: z.array(accountSchema) },
  addAccount: { args: z.tuple([newAccountSchema]), result: accountSchema },
  discoverSettings: { args: z.tuple([discoveryRequestSchema]), result: accountDiscoverySchema },
  verifyAccount: { args: z.tuple([newAccountSchema]), result: accountVerificationSchema },
  updateAccount: { args: z.tuple([idSchema, accountChangesSchema]), result: accountSchema },
  removeAccount: { args: z.tuple([idSchema]), result: z.undefined() },

  listFolders: { args: z.tuple([idSchema]), result: z.array(folderSummarySchema) },
  createFolder: { args: z.tuple([idSchema, folderPathSchema]), result: folderSummarySchema },
  renameFolder: { args: z.tuple([idSchema, folderPathSchema]), result: folderSummarySchema },
  deleteFolder: { args: z.tuple([idSchema]), result: z.undefined() },

  listMessages: { args: z.tuple([idSchema, listMessagesOptionsSchema]), result: messagePageSchema },
  getChanges: { args: z.tuple([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]), result: changesResultSchema },

  getMessage: { args: z.tuple([idSchema]), result: messageContentSchema },
  getRawMessage: { args: z.tuple([idSchema]), result: rawMessageSchema },
  getMessageFile: { args: z.tuple([idSchema]), result: messageFileDataSchema },
  saveAttachment: { args: z.tuple([idSchema, z.string().min(1).max(64), absolutePathSchema]), result: z.strictObject({ path: z.string(), bytes: z.number().int().nonnegative() }) },

  setFlags: { args: z.tuple([idListSchema, flagChangeSchema]), result: z.undefined() },
  moveMessages: { args: z.tuple([idListSchema, idSchema]), result: z.undefined() },
  copyMessages: { args: z.tuple([idListSchema, idSchema]), result: z.undefined() },
  deleteMessages: { args: z.tuple([idListSchema, z.boolean()]), result: z.undefined() },

  sendMessage: { args: z.tuple([composedMessageSchema]), result: z.strictObject({ id: idSchema, messageId: z.string() }) },
  saveDraft: { args: z.tuple([composedMessageSchema]), result: z.strictObject({ id: idSchema, messageId: z.string() }) },
  syncNow: { args: z.tuple([idSchema.nullable()]), result: z.undefined() },
  getConnectionLog: { args: z.tuple([idSchema]), result: z.array(connectionLogEntrySchema) },
  getSyncStatus: { args: z.tuple([]), result: z.array(syncProgressSchema) },

  getAttachment: { args: z.tuple([idSchema, attachmentHandleSchema]), result: attachmentDataSchema },
  searchServer: { args: z.tuple([idSchema, noControls(MAX_SEARCH_TEXT_LENGTH).min(1)]), result: z.array(idSchema) },
  stageAttachment: { args: z.tuple([attachmentUploadSchema]), result: chosenFileSchema },
  stageMessageAttachment: { args: z.tuple([idSchema, noControls(MAX_SHORT_TEXT_LENGTH).min(1)]), result: chosenFileSchema },
  getSendLimits: { args: z.tuple([idSchema]), result: z.strictObject({ maxMessageSize: z.number().int().positive().nullable() }) satisfies z.ZodType<SendLimits> },
  openMessageFile: { args: z.tuple([absolutePathSchema]), result: messageContentSchema },

  openExternal: { args: z.tuple([externalUrlSchema]), result: nativeResultSchema },
  openAttachment: { args: z.tuple([idSchema, attachmentHandleSchema, z.boolean()]), result: nativeResultSchema },
  saveAttachmentsWithDialog: { args: z.tuple([idSchema, z.array(attachmentHandleSchema).min(1).max(MAX_ATTACHMENTS_PER_MESSAGE * 10)]), result: dialogSaveResultSchema },
  saveMessagesWithDialog: { args: z.tuple([idListSchema]), result: dialogSaveResultSchema },
  chooseAttachmentFiles: {
    args: z.tuple([]),
    result: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('chosen'), files: z.array(chosenFileSchema) }),
      z.strictObject({ status: z.literal('cancelled') }),
      z.strictObject({ status: z.literal('unsupported') }),
    ]) satisfies z.ZodType<FileChoiceResult>,
  },
  startAttachmentDrag: { args: z.tuple([idSchema, attachmentHandleSchema]), result: nativeResultSchema },
  openWindow: { args: z.tuple([windowRequestSchema]), result: nativeResultSchema },

  startOAuthSignIn: {
    args: z.tuple([z.strictObject({ address: noControls(MAX_SHORT_TEXT_LENGTH).min(3) }) satisfies z.ZodType<OAuthSignInRequest>]),
    result: z.strictObject({ grantId: idSchema, address: z.string(), provider: z.string() }) satisfies z.ZodType<OAuthGrant>,
  },
};

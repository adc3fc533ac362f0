import type { RequestName } from './contract.js';

/**
 * The request names as a value, for code that must enumerate them without pulling in the
 * schemas (the sandboxed preload). `satisfies` plus the exhaustiveness check below keep it in
 * step with TegamiRequests: a method added to the contract and not listed here fails to compile.
 */
export const REQUEST_NAMES = [
  'getAppInfo',
  'getSettings',
  'updateSettings',
  'listAccounts',
  'addAccount',
  'discoverSettings',
  'verifyAccount',
  'updateAccount',
  'removeAccount',
  'listFolders',
  'createFolder',
  'renameFolder',
  'deleteFolder',
  'listMessages',
  'getChanges',
  'getMessage',
  'getRawMessage',
  'getMessageFile',
  'saveAttachment',
  'setFlags',
  'moveMessages',
  'copyMessages',
  'deleteMessages',
  'sendMessage',
  'saveDraft',
  'syncNow',
  'getConnectionLog',
  'getSyncStatus',
  'getAttachment',
  'searchServer',
  'stageAttachment',
  'stageMessageAttachment',
  'getSendLimits',
  'openMessageFile',
  'openExternal',
  'openAttachment',
  'saveAttachmentsWithDialog',
  'saveMessagesWithDialog',
  'chooseAttachmentFiles',
  'startAttachmentDrag',
  'openWindow',
  'startOAuthSignIn',
] as const satisfies readonly RequestName[];

type Missing = Exclude<RequestName, (typeof REQUEST_NAMES)[number]>;
const exhaustive: [Missing] extends [never] ? true : Missing = true;
void exhaustive;

export function isRequestName(value: unknown): value is RequestName {
  return typeof value === 'string' && (REQUEST_NAMES as readonly string[]).includes(value);
}

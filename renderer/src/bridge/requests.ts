import type { RequestArgs, RequestName, RequestResult, TegamiRequests } from '../../../core/api/contract.js';

export type Call = <M extends RequestName>(method: M, args: RequestArgs<M>) => Promise<RequestResult<M>>;

/**
 * The contract's requests over one `call` function. Listing each method here (rather than a
 * Proxy) keeps it typed end to end: a new contract method is a compile error until added.
 */
export function requestsOver(call: Call): TegamiRequests {
  return {
    getAppInfo: () => call('getAppInfo', []),
    getSettings: () => call('getSettings', []),
    updateSettings: (patch) => call('updateSettings', [patch]),
    listAccounts: () => call('listAccounts', []),
    addAccount: (account) => call('addAccount', [account]),
    discoverSettings: (request) => call('discoverSettings', [request]),
    verifyAccount: (account) => call('verifyAccount', [account]),
    updateAccount: (accountId, changes) => call('updateAccount', [accountId, changes]),
    removeAccount: (accountId) => call('removeAccount', [accountId]),
    listFolders: (accountId) => call('listFolders', [accountId]),
    createFolder: (accountId, path) => call('createFolder', [accountId, path]),
    renameFolder: (folderId, newPath) => call('renameFolder', [folderId, newPath]),
    deleteFolder: (folderId) => call('deleteFolder', [folderId]),
    listMessages: (folderId, options) => call('listMessages', [folderId, options]),
    getChanges: (sinceSeq) => call('getChanges', [sinceSeq]),
    getMessage: (messageId) => call('getMessage', [messageId]),
    getRawMessage: (messageId) => call('getRawMessage', [messageId]),
    getMessageFile: (messageId) => call('getMessageFile', [messageId]),
    saveAttachment: (messageId, handle, path) => call('saveAttachment', [messageId, handle, path]),
    setFlags: (messageIds, change) => call('setFlags', [messageIds, change]),
    moveMessages: (messageIds, targetFolderId) => call('moveMessages', [messageIds, targetFolderId]),
    copyMessages: (messageIds, targetFolderId) => call('copyMessages', [messageIds, targetFolderId]),
    deleteMessages: (messageIds, permanent) => call('deleteMessages', [messageIds, permanent]),
    sendMessage: (message) => call('sendMessage', [message]),
    saveDraft: (message) => call('saveDraft', [message]),
    syncNow: (accountId) => call('syncNow', [accountId]),
    getConnectionLog: (accountId) => call('getConnectionLog', [accountId]),
    getSyncStatus: () => call('getSyncStatus', []),
    getAttachment: (messageId, handle) => call('getAttachment', [messageId, handle]),
    searchServer: (folderId, text) => call('searchServer', [folderId, text]),
    stageAttachment: (upload) => call('stageAttachment', [upload]),
    stageMessageAttachment: (messageId, filename) => call('stageMessageAttachment', [messageId, filename]),
    getSendLimits: (accountId) => call('getSendLimits', [accountId]),
    openMessageFile: (path) => call('openMessageFile', [path]),
    openExternal: (url) => call('openExternal', [url]),
    openAttachment: (messageId, handle, allowExecutable) => call('openAttachment', [messageId, handle, allowExecutable]),
    saveAttachmentsWithDialog: (messageId, handles) => call('saveAttachmentsWithDialog', [messageId, handles]),
    saveMessagesWithDialog: (messageIds) => call('saveMessagesWithDialog', [messageIds]),
    chooseAttachmentFiles: () => call('chooseAttachmentFiles', []),
    startAttachmentDrag: (messageId, handle) => call('startAttachmentDrag', [messageId, handle]),
    openWindow: (request) => call('openWindow', [request]),
    startOAuthSignIn: (request) => call('startOAuthSignIn', [request]),
  };
}

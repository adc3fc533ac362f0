/**
 * The local store: one Maildir++ tree per account.
 *
 *   const store = await MaildirStore.open(dir);           // creates tmp/ new/ cur/ when missing
 *   const folder = await store.createFolder(['Archive']); // or store.folder(path) / store.inbox
 *   await folder.state();                                 // { uidValidity, uidNext, highestModSeq }
 *   await folder.setState({ uidValidity, uidNext, highestModSeq }) // values from the server
 *   const m = await folder.deliver(bytesOrChunks, { uid, flags, modseq, internalDate });
 *   await folder.list() / get(uid) / info(uid) / read(uid) // read: a Readable of the bytes
 *   await folder.setFlags(uid, flags) / updateFlags(uid, { add, remove })
 *   await folder.moveTo(uid, otherFolder, { uid }) / delete(uid)
 *   await folder.renumber(newUidValidity, new Map([[base, uid], ...])) // UIDVALIDITY changed
 *   await folder.batch(async () => { ...many deliveries... }) // one state write at the end
 *
 * Every failure is a MailError: 'disk-full', 'io-error', 'not-found', 'invalid-argument'.
 * Folder paths are arrays of name segments exactly as the server spells them (names.ts).
 */
export { MaildirStore, INBOX, LAYOUT_FILE } from './store.js';
export { MaildirFolder, type MessageEntry, type FolderState, type DeliverOptions, type MessageContent, type FlagChangeOptions, type BatchMessage } from './folder.js';
export type { MaildirStoreOptions } from './context.js';
export type { StoreFs, StoreFile, StoreStat } from './fs.js';
export { nodeStoreFs } from './fs.js';
export { type FolderPath, parseFolderArgument, formatFolderPath, encodeSegment, decodeSegment, folderDirName, parseFolderDirName } from './names.js';
export { type InfoSeparator, DEFAULT_INFO_SEPARATOR } from './filename.js';
export { splitFlags, joinFlags } from './flags.js';
export { importMbox, importMaildir, importEml, type ImportCount } from './import.js';
export { exportMbox } from './export.js';
export { readMbox, type MboxFormat, type MboxMessage } from './mbox-reader.js';
export { mboxrdMessage } from './mbox-writer.js';
export { fileChunks } from './file-chunks.js';

/** The local store: Maildir++ folders, atomic delivery, flags, UID maps, mbox import/export. */
export { MaildirStore, INBOX } from './store.js';
export { MaildirFolder, type MessageEntry, type FolderState, type DeliverOptions, type MessageContent } from './folder.js';
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

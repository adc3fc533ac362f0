import * as path from 'node:path';
import { MailError } from '../net/mail-error.js';
import { syncDirectory } from './atomic.js';
import { storeStep, toStoreError } from './errors.js';
import { peekHeader } from './header-peek.js';
import { mboxrdMessage, envelopeSender } from './mbox-writer.js';
import type { FolderPath } from './names.js';
import type { MaildirStore } from './store.js';

/**
 * Writes a folder to an mbox file in mboxrd form, in UID order. Each From_ line carries the
 * message's Return-Path (else its From address) and its INTERNALDATE, so importing the file
 * again gives back the same messages and dates. The file is written beside the target and
 * renamed over it at the end: a failed export never leaves a truncated mbox behind.
 */
export async function exportMbox(store: MaildirStore, folderPath: FolderPath, outFile: string): Promise<number> {
  const fs = store.fileSystem;
  const folder = store.folder(folderPath);
  if (!(await store.hasFolder(folderPath))) {
    throw new MailError('not-found', `Folder ${folder.name} does not exist in ${store.root}.`);
  }
  const entries = await folder.list();
  const target = path.resolve(outFile);
  const temp = `${target}.${process.pid}.tmp`;
  const out = await storeStep(`creating ${temp}`, () => fs.open(temp, 'wx'));
  let count = 0;
  try {
    for (const entry of entries) {
      const info = await folder.info(entry.uid);
      const { header, content } = await peekHeader(await folder.read(entry.uid));
      for await (const chunk of mboxrdMessage(envelopeSender(header), info.internalDate, content)) await out.write(chunk);
      count++;
    }
    await out.sync();
    await out.close();
    await fs.rename(temp, target);
    await syncDirectory(fs, path.dirname(target));
  } catch (error) {
    await out.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw toStoreError(error, `writing ${target}`);
  }
  return count;
}

/**
 * Save As for messages through the service: the stored bytes go to the file the dialog chose (or
 * into a chosen folder, each under its subject's name) and to the page as base64, byte for byte.
 * The sample is 8-bit Shift_JIS, which any text round trip (getRawMessage's UTF-8 text) damages.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../core/api/dispatch.js';
import { ApiError } from '../../../core/api/errors.js';
import type { WindowRequest } from '../../../core/api/contract.js';
import type { NativeHost } from '../../../core/api/native-host.js';
import { createTegamiService, type TegamiService } from '../../../core/api/service.js';

/** Answers the dialogs from a script and records what they proposed. */
class DialogHost implements NativeHost {
  readonly proposed: string[] = [];
  savePath: string | null = null;
  folder: string | null = null;
  folderDialogs = 0;
  async openExternal(): Promise<void> {}
  async openPath(): Promise<void> {}
  async chooseSavePath(suggestedName: string): Promise<string | null> {
    this.proposed.push(suggestedName);
    return this.savePath;
  }
  async chooseFolder(): Promise<string | null> {
    this.folderDialogs++;
    return this.folder;
  }
  async chooseFiles(): Promise<readonly string[] | null> {
    return null;
  }
  async startDrag(): Promise<void> {}
  async openWindow(_request: WindowRequest): Promise<void> {}
}

/** "見積のご送付" as an RFC 2047 subject, with an 8-bit Shift_JIS body (not valid UTF-8). */
function shiftJisMessage(subjectWord: string): Buffer {
  const head = [
    'From: sender@example.com',
    'To: me@example.com',
    `Subject: ${subjectWord}`,
    'Message-ID: <sjis.1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=Shift_JIS',
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\r\n');
  // 見積 in Shift_JIS, then a byte that is never UTF-8 (0xFF) and a bare CR: the file must keep all of them.
  const body = Buffer.from([0x8c, 0xa9, 0x90, 0xcf, 0x0d, 0x0a, 0xff, 0x0d, 0x41, 0x0d, 0x0a]);
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

let dir: string;
let host: DialogHost;
let service: TegamiService;
let web: TegamiService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-save-'));
  host = new DialogHost();
  service = createTegamiService({ dataDir: join(dir, 'data'), host: 'electron', backgroundSync: false, native: host });
  web = createTegamiService({ dataDir: join(dir, 'web-data'), host: 'web', backgroundSync: false });
});

afterEach(async () => {
  await service.close();
  await web.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(s: TegamiService, name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  s.allowMessageFile(path);
  return (await s.openMessageFile(path)).summary.id;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof ApiError ? error.code : `not an ApiError: ${String(error)}`;
  }
  return undefined;
}

const SUBJECT = '=?UTF-8?B?6KaL56mN44Gu44GU6YCB5LuY?='; // 見積のご送付

describe('saveMessagesWithDialog', () => {
  it('writes one message byte for byte where the save dialog says, proposing "<subject>.eml"', async () => {
    const bytes = shiftJisMessage(SUBJECT);
    const id = await open(service, 'in.eml', bytes);
    host.savePath = join(dir, 'chosen.eml');
    expect(await service.saveMessagesWithDialog([id])).toEqual({ status: 'saved', files: [{ path: host.savePath, bytes: bytes.length }] });
    expect(host.proposed).toEqual(['見積のご送付.eml']);
    expect(Buffer.compare(await readFile(host.savePath), bytes)).toBe(0);
    // Never over an existing file.
    expect(await codeOf(service.saveMessagesWithDialog([id]))).toBe('storage-failed');
    expect(Buffer.compare(await readFile(host.savePath), bytes)).toBe(0);
  });

  it('reports a cancelled dialog and writes nothing', async () => {
    const id = await open(service, 'in.eml', shiftJisMessage('plain'));
    expect(await service.saveMessagesWithDialog([id])).toEqual({ status: 'cancelled' });
    expect(host.proposed).toEqual(['plain.eml']);
  });

  it('saves several messages into a chosen folder, numbering names that are taken', async () => {
    const first = shiftJisMessage('Re: plan');
    const second = shiftJisMessage('Re: plan ');
    const a = await open(service, 'a.eml', first);
    const b = await open(service, 'b.eml', second);
    const folder = join(dir, 'out');
    await mkdir(folder);
    await writeFile(join(folder, 'Re_ plan.eml'), 'mine');
    host.folder = folder;
    const result = await service.saveMessagesWithDialog([a, b]);
    expect(result).toEqual({
      status: 'saved',
      files: [
        { path: join(folder, 'Re_ plan (2).eml'), bytes: first.length },
        { path: join(folder, 'Re_ plan (3).eml'), bytes: second.length },
      ],
    });
    expect(host.folderDialogs).toBe(1);
    expect(host.proposed).toEqual([]);
    expect(await readFile(join(folder, 'Re_ plan.eml'), 'utf8')).toBe('mine');
    expect(Buffer.compare(await readFile(join(folder, 'Re_ plan (3).eml')), second)).toBe(0);
    host.folder = null;
    expect(await service.saveMessagesWithDialog([a, b])).toEqual({ status: 'cancelled' });
  });

  it('is validated where it enters: a list of one to many message ids', async () => {
    expect(await codeOf(dispatch(service, 'saveMessagesWithDialog', [[]]))).toBe('invalid-arguments');
    expect(await codeOf(dispatch(service, 'saveMessagesWithDialog', ['file:abc']))).toBe('invalid-arguments');
    expect(await codeOf(dispatch(service, 'saveMessagesWithDialog', [[42]]))).toBe('invalid-arguments');
    expect(await codeOf(dispatch(service, 'saveMessagesWithDialog', [['file:gone']]))).toBe('not-found');
  });

  it('answers unsupported on the web host, which downloads instead', async () => {
    const id = await open(web, 'in.eml', shiftJisMessage('x'));
    expect(await web.saveMessagesWithDialog([id])).toEqual({ status: 'unsupported' });
  });
});

describe('getMessageFile', () => {
  it('hands the page the stored bytes as base64 under the subject name, where getRawMessage text would not round-trip', async () => {
    const bytes = shiftJisMessage(SUBJECT);
    const id = await open(web, 'in.eml', bytes);
    const file = await web.getMessageFile(id);
    expect(await dispatch(web, 'getMessageFile', [id])).toEqual(file);
    expect(file).toEqual({ filename: '見積のご送付.eml', size: bytes.length, base64: bytes.toString('base64') });
    expect(Buffer.compare(Buffer.from(file.base64, 'base64'), bytes)).toBe(0);
    // Why the text is not enough: decoded as UTF-8 and encoded again, the Shift_JIS body changes.
    const raw = await web.getRawMessage(id);
    expect(Buffer.compare(Buffer.from(raw.text, 'utf8'), bytes)).not.toBe(0);
  });

  it('refuses ids that are not message ids', async () => {
    expect(await codeOf(dispatch(web, 'getMessageFile', ['']))).toBe('invalid-arguments');
    expect(await codeOf(dispatch(web, 'getMessageFile', ['file:unknown']))).toBe('not-found');
  });
});

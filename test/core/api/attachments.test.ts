/**
 * Attachments and files through the service without a mail server: a message file (.eml) the
 * host allowed is opened and its attachments read, saved, opened and dragged through a
 * recording NativeHost; uploads are staged; the web host (no NativeHost) answers 'unsupported'.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../core/api/dispatch.js';
import { ApiError } from '../../../core/api/errors.js';
import { MAX_PAGE_ATTACHMENT_BYTES } from '../../../core/api/limits.js';
import type { WindowRequest } from '../../../core/api/contract.js';
import type { NativeHost } from '../../../core/api/native-host.js';
import { createTegamiService, type TegamiService } from '../../../core/api/service.js';
import { cleanTempArea } from '../../../core/api/temp-files.js';

/** A NativeHost that records every call and answers dialogs from a script. */
class RecordingHost implements NativeHost {
  readonly calls: { method: string; arg: unknown }[] = [];
  savePath: string | null = null;
  folder: string | null = null;
  files: readonly string[] | null = null;
  async openExternal(url: string): Promise<void> {
    this.calls.push({ method: 'openExternal', arg: url });
  }
  async openPath(path: string): Promise<void> {
    this.calls.push({ method: 'openPath', arg: path });
  }
  async chooseSavePath(suggestedName: string): Promise<string | null> {
    this.calls.push({ method: 'chooseSavePath', arg: suggestedName });
    return this.savePath;
  }
  async chooseFolder(): Promise<string | null> {
    this.calls.push({ method: 'chooseFolder', arg: null });
    return this.folder;
  }
  async chooseFiles(): Promise<readonly string[] | null> {
    this.calls.push({ method: 'chooseFiles', arg: null });
    return this.files;
  }
  async startDrag(path: string): Promise<void> {
    this.calls.push({ method: 'startDrag', arg: path });
  }
  async openWindow(request: WindowRequest): Promise<void> {
    this.calls.push({ method: 'openWindow', arg: request });
  }
}

function part(headers: string[], body: string): string {
  return [...headers, '', body].join('\r\n');
}

/** A message with a text body and attachments: a PDF-like file, a Japanese-named text, a program, a script labelled by type only. */
function sampleMessage(): string {
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
  return [
    'From: Sender <sender@example.com>',
    'To: me@example.com',
    'Subject: files',
    'Message-ID: <files.1@example.com>',
    'Date: Thu, 05 Feb 2026 10:20:30 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    part(['Content-Type: text/plain; charset=utf-8'], 'see attached'),
    '--b',
    part(['Content-Type: application/pdf; name="report.pdf"', 'Content-Disposition: attachment; filename="report.pdf"', 'Content-Transfer-Encoding: base64'], b64('%PDF-1.4 fake')),
    '--b',
    part([`Content-Type: text/plain; charset=utf-8`, `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent('../見積.txt')}`, 'Content-Transfer-Encoding: base64'], b64('見積の本文')),
    '--b',
    part(['Content-Type: application/octet-stream; name="setup.exe"', 'Content-Disposition: attachment; filename="setup.exe"', 'Content-Transfer-Encoding: base64'], b64('MZ fake program')),
    '--b',
    part(['Content-Type: application/x-msdownload; name="invoice.pdf"', 'Content-Disposition: attachment; filename="invoice.pdf"', 'Content-Transfer-Encoding: base64'], b64('MZ another')),
    '--b--',
    '',
  ].join('\r\n');
}

let dir: string;
let dataDir: string;
let host: RecordingHost;
let service: TegamiService;
let web: TegamiService;
let emlPath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-att-'));
  dataDir = join(dir, 'data');
  host = new RecordingHost();
  service = createTegamiService({ dataDir, host: 'electron', backgroundSync: false, native: host });
  web = createTegamiService({ dataDir: join(dir, 'web-data'), host: 'web', backgroundSync: false });
  emlPath = join(dir, 'message.eml');
  await writeFile(emlPath, sampleMessage());
});

afterEach(async () => {
  await service.close();
  await web.close();
  await rm(dir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof ApiError ? error.code : `not an ApiError: ${String(error)}`;
  }
  return undefined;
}

async function openSample(s: TegamiService = service) {
  s.allowMessageFile(emlPath);
  const content = await s.openMessageFile(emlPath);
  const handle = (name: string) => {
    const found = content.attachments.find((a) => a.filename?.endsWith(name) === true);
    if (found === undefined) throw new Error(`no attachment ${name}`);
    return found.handle;
  };
  return { content, id: content.summary.id, handle };
}

describe('message files', () => {
  it('opens only files the host allowed, with an opaque file: id the message requests accept', async () => {
    expect(await codeOf(service.openMessageFile(emlPath))).toBe('not-allowed');
    const { content, id, handle } = await openSample();
    expect(id.startsWith('file:')).toBe(true);
    expect(id).not.toContain(emlPath);
    expect(content.summary.subject).toBe('files');
    expect(content.text?.trim()).toBe('see attached');
    expect(content.attachments.map((a) => a.filename)).toEqual(['report.pdf', '../見積.txt', 'setup.exe', 'invoice.pdf']);
    expect((await service.getRawMessage(id)).text).toContain('Subject: files');
    const data = await service.getAttachment(id, handle('見積.txt'));
    expect(data).toMatchObject({ filename: '../見積.txt', size: Buffer.byteLength('見積の本文') });
    expect(Buffer.from(data.base64, 'base64').toString('utf8')).toBe('見積の本文');
    const target = join(dir, 'saved.txt');
    expect(await service.saveAttachment(id, handle('見積.txt'), target)).toEqual({ path: target, bytes: Buffer.byteLength('見積の本文') });
    expect(await codeOf(service.saveAttachment(id, handle('見積.txt'), target))).toBe('storage-failed');
    expect(await codeOf(service.getAttachment(id, '99'))).toBe('not-found');
    // Another file next to the allowed one stays out of reach, also through a relative spelling.
    await writeFile(join(dir, 'other.eml'), sampleMessage());
    expect(await codeOf(service.openMessageFile(join(dir, 'sub', '..', 'other.eml')))).toBe('not-allowed');
    expect(await codeOf(service.openMessageFile(join(dir, 'sub', '..', 'message.eml')))).toBeUndefined();
  });

  it('refuses to hand the page an attachment above the limit and says to save it instead', async () => {
    const big = Buffer.alloc(MAX_PAGE_ATTACHMENT_BYTES + 1, 0x61);
    const eml = [
      'From: a@example.com',
      'Subject: big',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      part(['Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="big.bin"', 'Content-Transfer-Encoding: base64'], big.toString('base64').replace(/.{76}/gu, '$&\r\n')),
      '--b--',
      '',
    ].join('\r\n');
    const path = join(dir, 'big.eml');
    await writeFile(path, eml);
    service.allowMessageFile(path);
    const content = await service.openMessageFile(path);
    const error = await service.getAttachment(content.summary.id, content.attachments[0]!.handle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'too-large' });
    expect((error as ApiError).message).toMatch(/Save/u);
  });
});

describe('native actions with a NativeHost', () => {
  it('opens attachments from a private folder under the data folder, refusing programs unless confirmed', async () => {
    const { id, handle } = await openSample();
    expect(await service.openAttachment(id, handle('report.pdf'), false)).toEqual({ status: 'done' });
    const opened = host.calls.at(-1);
    expect(opened?.method).toBe('openPath');
    const path = String(opened?.arg);
    expect(path.startsWith(join(dataDir, 'temp'))).toBe(true);
    expect(path.endsWith('report.pdf')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('%PDF-1.4 fake');

    // A name that tries to climb out of the folder stays inside it.
    await service.openAttachment(id, handle('見積.txt'), false);
    const climbed = String(host.calls.at(-1)?.arg);
    expect(climbed.startsWith(join(dataDir, 'temp'))).toBe(true);
    expect(climbed.endsWith('_見積.txt')).toBe(true);

    const before = host.calls.length;
    expect(await codeOf(service.openAttachment(id, handle('setup.exe'), false))).toBe('executable-attachment');
    expect(await codeOf(service.openAttachment(id, handle('invoice.pdf'), false))).toBe('executable-attachment');
    expect(await codeOf(service.startAttachmentDrag(id, handle('setup.exe')))).toBe('executable-attachment');
    expect(host.calls.length).toBe(before);
    expect(await service.openAttachment(id, handle('setup.exe'), true)).toEqual({ status: 'done' });
    expect(String(host.calls.at(-1)?.arg).endsWith('setup.exe')).toBe(true);

    expect(await service.startAttachmentDrag(id, handle('report.pdf'))).toEqual({ status: 'done' });
    expect(host.calls.at(-1)?.method).toBe('startDrag');
  });

  it('saves one attachment where the dialog says, never over an existing file, and reports a cancel', async () => {
    const { id, handle } = await openSample();
    host.savePath = null;
    expect(await service.saveAttachmentsWithDialog(id, [handle('report.pdf')])).toEqual({ status: 'cancelled' });
    expect(host.calls.at(-1)).toEqual({ method: 'chooseSavePath', arg: 'report.pdf' });
    host.savePath = join(dir, 'chosen.pdf');
    expect(await service.saveAttachmentsWithDialog(id, [handle('report.pdf')])).toEqual({ status: 'saved', files: [{ path: host.savePath, bytes: 13 }] });
    expect(await readFile(host.savePath, 'utf8')).toBe('%PDF-1.4 fake');
    expect(await codeOf(service.saveAttachmentsWithDialog(id, [handle('report.pdf')]))).toBe('storage-failed');
    // The suggested name is the safe one.
    host.savePath = null;
    await service.saveAttachmentsWithDialog(id, [handle('見積.txt')]);
    expect(host.calls.at(-1)).toEqual({ method: 'chooseSavePath', arg: '_見積.txt' });
  });

  it('saves several attachments into a chosen folder with numbered names instead of overwriting', async () => {
    const { id, handle } = await openSample();
    const folder = join(dir, 'out');
    await mkdir(folder);
    await writeFile(join(folder, 'report.pdf'), 'mine');
    host.folder = folder;
    const result = await service.saveAttachmentsWithDialog(id, [handle('report.pdf'), handle('report.pdf'), handle('見積.txt')]);
    expect(result).toEqual({
      status: 'saved',
      files: [
        { path: join(folder, 'report (2).pdf'), bytes: 13 },
        { path: join(folder, 'report (3).pdf'), bytes: 13 },
        { path: join(folder, '_見積.txt'), bytes: Buffer.byteLength('見積の本文') },
      ],
    });
    expect(await readFile(join(folder, 'report.pdf'), 'utf8')).toBe('mine');
    host.folder = null;
    expect(await service.saveAttachmentsWithDialog(id, [handle('report.pdf'), handle('見積.txt')])).toEqual({ status: 'cancelled' });
  });

  it('chooses files for the composer with their sizes, refusing folders', async () => {
    const a = join(dir, 'a.txt');
    await writeFile(a, 'hello');
    host.files = [a];
    expect(await service.chooseAttachmentFiles()).toEqual({ status: 'chosen', files: [{ path: a, filename: 'a.txt', contentType: null, size: 5 }] });
    host.files = null;
    expect(await service.chooseAttachmentFiles()).toEqual({ status: 'cancelled' });
    host.files = [dir];
    expect(await codeOf(service.chooseAttachmentFiles())).toBe('invalid-request');
  });

  it('opens only http, https and mailto links', async () => {
    expect(await service.openExternal('https://example.com/a?b=c')).toEqual({ status: 'done' });
    expect(host.calls.at(-1)).toEqual({ method: 'openExternal', arg: 'https://example.com/a?b=c' });
    expect(await service.openExternal('mailto:a@example.com')).toEqual({ status: 'done' });
    const before = host.calls.length;
    expect(await codeOf(service.openExternal('file:///etc/passwd'))).toBe('not-allowed');
    expect(await codeOf(service.openExternal('javascript:alert(1)'))).toBe('not-allowed');
    expect(await codeOf(service.openExternal('not a url'))).toBe('not-allowed');
    expect(host.calls.length).toBe(before);
  });

  it('opens composer and message windows the page asks for, after the request is validated', async () => {
    const reply = { kind: 'compose', start: { mode: 'reply', messageId: 'acc/INBOX/7' } } as const;
    expect(await dispatch(service, 'openWindow', [reply])).toEqual({ status: 'done' });
    expect(await dispatch(service, 'openWindow', [{ kind: 'message', messageId: 'acc/INBOX/7' }])).toEqual({ status: 'done' });
    expect(host.calls.filter((c) => c.method === 'openWindow').map((c) => c.arg)).toEqual([reply, { kind: 'message', messageId: 'acc/INBOX/7' }]);
    const before = host.calls.length;
    expect(await codeOf(dispatch(service, 'openWindow', [{ kind: 'compose', start: { mode: 'reply' } }]))).toBe('invalid-arguments');
    expect(await codeOf(dispatch(service, 'openWindow', [{ kind: 'settings' }]))).toBe('invalid-arguments');
    expect(host.calls.length).toBe(before);
    expect(await web.openWindow(reply)).toEqual({ status: 'unsupported' });
  });
});

describe('the web host (no NativeHost)', () => {
  it('answers unsupported for every native action and refuses the browser sign-in with a clear error', async () => {
    const { id, handle } = await openSample(web);
    expect(await web.openExternal('https://example.com/')).toEqual({ status: 'unsupported' });
    expect(await web.openAttachment(id, handle('report.pdf'), false)).toEqual({ status: 'unsupported' });
    expect(await web.saveAttachmentsWithDialog(id, [handle('report.pdf')])).toEqual({ status: 'unsupported' });
    expect(await web.chooseAttachmentFiles()).toEqual({ status: 'unsupported' });
    expect(await web.startAttachmentDrag(id, handle('report.pdf'))).toEqual({ status: 'unsupported' });
    const error = await web.startOAuthSignIn({ address: 'someone@gmail.com' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'oauth-needs-browser' });
    expect((error as Error).message).toMatch(/desktop app|app password/u);
  });
});

describe('staging uploads', () => {
  it('writes the decoded file under <dataDir>/staging in a folder of its own, under a safe name', async () => {
    const staged = await service.stageAttachment({ filename: '../../写真.jpg', contentType: 'image/jpeg', base64: Buffer.from('jpeg bytes').toString('base64') });
    expect(staged).toMatchObject({ filename: '_.._写真.jpg', contentType: 'image/jpeg', size: 10 });
    expect(staged.path.startsWith(join(dataDir, 'staging'))).toBe(true);
    expect(await readFile(staged.path, 'utf8')).toBe('jpeg bytes');
    const again = await service.stageAttachment({ filename: '写真.jpg', contentType: null, base64: '' });
    expect(again.path).not.toBe(staged.path);
    expect(again.size).toBe(0);
  });

  it('refuses bad base64 and files above the limit before decoding', async () => {
    expect(await codeOf(service.stageAttachment({ filename: 'a', contentType: null, base64: 'a' }))).toBe('invalid-arguments');
    expect(await codeOf(service.stageAttachment({ filename: 'a', contentType: null, base64: 'ab$d' }))).toBe('invalid-arguments');
    const tooBig = 'A'.repeat((Math.ceil(MAX_PAGE_ATTACHMENT_BYTES / 3) + 1) * 4);
    const error = await service.stageAttachment({ filename: 'big.bin', contentType: null, base64: tooBig }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too-large' });
    expect(await readdir(join(dataDir, 'staging')).catch(() => [])).toEqual([]);
    // Exactly the limit: whole groups of three bytes, then the remaining one or two bytes padded.
    const rest = MAX_PAGE_ATTACHMENT_BYTES % 3;
    const exact = 'A'.repeat(Math.floor(MAX_PAGE_ATTACHMENT_BYTES / 3) * 4) + (rest === 0 ? '' : rest === 1 ? 'AA==' : 'AAA=');
    expect((await service.stageAttachment({ filename: 'exact.bin', contentType: null, base64: exact })).size).toBe(MAX_PAGE_ATTACHMENT_BYTES);
  });

  it('removes staged and temporary files older than a day when the service starts', async () => {
    const old = await service.stageAttachment({ filename: 'old.txt', contentType: null, base64: Buffer.from('old').toString('base64') });
    const fresh = await service.stageAttachment({ filename: 'fresh.txt', contentType: null, base64: Buffer.from('new').toString('base64') });
    const oldDir = join(old.path, '..');
    const dayAndMore = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
    await utimes(oldDir, dayAndMore, dayAndMore);
    await mkdir(join(dataDir, 'temp', 'stale'), { recursive: true });
    await utimes(join(dataDir, 'temp', 'stale'), dayAndMore, dayAndMore);
    const restarted = createTegamiService({ dataDir, host: 'electron', backgroundSync: false, native: host });
    await vi.waitFor(async () => {
      expect(await stat(oldDir).then(() => true, () => false)).toBe(false);
      expect(await stat(join(dataDir, 'temp', 'stale')).then(() => true, () => false)).toBe(false);
    });
    expect(await readFile(fresh.path, 'utf8')).toBe('new');
    await restarted.close();
    expect(await cleanTempArea(join(dir, 'nowhere'), 'staging')).toBe(0);
  });
});

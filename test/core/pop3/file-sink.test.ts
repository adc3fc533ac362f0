import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { atomicFileSink } from '../../../core/pop3/file-sink.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tegami-pop3-file-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('atomicFileSink', () => {
  it('writes through a temporary file and renames it into place on commit', async () => {
    const dir = tempDir();
    const sink = atomicFileSink(join(dir, 'msg.eml'));
    await sink.write(Buffer.from('Subject: a\r\n'));
    expect(readdirSync(dir)).toEqual([sink.tempPath.slice(dir.length + 1)]);
    await sink.write(Buffer.from('\r\nbody\r\n'));
    await sink.commit();
    expect(readdirSync(dir)).toEqual(['msg.eml']);
    expect(readFileSync(join(dir, 'msg.eml'), 'utf8')).toBe('Subject: a\r\n\r\nbody\r\n');
  });

  it('leaves nothing behind when aborted', async () => {
    const dir = tempDir();
    const sink = atomicFileSink(join(dir, 'msg.eml'));
    await sink.write(Buffer.from('half a mess'));
    await sink.abort(new MailError('connection-closed', 'dropped'));
    expect(readdirSync(dir)).toEqual([]);
    await expect(sink.commit()).rejects.toBeInstanceOf(MailError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('commits an empty message as an empty file', async () => {
    const dir = tempDir();
    const sink = atomicFileSink(join(dir, 'empty.eml'));
    await sink.commit();
    expect(readFileSync(join(dir, 'empty.eml')).length).toBe(0);
  });

  it('reports a missing directory as a typed io-error', async () => {
    const sink = atomicFileSink(join(tempDir(), 'nope', 'msg.eml'));
    await expect(sink.write(Buffer.from('x'))).rejects.toMatchObject({ code: 'io-error' });
  });
});

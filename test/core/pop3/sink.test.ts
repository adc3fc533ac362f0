import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { BufferSink, writableSink } from '../../../core/pop3/sink.js';

describe('writableSink', () => {
  it('waits for drain when the stream is full, then ends it on commit', async () => {
    const stream = new PassThrough({ highWaterMark: 4 });
    const sink = writableSink(stream);
    const first = sink.write(Buffer.from('0123456789'));
    // Full: the write waits until the reader drains it.
    expect(first).toBeInstanceOf(Promise);
    let drained = false;
    void (first as Promise<void>).then(() => {
      drained = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await first;
    await sink.write(Buffer.from('ab'));
    await sink.commit();
    expect(Buffer.concat(chunks).toString()).toBe('0123456789ab');
    expect(stream.writableFinished).toBe(true);
  });

  it('abort destroys the stream; a destroyed stream refuses writes with io-error', async () => {
    const stream = new PassThrough();
    stream.on('error', () => undefined);
    const sink = writableSink(stream);
    await sink.abort(new MailError('connection-closed', 'dropped'));
    expect(stream.destroyed).toBe(true);
    await expect(sink.write(Buffer.from('x'))).rejects.toMatchObject({ code: 'io-error' });
  });

  it('a stream error while waiting for drain is an io-error', async () => {
    const stream = new Writable({ highWaterMark: 1, write: (_chunk, _enc, callback) => setTimeout(() => callback(new Error('EIO')), 5) });
    stream.on('error', () => undefined);
    const sink = writableSink(stream);
    await expect(sink.write(Buffer.from('xyz'))).rejects.toMatchObject({ code: 'io-error' });
  });

  it('with end: false, commit leaves the stream open (stdout)', async () => {
    const stream = new PassThrough();
    const sink = writableSink(stream, { end: false });
    await sink.write(Buffer.from('x'));
    await sink.commit();
    expect(stream.writableEnded).toBe(false);
  });
});

describe('BufferSink', () => {
  it('copies chunks and refuses to grow past its limit', () => {
    const sink = new BufferSink(5);
    const chunk = Buffer.from('abc');
    sink.write(chunk);
    chunk.fill(0x78);
    expect(sink.bytes.toString()).toBe('abc');
    expect(() => sink.write(Buffer.from('def'))).toThrow(MailError);
    sink.commit();
    expect(sink.status).toBe('committed');
  });
});

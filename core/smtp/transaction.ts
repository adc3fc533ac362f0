import type { Connection } from '../net/connection.js';
import { MailError, type MailErrorCode } from '../net/mail-error.js';
import type { SmtpClient } from './client.js';
import { bdatLine, isAscii, mailLine, rcptLine, type MailParameters, type RcptParameters } from './commands.js';
import { DataEncoder, hasEightBit } from './data-encoder.js';
import { classifyReply, replyError } from './errors.js';
import { BDAT_CHUNK_SIZE, DATA_SLICE_SIZE, PIPELINED_BDAT_MAX } from './limits.js';
import { toServerReply, type SmtpReply } from './reply.js';

/** The message bytes: whole (string/bytes) or streamed (any iterable of byte chunks). */
export type MessageSource = string | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface Envelope {
  /** Reverse path (MAIL FROM); "" for the null sender. */
  readonly from: string;
  /** Forward paths (RCPT TO), Bcc included: the envelope, not the header. */
  readonly to: readonly string[];
}

export interface SendOptions {
  /** Size in bytes of a streamed message (known for whole ones), for SIZE= and the size check. */
  readonly size?: number;
  /** Whether the content is 8-bit; detected for whole messages, required for streamed 8-bit ones. */
  readonly body?: '7BIT' | '8BITMIME';
  /** Ask for SMTPUTF8 even with ASCII addresses (internationalised headers, RFC 6532). */
  readonly smtputf8?: boolean;
  readonly ret?: MailParameters['ret'];
  readonly envid?: string;
  readonly notify?: RcptParameters['notify'];
  /** Send ORCPT=<the recipient> with each RCPT (RFC 3461 §4.2). */
  readonly orcpt?: boolean;
  /** Use BDAT when CHUNKING is offered (default true). */
  readonly preferBdat?: boolean;
}

export interface RejectedRecipient {
  readonly address: string;
  readonly error: MailErrorCode;
  readonly code: number;
  readonly enhancedCode?: string;
  readonly text: string;
  readonly transient: boolean;
}

export interface SendResult {
  /** Recipients the server accepted; the message went to these. */
  readonly accepted: readonly string[];
  /** Recipients refused at RCPT time, each with its own reply. */
  readonly rejected: readonly RejectedRecipient[];
  /** The server's reply after the message data (250 …queued as …). */
  readonly reply: { readonly code: number; readonly enhancedCode?: string; readonly text: string };
  /** The queue id when the reply names one ("queued as 4ABC…"). */
  readonly queueId?: string;
  /** Bytes of message data written (after CRLF normalisation and dot-stuffing). */
  readonly bytes: number;
  readonly method: 'DATA' | 'BDAT';
  readonly pipelined: boolean;
}

function rejection(address: string, reply: SmtpReply): RejectedRecipient {
  const error = classifyReply(reply, 'rcpt');
  return {
    address,
    error,
    code: reply.code,
    ...(reply.enhancedCode ? { enhancedCode: reply.enhancedCode } : {}),
    text: reply.text,
    transient: reply.code < 500,
  };
}

function allRejected(rejected: readonly RejectedRecipient[], reply: SmtpReply | undefined): MailError {
  const codes = new Set(rejected.map((r) => r.error));
  // One shared reason (all unknown, all relay denied) is reported as that reason.
  const [only] = codes;
  const code: MailErrorCode = codes.size === 1 && only !== undefined && only !== 'permanent-failure' ? only : 'all-recipients-rejected';
  const list = rejected.map((r) => `${r.address} (${r.code}${r.enhancedCode ? ` ${r.enhancedCode}` : ''} ${r.text.split('\n')[0] ?? ''})`).join(', ');
  return new MailError(code, `The server rejected every recipient: ${list}. Nothing was sent.`, {
    ...(reply ? { reply: toServerReply(reply) } : {}),
    transient: rejected.every((r) => r.transient),
    details: { rejected },
  });
}

function toBytes(source: string | Uint8Array): Uint8Array {
  return typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
}

/**
 * Yields the source in slices of at most DATA_SLICE_SIZE bytes, never copying. A source that
 * fails part-way (a file read error) closes the connection: DATA cannot be abandoned in the
 * middle (RFC 5321 §4.1.1.4), and a dropped connection is the only way to make sure the server
 * does not deliver a truncated message.
 */
async function* slices(source: MessageSource, conn: Connection): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    const bytes = toBytes(source);
    for (let i = 0; i < bytes.length; i += DATA_SLICE_SIZE) yield bytes.subarray(i, i + DATA_SLICE_SIZE);
    return;
  }
  const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]?.() ?? (source as Iterable<Uint8Array>)[Symbol.iterator]();
  let finished = false;
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (error) {
        finished = true;
      const failure =
        error instanceof MailError
          ? error
          : new MailError('io-error', `Reading the message failed while it was being sent, so the connection was closed and nothing was delivered: ${error instanceof Error ? error.message : String(error)}`, {
              cause: error,
            });
        conn.fail(failure);
        throw failure;
      }
      if (next.done) {
        finished = true;
        return;
      }
      const chunk: Uint8Array | string = next.value;
      const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let i = 0; i < bytes.length; i += DATA_SLICE_SIZE) yield bytes.subarray(i, i + DATA_SLICE_SIZE);
    }
  } finally {
    // The write side failed (connection lost): let the source release its file or stream.
    if (!finished) await iterator.return?.();
  }
}

function queueIdOf(reply: SmtpReply): string | undefined {
  return /queued as ([A-Za-z0-9]+)/i.exec(reply.text)?.[1];
}

/**
 * One mail transaction (RFC 5321 §3.3). Everything that can be refused locally — CR/LF in an
 * argument, a non-ASCII address without SMTPUTF8, 8-bit data without 8BITMIME, a size over the
 * server's SIZE — is refused before the first byte is written.
 */
export async function sendMessage(client: SmtpClient, envelope: Envelope, source: MessageSource, options: SendOptions = {}): Promise<SendResult> {
  const caps = client.capabilities;
  const conn = client.connection;
  if (envelope.to.length === 0) throw new MailError('invalid-argument', 'A message needs at least one recipient.');
  const whole = typeof source === 'string' || source instanceof Uint8Array ? toBytes(source) : undefined;
  const size = whole?.length ?? options.size;
  if (size !== undefined && caps.size !== undefined && caps.size > 0 && size > caps.size) {
    throw new MailError('message-too-large', `The message is ${size} bytes; the server accepts at most ${caps.size} bytes (SIZE, RFC 1870).`, {
      details: { size, limit: caps.size },
    });
  }
  const body = options.body ?? (whole && hasEightBit(whole) ? '8BITMIME' : undefined);
  const smtputf8 = caps.smtputf8 && (options.smtputf8 === true || ![envelope.from, ...envelope.to].every(isAscii));
  if (options.smtputf8 && !caps.smtputf8) {
    throw new MailError('smtputf8-unsupported', 'The message needs SMTPUTF8 (RFC 6531), which the server does not support.');
  }
  const mail = mailLine(
    envelope.from,
    { ...(size !== undefined ? { size } : {}), ...(body ? { body } : {}), ...(options.ret ? { ret: options.ret } : {}), ...(options.envid !== undefined ? { envid: options.envid } : {}) },
    caps,
    smtputf8,
  );
  const rcpts = envelope.to.map((to) =>
    rcptLine(to, { ...(options.notify ? { notify: options.notify } : {}), ...(options.orcpt ? { orcpt: to } : {}) }, caps),
  );
  const bdat = caps.chunking && options.preferBdat !== false;
  const pipelined = caps.pipelining;
  const reset = client.transactions > 0;
  client.transactions += 1;
  const method = bdat ? 'BDAT' : 'DATA';

  // Small whole messages go in the same pipelined group as BDAT LAST (RFC 3030 §4.2 allows
  // BDAT in a group; the server must read the chunk even when every RCPT failed).
  const encodedSmall = bdat && pipelined && whole && whole.length <= PIPELINED_BDAT_MAX ? encodeWhole(whole) : undefined;

  if (pipelined) {
    // RFC 2920 §3.1: RSET, MAIL and RCPT may be grouped; DATA (or BDAT) ends the group.
    const group = [...(reset ? ['RSET'] : []), mail, ...rcpts];
    if (encodedSmall) group.push(bdatLine(encodedSmall.length, true));
    else if (!bdat) group.push('DATA');
    await conn.writeLines(group, encodedSmall);
  }

  let firstError: MailError | undefined;
  const read = async (): Promise<SmtpReply> => {
    let reply: SmtpReply;
    try {
      reply = await client.readReply();
    } catch (error) {
      // The first refusal in a group explains a connection the server then dropped.
      throw firstError ?? error;
    }
    if (reply.code === 421) {
      // RFC 5321 §3.8: 421 means the server is closing the channel; nothing more will be answered.
      const error = replyError(reply, 'other');
      conn.fail(error);
      throw error;
    }
    return reply;
  };
  const next = async (line: string): Promise<SmtpReply> => {
    if (!pipelined) await conn.writeLine(line);
    return read();
  };

  if (reset) {
    const reply = await next('RSET');
    if (reply.code !== 250) firstError = replyError(reply, 'rset');
  }
  const mailReply = await next(mail);
  if (mailReply.code !== 250) firstError ??= replyError(mailReply, 'mail');
  if (firstError && !pipelined) throw firstError;

  const accepted: string[] = [];
  const rejected: RejectedRecipient[] = [];
  let lastRejection: SmtpReply | undefined;
  for (let i = 0; i < rcpts.length; i++) {
    const reply = await next(rcpts[i] as string);
    const address = envelope.to[i] as string;
    if (reply.code === 250 || reply.code === 251) accepted.push(address);
    else {
      rejected.push(rejection(address, reply));
      lastRejection = reply;
    }
  }

  if (encodedSmall) {
    const reply = await read();
    if (firstError) throw firstError;
    if (accepted.length === 0) throw allRejected(rejected, lastRejection);
    if (reply.code !== 250) throw replyError(reply, 'data');
    conn.transcript.info(`message sent with BDAT LAST: ${encodedSmall.length} bytes`);
    return result(accepted, rejected, reply, encodedSmall.length, 'BDAT', true);
  }

  if (!bdat) {
    const dataReply = await (pipelined ? read() : firstError || accepted.length === 0 ? undefined : next('DATA'));
    if (dataReply?.code === 354 && (firstError || accepted.length === 0)) {
      // RFC 2920 §3.1: the server accepted DATA although the transaction cannot succeed; end it empty.
      await conn.write('.\r\n');
      await read();
    }
    if (firstError) throw firstError;
    if (accepted.length === 0) throw allRejected(rejected, lastRejection);
    if (dataReply === undefined) throw new MailError('protocol-error', 'No reply to DATA.');
    if (dataReply.code !== 354) throw replyError(dataReply, 'data');
    const bytes = await streamData(client, source);
    const reply = await client.readReply();
    if (reply.code !== 250) throw replyError(reply, 'data');
    return result(accepted, rejected, reply, bytes, method, pipelined);
  }

  if (firstError) throw firstError;
  if (accepted.length === 0) throw allRejected(rejected, lastRejection);
  const { bytes, reply } = await streamBdat(client, source);
  return result(accepted, rejected, reply, bytes, method, pipelined);
}

function result(accepted: string[], rejected: RejectedRecipient[], reply: SmtpReply, bytes: number, method: 'DATA' | 'BDAT', pipelined: boolean): SendResult {
  const queueId = queueIdOf(reply);
  return {
    accepted,
    rejected,
    reply: { code: reply.code, ...(reply.enhancedCode ? { enhancedCode: reply.enhancedCode } : {}), text: reply.text },
    ...(queueId ? { queueId } : {}),
    bytes,
    method,
    pipelined,
  };
}

function encodeWhole(bytes: Uint8Array): Buffer {
  const encoder = new DataEncoder(false);
  return Buffer.concat([encoder.encode(bytes), encoder.finish()]);
}

/** Writes the message after a 354: canonical CRLF, dot-stuffed, terminated by "." (RFC 5321 §4.5.2). */
async function streamData(client: SmtpClient, source: MessageSource): Promise<number> {
  const conn = client.connection;
  const encoder = new DataEncoder(true);
  for await (const slice of slices(source, conn)) {
    const encoded = encoder.encode(slice);
    if (encoded.length > 0) await conn.write(encoded, { transcript: 'none' });
  }
  await conn.write(encoder.finish(), { transcript: 'none' });
  conn.transcript.client(`[message data: ${encoder.size} bytes, ending with "."]`);
  return encoder.size;
}

/**
 * Sends the message as BDAT chunks (RFC 3030 §2). With PIPELINING the chunks are not held up
 * by their replies (RFC 3030 §4.2): every reply is read and checked after the last chunk, so a
 * large message streams at the link's speed instead of one round trip per chunk.
 */
async function streamBdat(client: SmtpClient, source: MessageSource): Promise<{ bytes: number; reply: SmtpReply }> {
  const conn = client.connection;
  const pipelined = client.capabilities.pipelining;
  const encoder = new DataEncoder(false);
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let unanswered = 0;
  const readChunkReply = async (): Promise<SmtpReply> => {
    unanswered -= 1;
    const reply = await client.readReply();
    if (reply.code !== 250) {
      // Drain the replies still owed so the session stays in step for RSET.
      while (unanswered > 0) {
        unanswered -= 1;
        await client.readReply().catch(() => undefined);
      }
      throw replyError(reply, 'data');
    }
    return reply;
  };
  const flush = async (last: boolean): Promise<void> => {
    await conn.writeLine(bdatLine(pendingSize, last));
    for (const piece of pending) await conn.write(piece, { transcript: 'none' });
    conn.transcript.client(`[${pendingSize} bytes]`);
    pending = [];
    pendingSize = 0;
    unanswered += 1;
    if (!pipelined) await readChunkReply();
  };
  for await (const slice of slices(source, conn)) {
    const encoded = encoder.encode(slice);
    if (encoded.length === 0) continue;
    pending.push(encoded);
    pendingSize += encoded.length;
    if (pendingSize >= BDAT_CHUNK_SIZE) await flush(false);
  }
  const tail = encoder.finish();
  if (tail.length > 0) {
    pending.push(tail);
    pendingSize += tail.length;
  }
  await flush(true);
  let reply: SmtpReply | undefined;
  while (unanswered > 0) reply = await readChunkReply();
  if (reply === undefined) throw new MailError('protocol-error', 'No reply to the last BDAT chunk.');
  return { bytes: encoder.size, reply };
}

import { describe, expect, it } from 'vitest';
import { buildMessage, parseMessage, replyFields, replyRecipients } from '../../../core/mime/index.js';

const parent = parseMessage(
  [
    'From: Alice <alice@example.com>',
    'Reply-To: list@lists.example.com',
    'To: Bob <bob@example.com>, me@example.org',
    'Cc: carol@example.com, ME@example.org',
    'Subject: Plans',
    'Message-ID: <p2@example.com>',
    'References: <p0@example.com> <p1@example.com>',
    'In-Reply-To: <p1@example.com>',
    '',
    'body',
  ].join('\r\n'),
);

describe('replies', () => {
  it('extends References with the parent id and prefixes the subject once', () => {
    expect(replyFields(parent)).toEqual({ subject: 'Re: Plans', inReplyTo: 'p2@example.com', references: ['p0@example.com', 'p1@example.com', 'p2@example.com'] });
    const again = parseMessage('Subject: RE: Plans\r\nMessage-ID: <x@y>\r\nIn-Reply-To: <w@y>\r\n\r\n');
    expect(replyFields(again)).toEqual({ subject: 'RE: Plans', inReplyTo: 'x@y', references: ['w@y', 'x@y'] });
  });

  it('keeps the root and the newest references when the chain is long', () => {
    const refs = Array.from({ length: 80 }, (_, i) => `<r${i}@x>`).join(' ');
    const r = replyFields(parseMessage(`Message-ID: <new@x>\r\nReferences: ${refs}\r\n\r\n`));
    expect(r.references).toHaveLength(50);
    expect(r.references[0]).toBe('r0@x');
    expect(r.references[49]).toBe('new@x');
  });

  it('answers Reply-To, or everyone but me for reply-all', () => {
    expect(replyRecipients(parent, ['me@example.org'], false).to.map((m) => m.address)).toEqual(['list@lists.example.com']);
    const all = replyRecipients(parent, ['me@example.org'], true);
    expect(all.to.map((m) => m.address)).toEqual(['list@lists.example.com', 'bob@example.com']);
    expect(all.cc.map((m) => m.address)).toEqual(['carol@example.com']);
  });

  it('a built reply threads under its parent', async () => {
    const fields = replyFields(parent);
    const reply = parseMessage(await buildMessage({ from: 'me@example.org', to: ['alice@example.com'], subject: fields.subject, inReplyTo: fields.inReplyTo, references: fields.references, text: 'ok' }));
    expect(reply.inReplyTo).toBe('p2@example.com');
    expect(reply.references).toEqual(['p0@example.com', 'p1@example.com', 'p2@example.com']);
    expect(reply.subject).toBe('Re: Plans');
  });
});

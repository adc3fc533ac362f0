import { describe, expect, it } from 'vitest';
import type { DeliveryStatus, MessageSummary } from '../../../../core/api/contract.js';
import { deliveryOf, messageIdForms } from '../../../../renderer/src/features/composer/delivery.js';

function summary(id: string, delivery: DeliveryStatus | null): MessageSummary {
  return {
    id,
    accountId: 'a1',
    folderId: delivery === null ? 'a1/Sent' : 'a1/Outbox',
    uid: null,
    flags: [],
    date: null,
    receivedAt: '2026-11-28T10:00:00Z',
    from: [],
    to: [],
    cc: [],
    subject: 'x',
    snippet: '',
    size: 10,
    hasAttachments: false,
    messageId: 'q1@tegami.test',
    inReplyTo: null,
    references: [],
    threadKey: 'q1@tegami.test',
    bodyDownloaded: true,
    delivery,
  };
}

describe('deliveryOf', () => {
  it('is queued until the index has the Outbox row, then follows its delivery state', () => {
    expect(deliveryOf('out1', [], false)).toEqual({ state: 'queued', reason: null });
    expect(deliveryOf('out1', [summary('out1', { state: 'sending', reason: null, lastAttemptAt: null })], false).state).toBe('sending');
    expect(deliveryOf('out1', [summary('out1', { state: 'failed', reason: '550 5.1.1 no such user', lastAttemptAt: null })], true)).toEqual({ state: 'failed', reason: '550 5.1.1 no such user' });
  });

  it('is sent once the copy in Sent appears or the Outbox row that was seen goes away', () => {
    expect(deliveryOf('out1', [summary('sent1', null)], false).state).toBe('sent');
    expect(deliveryOf('out1', [], true).state).toBe('sent');
  });

  it('looks the Message-ID up with and without brackets', () => {
    expect(messageIdForms('<a@b>')).toEqual(['a@b', '<a@b>']);
    expect(messageIdForms('a@b')).toEqual(['a@b', '<a@b>']);
  });
});

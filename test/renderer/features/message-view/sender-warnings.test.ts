import { describe, expect, it } from 'vitest';
import { returnPathOf, senderWarnings } from '../../../../renderer/src/features/message-view/sender-warnings.js';

const none = { replyTo: [], headers: [] };

describe('senderWarnings', () => {
  it('warns when the display name shows another address than the real one', () => {
    const warnings = senderWarnings({ ...none, from: [{ name: 'support@bank.example', address: 'x@evil.example' }] });
    expect(warnings).toEqual([{ kind: 'display-name-address', name: 'support@bank.example', shownAddress: 'support@bank.example', actualAddress: 'x@evil.example' }]);
  });

  it('does not warn when the name repeats the real address, in any case', () => {
    expect(senderWarnings({ ...none, from: [{ name: 'Alice@Tegami.test', address: 'alice@tegami.test' }] })).toEqual([]);
  });

  it('warns when the name shows a domain of another organisation, not of the same one', () => {
    expect(senderWarnings({ ...none, from: [{ name: 'PayPal.com Service', address: 'x@evil.example' }] })).toEqual([
      { kind: 'display-name-domain', name: 'PayPal.com Service', shownDomain: 'paypal.com', actualAddress: 'x@evil.example' },
    ]);
    expect(senderWarnings({ ...none, from: [{ name: 'shop.example.co.jp', address: 'info@mail.example.co.jp' }] })).toEqual([]);
    expect(senderWarnings({ ...none, from: [{ name: 'Bob Smith', address: 'bob@tegami.test' }] })).toEqual([]);
    // Initials and titles are not domains.
    expect(senderWarnings({ ...none, from: [{ name: 'Dr.Smith', address: 'smith@clinic.example' }] })).toEqual([]);
    expect(senderWarnings({ ...none, from: [{ name: 'J.R.R. Tolkien', address: 'jrr@tolkien.example' }] })).toEqual([]);
    expect(senderWarnings({ ...none, from: [{ name: 'AMAZON.CO.JP', address: 'x@evil.example' }] })[0]).toMatchObject({ kind: 'display-name-domain', shownDomain: 'amazon.co.jp' });
  });

  it('compares the From domain with the Return-Path by organisation', () => {
    const from = [{ name: 'Bank', address: 'news@bank.example' }];
    expect(senderWarnings({ from, replyTo: [], headers: [{ name: 'Return-Path', value: '<bounce@mailer.bank.example>' }] })).toEqual([]);
    expect(senderWarnings({ from, replyTo: [], headers: [{ name: 'Return-Path', value: '<x@evil.example>' }] })).toEqual([
      { kind: 'return-path-mismatch', from: 'news@bank.example', returnPath: 'x@evil.example' },
    ]);
    // A bounce's empty Return-Path has no domain and is not a mismatch.
    expect(senderWarnings({ from, replyTo: [], headers: [{ name: 'Return-Path', value: '<>' }] })).toEqual([]);
  });

  it('warns when replies would go to another organisation', () => {
    const from = [{ name: '', address: 'ceo@company.example' }];
    expect(senderWarnings({ from, replyTo: [{ name: '', address: 'ceo.company@freemail.example' }], headers: [] })).toEqual([
      { kind: 'reply-to-mismatch', from: 'ceo@company.example', replyTo: 'ceo.company@freemail.example' },
    ]);
    expect(senderWarnings({ from, replyTo: [{ name: '', address: 'sales@eu.company.example' }], headers: [] })).toEqual([]);
  });

  it('reads the topmost Return-Path, the final delivery', () => {
    expect(returnPathOf([{ name: 'return-path', value: '<a@one.example>' }, { name: 'Return-Path', value: '<b@two.example>' }])).toBe('a@one.example');
    expect(returnPathOf([{ name: 'Subject', value: 'hi' }])).toBeUndefined();
  });

  it('says nothing about a message without a From', () => {
    expect(senderWarnings({ from: [], replyTo: [{ name: '', address: 'a@b.example' }], headers: [{ name: 'Return-Path', value: '<c@d.example>' }] })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { composeRequestFromDraft, composeStartFromJson, routeFromSearch } from '../../../renderer/src/app/route.js';

describe('window route', () => {
  it('is the mail window without a window parameter', () => {
    expect(routeFromSearch('')).toEqual({ kind: 'main' });
    expect(routeFromSearch('?token=abc')).toEqual({ kind: 'main' });
    expect(routeFromSearch('?window=nonsense')).toEqual({ kind: 'main' });
    expect(routeFromSearch('?window=message')).toEqual({ kind: 'main' });
  });

  it('reads the composer window and its mailto: draft as the Electron host writes it', () => {
    const draft = { to: ['Bob <bob@tegami.test>', 'carol@tegami.test'], cc: [], bcc: ['x@tegami.test'], subject: '件名', body: 'a\nb', ignored: [] };
    const query = new URLSearchParams({ window: 'compose', draft: JSON.stringify(draft) });
    expect(routeFromSearch(`?${query}`)).toEqual({
      kind: 'compose',
      start: { mode: 'new', accountId: null, request: {
        to: [
          { name: 'Bob', address: 'bob@tegami.test' },
          { name: '', address: 'carol@tegami.test' },
        ],
        cc: [],
        bcc: [{ name: '', address: 'x@tegami.test' }],
        subject: '件名',
        body: 'a\nb',
        inReplyTo: null,
      } },
    });
    expect(routeFromSearch('?window=compose')).toEqual({ kind: 'compose', start: { mode: 'new', accountId: null, request: null } });
  });

  it('reads the composer the main window asked the host for', () => {
    const start = (value: unknown) => routeFromSearch(`?${new URLSearchParams({ window: 'compose', start: JSON.stringify(value) })}`);
    expect(start({ mode: 'reply-all', messageId: 'acct/INBOX/7' })).toEqual({ kind: 'compose', start: { mode: 'reply-all', messageId: 'acct/INBOX/7' } });
    expect(start({ mode: 'draft', messageId: 'acct/Drafts/2' })).toEqual({ kind: 'compose', start: { mode: 'draft', messageId: 'acct/Drafts/2' } });
    expect(start({ mode: 'new', accountId: 'acct', request: { to: ['a@b.test'], subject: 'Hi' } })).toEqual({
      kind: 'compose',
      start: { mode: 'new', accountId: 'acct', request: { to: [{ name: '', address: 'a@b.test' }], cc: [], bcc: [], subject: 'Hi', body: '', inReplyTo: null } },
    });
    // Anything malformed is a new, empty message rather than an exception or a half-read answer.
    expect(start({ mode: 'reply' })).toEqual({ kind: 'compose', start: { mode: 'new', accountId: null, request: null } });
    expect(start({ mode: 'format-disk', messageId: 'x' })).toEqual({ kind: 'compose', start: { mode: 'new', accountId: null, request: null } });
    expect(composeStartFromJson('{oops')).toEqual({ mode: 'new', accountId: null, request: null });
  });

  it('gives an empty composer for a malformed draft instead of throwing', () => {
    expect(composeRequestFromDraft('{not json')).toBeNull();
    expect(composeRequestFromDraft('42')).toBeNull();
    expect(composeRequestFromDraft('{"to":[1,"a@b.test"],"subject":7}')).toEqual({ to: [{ name: '', address: 'a@b.test' }], cc: [], bcc: [], subject: '', body: '', inReplyTo: null });
  });

  it('reads message windows for a stored message or an .eml file', () => {
    expect(routeFromSearch('?window=message&id=acct%2FINBOX%2F7')).toEqual({ kind: 'message', messageId: 'acct/INBOX/7' });
    expect(routeFromSearch(`?${new URLSearchParams({ window: 'message', file: '/home/u/メール.eml' })}`)).toEqual({ kind: 'message-file', path: '/home/u/メール.eml' });
  });
});

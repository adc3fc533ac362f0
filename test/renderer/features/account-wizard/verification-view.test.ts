import { describe, expect, it } from 'vitest';
import { fieldMessages, sideAction, verificationFromDetails } from '../../../../renderer/src/features/account-wizard/verification-view.js';
import { side, stackCertificate, verification } from './fixtures.js';

describe('verification view', () => {
  it('points a refused login at the right password field', () => {
    expect(sideAction(side('incoming', 'wrong-password'), true)).toEqual({ kind: 'password', field: 'password' });
    expect(sideAction(side('outgoing', 'wrong-password'), false)).toEqual({ kind: 'password', field: 'password' });
    expect(sideAction(side('outgoing', 'wrong-password'), true)).toEqual({ kind: 'password', field: 'outgoingPassword' });
  });

  it('asks about a certificate only when there is one to show', () => {
    expect(sideAction(side('incoming', 'tls', { certificate: stackCertificate }), false)).toEqual({ kind: 'certificate', certificate: stackCertificate });
    expect(sideAction(side('outgoing', 'tls'), false)).toEqual({ kind: 'settings', field: 'outgoingSecurity' });
  });

  it('sends unreachable and slow servers back to their host', () => {
    expect(sideAction(side('incoming', 'unreachable'), false)).toEqual({ kind: 'settings', field: 'incomingHost' });
    expect(sideAction(side('outgoing', 'timeout'), false)).toEqual({ kind: 'settings', field: 'outgoingHost' });
    expect(sideAction(side('outgoing', 'ok'), false)).toEqual({ kind: 'none' });
  });

  it('puts one message beside each field concerned', () => {
    const messages = fieldMessages(verification(side('incoming', 'unreachable'), side('outgoing', 'wrong-password')), false);
    expect(messages).toEqual({
      incomingHost: { key: 'wizard.verify.unreachable', detail: 'Could not connect to imap.tegami.test:993 (ECONNREFUSED).' },
      password: { key: 'wizard.verify.wrong-password', detail: 'smtp.tegami.test:465 refused the user name or password (AUTHENTICATIONFAILED).' },
    });
  });

  it('reads the error details back from plain JSON and refuses other shapes', () => {
    const original = verification(side('incoming', 'tls', { certificate: stackCertificate }), side('outgoing', 'ok'));
    expect(verificationFromDetails(JSON.parse(JSON.stringify(original)))).toEqual(original);
    expect(verificationFromDetails({ ok: false })).toBeNull();
    expect(verificationFromDetails('nope')).toBeNull();
    const odd = { ...original, incoming: { ...original.incoming, status: 'brand-new', certificate: { subject: 1 } } };
    expect(verificationFromDetails(odd)?.incoming).toMatchObject({ status: 'server', certificate: null });
  });
});

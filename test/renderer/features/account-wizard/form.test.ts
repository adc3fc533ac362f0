import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../core/api/contract.js';
import {
  buildAccountChanges,
  buildNewAccount,
  formFromAccount,
  defaultPort,
  formFromDiscovery,
  identityProblems,
  manualForm,
  NO_PINS,
  settingsProblems,
  withIncomingProtocol,
  withSecurity,
  type Identity,
} from '../../../../renderer/src/features/account-wizard/form.js';
import { gmailDiscovery, guessDiscovery } from './fixtures.js';

const alice: Identity = { name: 'Alice Liddell', email: 'alice@tegami.test', password: 'secret' };

describe('manual form', () => {
  it('prefills every field from the address', () => {
    const form = manualForm('ken@nowhere.example');
    expect(form.incoming).toEqual({ protocol: 'imap', host: 'imap.nowhere.example', port: '993', security: 'tls', username: 'ken@nowhere.example' });
    expect(form.outgoing).toEqual({ host: 'smtp.nowhere.example', port: '465', security: 'tls', username: 'ken@nowhere.example' });
    expect(form.separateOutgoingPassword).toBe(false);
  });

  it('leaves hosts empty when the address has no domain yet', () => {
    expect(manualForm('ken').incoming.host).toBe('');
  });
});

describe('discovered servers into the form', () => {
  it('takes the chosen servers with their port, security and login', () => {
    const chosen = guessDiscovery.chosen!;
    const form = formFromDiscovery(alice.email, chosen.incoming, chosen.outgoing);
    expect(form.incoming).toEqual({ protocol: 'imap', host: 'imap.tegami.test', port: '993', security: 'tls', username: 'alice@tegami.test' });
    expect(form.outgoing).toEqual({ host: 'smtp.tegami.test', port: '465', security: 'tls', username: 'alice@tegami.test' });
  });

  it('keeps the manual guess for a side that was not found', () => {
    const form = formFromDiscovery('taro@gmail.com', gmailDiscovery.incoming[0], undefined);
    expect(form.incoming.host).toBe('imap.gmail.com');
    expect(form.outgoing.host).toBe('smtp.gmail.com');
    expect(form.outgoing.port).toBe('465');
  });
});

describe('ports follow protocol and security', () => {
  it('moves a default port along and renames imap. to pop.', () => {
    const pop = withIncomingProtocol(manualForm(alice.email), 'pop3');
    expect(pop.incoming).toMatchObject({ protocol: 'pop3', port: '995', host: 'pop.tegami.test' });
    expect(withSecurity(pop, 'incoming', 'starttls').incoming.port).toBe('110');
    expect(withSecurity(manualForm(alice.email), 'outgoing', 'starttls').outgoing.port).toBe('587');
    expect(defaultPort('imap', 'none')).toBe(143);
  });

  it('keeps a port the user typed', () => {
    const form = manualForm(alice.email);
    const custom = { ...form, incoming: { ...form.incoming, port: '10993' } };
    expect(withSecurity(custom, 'incoming', 'starttls').incoming.port).toBe('10993');
  });
});

describe('checks before sending', () => {
  it('wants a plausible address', () => {
    expect(identityProblems({ ...alice, email: '' })).toEqual({ email: 'wizard.error.required' });
    expect(identityProblems({ ...alice, email: 'alice at tegami.test' })).toEqual({ email: 'wizard.error.address' });
    expect(identityProblems(alice)).toEqual({});
  });

  it('names each bad field', () => {
    const form = manualForm(alice.email);
    const bad = {
      ...form,
      incoming: { ...form.incoming, host: 'https://imap.tegami.test', port: '99999' },
      outgoing: { ...form.outgoing, username: ' ' },
      separateOutgoingPassword: true,
    };
    expect(settingsProblems({ ...alice, password: '' }, bad, false)).toEqual({
      password: 'wizard.error.password',
      incomingHost: 'wizard.error.host',
      incomingPort: 'wizard.error.port',
      outgoingUsername: 'wizard.error.required',
      outgoingPassword: 'wizard.error.password',
    });
  });

  it('needs no password after a browser sign-in', () => {
    expect(settingsProblems({ ...alice, password: '' }, manualForm(alice.email), true)).toEqual({});
  });

  it('checks the POP3 days only when messages stay on the server', () => {
    const pop = { ...withIncomingProtocol(manualForm(alice.email), 'pop3'), deleteAfterDays: 'soon' };
    expect(settingsProblems(alice, pop, false)).toEqual({ deleteAfterDays: 'wizard.error.days' });
    expect(settingsProblems(alice, { ...pop, leaveOnServer: false }, false)).toEqual({});
  });
});

describe('NewAccount', () => {
  it('builds an IMAP account with one password', () => {
    const chosen = guessDiscovery.chosen!;
    const account = buildNewAccount(alice, formFromDiscovery(alice.email, chosen.incoming, chosen.outgoing), { pins: NO_PINS, oauthGrantId: null });
    expect(account).toEqual({
      name: 'Alice Liddell',
      email: 'alice@tegami.test',
      incoming: { protocol: 'imap', host: 'imap.tegami.test', port: 993, security: 'tls', username: 'alice@tegami.test' },
      outgoing: { host: 'smtp.tegami.test', port: 465, security: 'tls', username: 'alice@tegami.test' },
      pop3: null,
      caFile: null,
      password: 'secret',
      outgoingPassword: null,
    });
  });

  it('carries the POP3 policy, a sending password and pins', () => {
    const form = { ...withIncomingProtocol(manualForm(alice.email), 'pop3'), deleteAfterDays: '14', separateOutgoingPassword: true, outgoingPassword: 'send-secret' };
    const account = buildNewAccount(alice, form, { pins: { incoming: 'AA:BB', outgoing: null }, oauthGrantId: null });
    expect(account.pop3).toEqual({ leaveOnServer: true, deleteAfterDays: 14, deleteWhenDeletedHere: true });
    expect(buildNewAccount(alice, { ...form, deleteWhenDeletedHere: false }, { pins: NO_PINS, oauthGrantId: null }).pop3?.deleteWhenDeletedHere).toBe(false);
    expect(account.outgoingPassword).toBe('send-secret');
    expect(account.pinnedSha256).toEqual({ incoming: 'AA:BB', outgoing: null });
    expect(buildNewAccount(alice, { ...form, leaveOnServer: false }, { pins: NO_PINS, oauthGrantId: null }).pop3).toEqual({ leaveOnServer: false, deleteAfterDays: null });
  });

  it('logs in with OAuth2 instead of a password after a browser sign-in', () => {
    const account = buildNewAccount({ ...alice, password: 'typed anyway' }, manualForm(alice.email), { pins: NO_PINS, oauthGrantId: 'grant-1' });
    expect(account).toMatchObject({ auth: 'oauth2', oauthGrantId: 'grant-1', password: '', outgoingPassword: null });
  });

  it('refuses incomplete settings', () => {
    expect(() => buildNewAccount({ ...alice, password: '' }, manualForm(alice.email), { pins: NO_PINS, oauthGrantId: null })).toThrow(/password/);
  });
});

describe('editing a saved account', () => {
  const pop: Account = {
    id: 'acct-9',
    name: 'Alice',
    email: 'alice@example.jp',
    incoming: { protocol: 'pop3', host: 'pop.example.jp', port: 995, security: 'tls', username: 'alice' },
    outgoing: { host: 'smtp.example.jp', port: 587, security: 'starttls', username: 'alice' },
    pop3: { leaveOnServer: true, deleteAfterDays: 14, deleteWhenDeletedHere: false },
    caFile: '/ca.pem',
  };
  const identity = { name: 'Alice', email: 'alice@example.jp', password: '' };

  it('fills the form from the account and builds the same settings back, without a password', () => {
    const form = formFromAccount(pop);
    expect(form).toMatchObject({ incoming: { protocol: 'pop3', host: 'pop.example.jp', port: '995' }, leaveOnServer: true, deleteAfterDays: '14', deleteWhenDeletedHere: false, outgoingPassword: '' });
    expect(settingsProblems(identity, form, false, true)).toEqual({});
    expect(settingsProblems(identity, form, false)).toHaveProperty('password');
    const { id: _id, ...settings } = pop;
    expect(buildAccountChanges(pop, identity, form, NO_PINS)).toEqual(settings);
  });

  it('sends only the passwords that were typed', () => {
    const form = { ...formFromAccount(pop), separateOutgoingPassword: true, outgoingPassword: 'smtp-secret' };
    expect(buildAccountChanges(pop, { ...identity, password: 'new' }, form, NO_PINS)).toMatchObject({ password: 'new', outgoingPassword: 'smtp-secret' });
    expect(buildAccountChanges(pop, identity, { ...form, outgoingPassword: '' }, NO_PINS)).not.toHaveProperty('outgoingPassword');
    // A browser sign-in has no password to send, and keeps its kind.
    expect(buildAccountChanges({ ...pop, auth: 'oauth2' }, { ...identity, password: 'ignored' }, form, NO_PINS)).toMatchObject({ auth: 'oauth2' });
    expect(buildAccountChanges({ ...pop, auth: 'oauth2' }, { ...identity, password: 'ignored' }, form, NO_PINS)).not.toHaveProperty('password');
  });
});

/**
 * An account on the test stack by its addresses (no discovery): IMAP with implicit TLS and the
 * submission port, the stack's CA trusted for it, the user's password from the descriptor.
 */
import type { NewAccount } from '../../core/api/contract.js';
import type { ServersDescriptor } from './descriptor.js';

const DISPLAY_NAMES = { alice: 'Alice Liddell', bob: 'Bob' } as const;

export function stackAccount(servers: ServersDescriptor, user: keyof typeof DISPLAY_NAMES, overrides: Partial<NewAccount> = {}): NewAccount {
  const imap = servers.imap.tls;
  const smtp = servers.smtp.submission;
  const { address, password } = servers.users[user];
  return {
    name: DISPLAY_NAMES[user],
    email: address,
    incoming: { protocol: 'imap', host: imap.host, port: imap.port, security: imap.security, username: address },
    outgoing: { host: smtp.host, port: smtp.port, security: smtp.security, username: address },
    pop3: null,
    caFile: servers.caFile,
    password,
    outgoingPassword: null,
    ...overrides,
  };
}

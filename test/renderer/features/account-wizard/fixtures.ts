/**
 * Real-shaped service answers for the wizard's tests: what core/api/account-setup.ts returns for
 * a guess-only domain (the test stack), a provider-database domain with OAuth2, and a domain
 * with nothing, plus login checks as core/accounts/verify.ts reports them.
 */
import type { AccountDiscovery, AccountVerification, CertificateInfo, DiscoveredServer, SideVerification } from '../../../../core/api/contract.js';

export function server(overrides: Partial<DiscoveredServer> & Pick<DiscoveredServer, 'protocol' | 'host' | 'port'>): DiscoveredServer {
  return {
    security: 'tls',
    username: 'alice@tegami.test',
    auth: ['password-cleartext'],
    source: 'guess',
    sourceDetail: `probed ${overrides.host}:${overrides.port} (tls, TLSv1.3)`,
    alsoFrom: [],
    warning: null,
    ...overrides,
  };
}

const imapGuess = server({ protocol: 'imap', host: 'imap.tegami.test', port: 993 });
const pop3Guess = server({ protocol: 'pop3', host: 'pop.tegami.test', port: 995 });
const smtpGuess = server({ protocol: 'smtp', host: 'smtp.tegami.test', port: 465 });
const smtpStarttls = server({ protocol: 'smtp', host: 'smtp.tegami.test', port: 587, security: 'starttls', sourceDetail: 'probed smtp.tegami.test:587 (starttls, TLSv1.3)' });

export const guessDiscovery: AccountDiscovery = {
  address: 'alice@tegami.test',
  domain: 'tegami.test',
  incoming: [imapGuess, pop3Guess],
  outgoing: [smtpGuess, smtpStarttls],
  chosen: { incoming: imapGuess, outgoing: smtpGuess },
  manual: false,
  message: 'Found settings by guessing: imap imap.tegami.test:993, smtp smtp.tegami.test:465.',
  steps: [
    { step: 'provider-database', target: 'tegami.test', status: 'nothing', message: 'tegami.test is not in the provider database', durationMs: 1 },
    { step: 'autoconfig', target: 'https://autoconfig.tegami.test/mail/config-v1.1.xml?emailaddress=alice%40tegami.test', status: 'failed', message: 'ENOTFOUND: getaddrinfo ENOTFOUND autoconfig.tegami.test', durationMs: 12 },
    { step: 'autoconfig-well-known', target: 'https://tegami.test/.well-known/autoconfig/mail/config-v1.1.xml', status: 'failed', message: 'ECONNREFUSED: connect ECONNREFUSED', durationMs: 9 },
    { step: 'mx', target: 'tegami.test', status: 'nothing', message: 'no MX records', durationMs: 30 },
    { step: 'srv', target: '_imaps._tcp.tegami.test, _submissions._tcp.tegami.test, …', status: 'timeout', message: 'no answer within 3000 ms', durationMs: 3000 },
    { step: 'guess', target: 'imap.tegami.test, pop.tegami.test, smtp.tegami.test, mail.tegami.test, tegami.test', status: 'found', message: 'imap imap.tegami.test:993, pop3 pop.tegami.test:995, smtp smtp.tegami.test:465', durationMs: 2400 },
  ],
  notes: [],
  verification: null,
};

const gmailImap = server({
  protocol: 'imap',
  host: 'imap.gmail.com',
  port: 993,
  username: 'taro@gmail.com',
  auth: ['OAuth2', 'password-cleartext'],
  source: 'provider-database',
  sourceDetail: 'google.com',
});
const gmailSmtp = server({ protocol: 'smtp', host: 'smtp.gmail.com', port: 465, username: 'taro@gmail.com', auth: ['OAuth2', 'password-cleartext'], source: 'provider-database', sourceDetail: 'google.com' });

export const gmailDiscovery: AccountDiscovery = {
  address: 'taro@gmail.com',
  domain: 'gmail.com',
  incoming: [gmailImap],
  outgoing: [gmailSmtp],
  chosen: { incoming: gmailImap, outgoing: gmailSmtp },
  manual: false,
  message: 'Found settings in the provider database (google.com).',
  steps: [{ step: 'provider-database', target: 'gmail.com', status: 'found', message: 'imap imap.gmail.com:993, smtp smtp.gmail.com:465', durationMs: 2 }],
  notes: [{ text: 'Turn on 2-Step Verification and use an app password, or sign in with Google.', url: 'https://support.google.com/mail/answer/185833' }],
  verification: null,
};

export const nothingDiscovery: AccountDiscovery = {
  address: 'ken@nowhere.example',
  domain: 'nowhere.example',
  incoming: [],
  outgoing: [],
  chosen: null,
  manual: true,
  message: 'No settings were found for nowhere.example; enter them by hand.',
  steps: [
    { step: 'provider-database', target: 'nowhere.example', status: 'nothing', message: 'not in the provider database', durationMs: 1 },
    { step: 'guess', target: 'imap.nowhere.example, …', status: 'nothing', message: 'no server answered', durationMs: 5000 },
  ],
  notes: [],
  verification: null,
};

export const stackCertificate: CertificateInfo = {
  subject: 'CN=imap.tegami.test',
  issuer: 'CN=Tegami Test CA',
  validFrom: '2026-11-01T00:00:00.000Z',
  validTo: '2027-11-01T00:00:00.000Z',
  altNames: ['imap.tegami.test', 'smtp.tegami.test'],
  sha256Fingerprint: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
};

export function side(name: 'incoming' | 'outgoing', status: SideVerification['status'], extra: Partial<SideVerification> = {}): SideVerification {
  const host = name === 'incoming' ? 'imap.tegami.test:993' : 'smtp.tegami.test:465';
  const messages: Record<SideVerification['status'], string> = {
    ok: `Logged in to ${host}.`,
    'wrong-password': `${host} refused the user name or password (AUTHENTICATIONFAILED).`,
    tls: `The certificate of ${host} is not trusted.`,
    unreachable: `Could not connect to ${host} (ECONNREFUSED).`,
    timeout: `${host} did not answer within 15000 ms.`,
    'auth-unsupported': `${host} offers no usable login method.`,
    server: `${host} answered with an error.`,
  };
  const codes: Record<SideVerification['status'], string | null> = {
    ok: null,
    'wrong-password': 'auth-failed',
    tls: 'certificate-untrusted',
    unreachable: 'connection-refused',
    timeout: 'timeout',
    'auth-unsupported': 'auth-unsupported',
    server: 'server-error',
  };
  return { side: name, server: host, status, code: codes[status], message: messages[status], certificate: null, ...extra };
}

export function verification(incoming: SideVerification, outgoing: SideVerification): AccountVerification {
  return { ok: incoming.status === 'ok' && outgoing.status === 'ok', incoming, outgoing };
}

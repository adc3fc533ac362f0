/**
 * A throwaway CA and a server certificate for localhost / 127.0.0.1 / 127.0.0.2, made with openssl at every
 * start, so tests verify TLS for real (tls.connect with `ca` and servername 'localhost') instead
 * of switching verification off. The certificate also names the mail domain (tegami.test and
 * *.tegami.test), as a real provider's does: the end-to-end tests resolve imap./smtp./mail.tegami.test
 * to the stack and let the account wizard guess and verify those names.
 */
import { writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './exec.js';

export interface Certificates {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** Two days: long enough for any run, short enough that a leaked file is worthless. */
const VALID_DAYS = '2';

const SERVER_EXTENSIONS = [
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature, keyEncipherment',
  'extendedKeyUsage = serverAuth',
  'subjectAltName = DNS:localhost, DNS:tegami.test, DNS:*.tegami.test, IP:127.0.0.1, IP:127.0.0.2',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid',
  '',
].join('\n');

export async function makeCertificates(dir: string): Promise<Certificates> {
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'server.key');
  const csrFile = join(dir, 'server.csr');
  const certFile = join(dir, 'server.pem');
  const extFile = join(dir, 'server.ext');

  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', VALID_DAYS,
    '-keyout', caKey, '-out', caFile,
    '-subj', '/O=Tegami tests/CN=Tegami Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', [
    'req', '-newkey', 'rsa:2048', '-nodes', '-sha256',
    '-keyout', keyFile, '-out', csrFile, '-subj', '/O=Tegami tests/CN=localhost',
  ]);
  await writeFile(extFile, SERVER_EXTENSIONS);
  await run('openssl', [
    'x509', '-req', '-sha256', '-days', VALID_DAYS, '-in', csrFile,
    '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-out', certFile, '-extfile', extFile,
  ]);
  // Both servers read the key as root before dropping privileges; nobody else needs it.
  await chmod(keyFile, 0o600);
  await chmod(caKey, 0o600);
  await chmod(caFile, 0o644);
  await chmod(certFile, 0o644);
  return { caFile, certFile, keyFile };
}

/**
 * Throwaway certificates for TLS fault tests, made with the openssl command line: a CA, a valid
 * leaf for localhost/127.0.0.1, an expired leaf, a leaf for another host, and a self-signed one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  readonly caCert: string;
  readonly valid: { readonly key: string; readonly cert: string };
  readonly expired: { readonly key: string; readonly cert: string };
  readonly wrongHost: { readonly key: string; readonly cert: string };
  readonly selfSigned: { readonly key: string; readonly cert: string };
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'tegami-certs-'));
  try {
    const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    openssl(dir, ['req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Tegami Fault Test CA']);
    const leaf = (name: string, cn: string, san: string, days: string): { key: string; cert: string } => {
      openssl(dir, ['req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
      writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
      openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', days, '-extfile', `${name}.ext`]);
      return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
    };
    const valid = leaf('valid', 'localhost', 'DNS:localhost,IP:127.0.0.1', '2');
    const expired = leaf('expired', 'localhost', 'DNS:localhost,IP:127.0.0.1', '-1');
    const wrongHost = leaf('wrong', 'mail.example.org', 'DNS:mail.example.org', '2');
    openssl(dir, ['req', '-x509', ...key, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
    return {
      caCert: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      valid,
      expired,
      wrongHost,
      selfSigned: { key: readFileSync(join(dir, 'self.key'), 'utf8'), cert: readFileSync(join(dir, 'self.pem'), 'utf8') },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

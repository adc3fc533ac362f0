import { readFile } from 'node:fs/promises';
import { ImapClient } from '../imap/client.js';
import { connect } from '../net/connect.js';
import { MailError } from '../net/mail-error.js';
import type { Transcript } from '../net/transcript.js';

export interface ImapEndpoint {
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls' | 'none';
  readonly user: string;
  /** One of password and accessToken (OAuth2: XOAUTH2/OAUTHBEARER). */
  readonly password?: string | undefined;
  readonly accessToken?: string | undefined;
  /** PEM file of an extra CA to trust. */
  readonly caFile?: string | undefined;
  /** The certificate the user accepted (SHA-256), consulted when verification fails. */
  readonly pinnedSha256?: string | undefined;
  /** Records the session here, so the caller still has it when the connection or login fails. */
  readonly transcript?: Transcript | undefined;
}

/** Opens a logged-in session with the extensions the sync uses, when offered. */
export async function connectImap(endpoint: ImapEndpoint): Promise<ImapClient> {
  let ca: Buffer | undefined;
  if (endpoint.caFile !== undefined) {
    try {
      ca = await readFile(endpoint.caFile);
    } catch (error) {
      throw new MailError('invalid-argument', `Could not read the CA file ${endpoint.caFile}.`, { cause: error });
    }
  }
  return ImapClient.connect({
    host: endpoint.host,
    port: endpoint.port,
    security: endpoint.security,
    ...(ca !== undefined ? { ca } : {}),
    ...(endpoint.pinnedSha256 !== undefined ? { pinnedSha256: endpoint.pinnedSha256 } : {}),
    auth: endpoint.accessToken !== undefined ? { user: endpoint.user, accessToken: endpoint.accessToken } : { user: endpoint.user, password: endpoint.password ?? '' },
    // QRESYNC must be enabled before a mailbox is selected (RFC 7162 §3.2.3); it implies CONDSTORE.
    enable: ['QRESYNC', 'CONDSTORE', 'UTF8=ACCEPT'],
    ...(endpoint.transcript !== undefined ? { connector: transcribedConnector(endpoint.transcript) } : {}),
  });
}

/** core/net's connect, recording into the caller's transcript instead of a fresh one. */
function transcribedConnector(transcript: Transcript): typeof connect {
  return (options) => connect({ ...options, transcript });
}

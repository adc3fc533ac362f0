import * as net from 'node:net';
import * as tls from 'node:tls';
import { Connection, finishHandshake, tlsTrust, describeTls, type ConnectionOptions, type Security } from './connection.js';
import { DEFAULT_TIMEOUTS } from './limits.js';
import { MailError } from './mail-error.js';
import { Transcript } from './transcript.js';

export interface ConnectOptions extends Omit<ConnectionOptions, 'tls'> {
  readonly port: number;
}

/** Opens connections; protocol clients accept one so tests can hand in fakes. */
export type Connector = (options: ConnectOptions) => Promise<Connection>;

const SECURITIES: readonly Security[] = ['tls', 'starttls', 'none'];

function validate(options: ConnectOptions): void {
  if (typeof options.host !== 'string' || options.host.length === 0 || /[\s\0]/.test(options.host)) {
    throw new MailError('invalid-argument', `"${String(options.host)}" is not a valid host name.`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new MailError('invalid-argument', `${String(options.port)} is not a valid port (1-65535).`);
  }
  if (!SECURITIES.includes(options.security)) {
    throw new MailError('invalid-argument', `Security must be one of ${SECURITIES.join(', ')}.`);
  }
}

function socketError(error: NodeJS.ErrnoException, options: ConnectOptions): MailError {
  const where = `${options.host}:${options.port}`;
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' || error.code === 'EAI_NODATA') {
    return new MailError('dns-failed', `The host name ${options.host} could not be resolved.`, { cause: error, transient: error.code === 'EAI_AGAIN' });
  }
  return new MailError('connect-failed', `Could not connect to ${where}: ${error.code ?? error.message}.`, { cause: error, transient: true });
}

/**
 * Opens a TCP connection, encrypted from the first byte when security is 'tls'. With
 * 'starttls' the connection starts in plain text and the protocol client must upgrade it (and
 * fail with 'starttls-unavailable' when the server does not offer STARTTLS); with 'none' it
 * stays plain and refuses credentials unless allowInsecureAuth is set.
 */
export const connect: Connector = async (options) => {
  validate(options);
  if (options.signal?.aborted) throw new MailError('cancelled', 'The operation was cancelled.');
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const transcript = options.transcript ?? new Transcript();
  transcript.info(`connecting to ${options.host}:${options.port} (${options.security})`);

  const tcp = await new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ host: options.host, port: options.port });
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onConnect = (): void => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      cleanup();
      socket.destroy();
      reject(socketError(error, options));
    };
    const onAbort = (): void => {
      cleanup();
      socket.destroy();
      reject(new MailError('cancelled', 'The operation was cancelled.'));
    };
    const timer = setTimeout(() => {
      cleanup();
      socket.destroy();
      reject(new MailError('connect-timeout', `Connecting to ${options.host}:${options.port} timed out.`, { transient: true }));
    }, timeouts.connect);
    socket.once('connect', onConnect);
    socket.once('error', onError);
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  tcp.setNoDelay(true);
  tcp.setKeepAlive(true, 60_000);
  transcript.info(`connected to ${tcp.remoteAddress ?? options.host}:${tcp.remotePort ?? options.port}`);

  if (options.security !== 'tls') return new Connection(tcp, { ...options, transcript });

  const { ca, servername } = tlsTrust(options);
  const secure = tls.connect({
    socket: tcp,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
    ...(servername ? { servername } : {}),
    ...(ca ? { ca } : {}),
  });
  try {
    const info = await finishHandshake(secure, options, timeouts.connect);
    transcript.info(describeTls(info));
    return new Connection(secure, { ...options, transcript, tls: info });
  } catch (error) {
    secure.destroy();
    tcp.destroy();
    throw error;
  }
};

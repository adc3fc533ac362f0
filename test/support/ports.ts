import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago and is closed now (bound, then released):
 * connecting to it is refused at once, which is how a test meets a server that is down.
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

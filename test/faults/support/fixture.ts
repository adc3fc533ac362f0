import { afterEach, beforeAll } from 'vitest';
import { makeTestCertificates, type TestCertificates } from './certs.js';
import { startScriptedServer, type ScriptedPeer, type ScriptedServer, type ScriptedServerOptions } from './scripted-server.js';

export interface ScriptedServerFixture {
  /** Test certificates, made once per file (in beforeAll). */
  readonly certs: TestCertificates;
  /** Starts a scripted server that is closed again after the current test. */
  start(script: (peer: ScriptedPeer) => Promise<void>, options?: ScriptedServerOptions): Promise<ScriptedServer>;
}

/**
 * The setup every fault test file shares: registers, in the calling file, a beforeAll that makes
 * the test certificates and an afterEach that closes the servers the test started.
 */
export function useScriptedServers(): ScriptedServerFixture {
  let certs: TestCertificates | undefined;
  const started: ScriptedServer[] = [];
  beforeAll(() => {
    certs = makeTestCertificates();
  });
  afterEach(async () => {
    for (const server of started.splice(0)) await server.close();
  });
  return {
    get certs(): TestCertificates {
      if (certs === undefined) throw new Error('the test certificates are made in beforeAll; use them inside tests');
      return certs;
    },
    async start(script, options) {
      const server = await startScriptedServer(script, options);
      started.push(server);
      return server;
    },
  };
}

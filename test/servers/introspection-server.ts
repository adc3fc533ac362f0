/**
 * The stack's OAuth 2.0 token introspection endpoint (RFC 7662), run as its own detached process
 * (`node --import tsx introspection-server.ts <config.json>`) so it outlives the test run that
 * started it, like Postfix and Dovecot. Dovecot's oauth2 passdb POSTs `token=…` here for every
 * XOAUTH2 / OAUTHBEARER login and lets the user in when the answer says `"active": true` and
 * names that user.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isActive, parseIntrospectionConfig, type IntrospectionConfig } from './introspection.js';

/** A form body carrying one token is tiny; anything larger is not Dovecot talking. */
const MAX_BODY_BYTES = 16 * 1024;

function answer(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** RFC 7662 §2.2: everything about an inactive (unknown, expired, revoked) token is withheld. */
async function introspect(config: IntrospectionConfig, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.url !== config.path) return answer(response, 404, { error: 'not_found' });
  if (request.method !== 'POST') return answer(response, 405, { error: 'invalid_request' });
  const body = await readBody(request);
  if (body === undefined) return answer(response, 413, { error: 'invalid_request' });
  // RFC 7662 §2.1: the token arrives as application/x-www-form-urlencoded "token".
  const token = new URLSearchParams(body).get('token');
  if (token === null || token === '') return answer(response, 400, { error: 'invalid_request' });
  const grant = config.tokens[token];
  const now = Math.floor(Date.now() / 1000);
  if (grant === undefined || !isActive(grant, now)) return answer(response, 200, { active: false });
  answer(response, 200, { active: true, username: grant.username, scope: grant.scope, token_type: 'Bearer', exp: grant.exp, client_id: 'tegami' });
}

const configFile = process.argv[2];
if (configFile === undefined) throw new Error('usage: introspection-server.ts <config.json>');
const config = parseIntrospectionConfig(readFileSync(configFile, 'utf8'));
const server = createServer((request, response) => {
  introspect(config, request, response).catch((error: unknown) => {
    process.stderr.write(`introspection failed: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!response.headersSent) answer(response, 500, { error: 'server_error' });
    else response.destroy();
  });
});
server.listen({ host: config.host, port: config.port, exclusive: true }, () => {
  process.stdout.write(`introspection listening on ${config.host}:${config.port}\n`);
});
server.on('error', (error) => {
  process.stderr.write(`introspection server: ${error.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  // Dovecot's HTTP client keeps its connection alive; close() alone would wait for it forever.
  server.closeAllConnections();
});

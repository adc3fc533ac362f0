import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary directory per call, removed after the test. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tegami-maildir-'));
    made.push(dir);
    return dir;
  };
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function message(subject: string, body = 'Hello.\n'): Uint8Array {
  return bytes(`From: a@example.com\nTo: b@example.com\nSubject: ${subject}\nMessage-ID: <${subject.replace(/\W/g, '')}@example.com>\n\n${body}`);
}

/**
 * The large message the crash test delivers: a header, then numbered lines, so a prefix of it
 * is recognisable and any truncation shows.
 */
export function largeMessage(lines: number): Buffer {
  const parts = ['From: crash@example.com\nSubject: crash test\n\n'];
  for (let i = 0; i < lines; i++) parts.push(`line ${String(i).padStart(8, '0')} ${'x'.repeat(100)}\n`);
  parts.push('END\n');
  return Buffer.from(parts.join(''));
}

import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { MAX_LAUNCH_REQUESTS, requestFromOpenFile, requestFromOpenUrl, requestsFromArgv } from '../../../electron/main/launch-args.js';

describe('requestsFromArgv', () => {
  it('finds mailto: URLs and .eml files, skipping the executable and switches', () => {
    const argv = ['C:\\Program Files\\Tegami\\Tegami.exe', '--allow-file-access-from-files', '--original-process-start-time=1', 'mailto:a@example.com?subject=hi', 'C:\\Users\\me\\Desktop\\Invoice.EML', 'readme.txt'];
    const cwd = resolve('/home/me');
    expect(requestsFromArgv(argv, cwd)).toEqual([
      { kind: 'compose', url: 'mailto:a@example.com?subject=hi' },
      { kind: 'open-message', path: resolve(cwd, 'C:\\Users\\me\\Desktop\\Invoice.EML') },
    ]);
  });

  it('resolves relative .eml paths against the working directory of the starting command', () => {
    const cwd = resolve('/tmp/mail');
    expect(requestsFromArgv(['tegami', 'saved/message.eml', '/abs/other.eml'], cwd)).toEqual([
      { kind: 'open-message', path: resolve(cwd, 'saved/message.eml') },
      { kind: 'open-message', path: resolve('/abs/other.eml') },
    ]);
  });

  it('does not treat the executable itself or a switch carrying a mailto: value as a request', () => {
    expect(requestsFromArgv(['mailto:looks-like@example.com'], '/')).toEqual([]);
    expect(requestsFromArgv(['tegami', '--url=mailto:x@example.com', '-eml', ''], '/')).toEqual([]);
  });

  it('accepts the scheme in any case and caps the number of requests', () => {
    expect(requestsFromArgv(['tegami', 'MAILTO:x@example.com'], '/')).toEqual([{ kind: 'compose', url: 'MAILTO:x@example.com' }]);
    const many = ['tegami', ...Array.from({ length: 50 }, (_, i) => `/m/${i}.eml`)];
    expect(requestsFromArgv(many, '/')).toHaveLength(MAX_LAUNCH_REQUESTS);
  });
});

describe('macOS open-url / open-file', () => {
  it('routes mailto: to the composer and ignores other schemes', () => {
    expect(requestFromOpenUrl('mailto:b@example.com')).toEqual({ kind: 'compose', url: 'mailto:b@example.com' });
    expect(requestFromOpenUrl('https://example.com/')).toBeUndefined();
    expect(requestFromOpenUrl('tegami://x')).toBeUndefined();
  });

  it('opens absolute .eml paths only', () => {
    const path = resolve('/Users/me/Downloads/a.eml');
    expect(requestFromOpenFile(path)).toEqual({ kind: 'open-message', path });
    expect(requestFromOpenFile('relative.eml')).toBeUndefined();
    expect(requestFromOpenFile(resolve('/Users/me/a.pdf'))).toBeUndefined();
    expect(requestFromOpenFile(resolve('/Users/me/bad\nname.eml'))).toBeUndefined();
  });
});

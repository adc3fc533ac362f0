import { describe, expect, it } from 'vitest';
import { LaunchRouter, MAX_PENDING_LAUNCH_REQUESTS, type LaunchTargets } from '../../../electron/main/launch-router.js';
import { requestFromOpenFile, requestFromOpenUrl, requestsFromArgv } from '../../../electron/main/launch-args.js';

function recorder(): { targets: LaunchTargets; log: string[] } {
  const log: string[] = [];
  return {
    log,
    targets: {
      openComposer: (draft) => log.push(`compose to=${draft.to.join(',')} subject=${draft.subject} body=${JSON.stringify(draft.body)}`),
      openMessageFile: (path) => log.push(`message ${path}`),
      reportError: (error) => log.push(`error ${error.code}`),
    },
  };
}

describe('LaunchRouter', () => {
  it('holds requests that arrive before ready (macOS open-url/open-file) and delivers them in order', () => {
    const router = new LaunchRouter();
    const { targets, log } = recorder();
    router.submit(requestFromOpenUrl('mailto:a@example.com?subject=%E4%BB%B6%E5%90%8D&body=1%0D%0A2'));
    router.submit(requestFromOpenFile('/Users/me/m.eml'));
    router.submit(requestFromOpenUrl('https://example.com/'));
    expect(log).toEqual([]);
    router.ready(targets);
    expect(log).toEqual(['compose to=a@example.com subject=件名 body="1\\n2"', 'message /Users/me/m.eml']);
  });

  it('delivers at once after ready, from a second instance command line', () => {
    const router = new LaunchRouter();
    const { targets, log } = recorder();
    router.ready(targets);
    router.submitAll(requestsFromArgv(['Tegami.exe', '--flag', 'mailto:x@example.com,y@example.com'], '/'));
    expect(log).toEqual(['compose to=x@example.com,y@example.com subject= body=""']);
  });

  it('reports a malformed mailto: link as a typed error instead of opening anything', () => {
    const router = new LaunchRouter();
    const { targets, log } = recorder();
    router.ready(targets);
    router.submit({ kind: 'compose', url: 'mailto:a@example.com?subject=%0D%0ABcc:evil@example.com' });
    router.submit({ kind: 'compose', url: 'mailto:%E3' });
    expect(log).toEqual(['error invalid-argument', 'error invalid-argument']);
  });

  it('drops requests beyond the pending limit', () => {
    const router = new LaunchRouter();
    const { targets, log } = recorder();
    for (let i = 0; i < MAX_PENDING_LAUNCH_REQUESTS + 10; i++) router.submit({ kind: 'open-message', path: `/m/${i}.eml` });
    router.ready(targets);
    expect(log).toHaveLength(MAX_PENDING_LAUNCH_REQUESTS);
  });
});

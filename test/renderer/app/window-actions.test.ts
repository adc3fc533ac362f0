import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { NativeResult, WindowRequest } from '../../../core/api/contract.js';
import { windowActions } from '../../../renderer/src/app/window-actions.js';
import type { WindowEvent } from '../../../renderer/src/app/window-state.js';
import { TegamiIndex } from '../../../renderer/src/data/db.js';
import { translator } from '../../../renderer/src/i18n/catalogs.js';

function setup(kind: 'electron' | 'web', answer: () => Promise<NativeResult>) {
  const events: WindowEvent[] = [];
  const asked: WindowRequest[] = [];
  const api = {
    openWindow: (request: WindowRequest) => {
      asked.push(request);
      return answer();
    },
  };
  const actions = windowActions((event) => events.push(event), new TegamiIndex('window-actions-test'), translator('en'), { api, kind });
  return { actions, events, asked };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const reply = { mode: 'reply', messageId: 'acct/INBOX/7' } as const;

describe('opening the composer', () => {
  it('asks Electron for a window of its own and shows no panel when it opens', async () => {
    const { actions, events, asked } = setup('electron', async () => ({ status: 'done' }));
    actions.openComposer(reply);
    await flush();
    expect(asked).toEqual([{ kind: 'compose', start: reply }]);
    expect(events).toEqual([]);
  });

  it('falls back to the panel when the host has no windows or fails, saying why it failed', async () => {
    const unsupported = setup('electron', async () => ({ status: 'unsupported' }));
    unsupported.actions.openComposer(reply);
    await flush();
    expect(unsupported.events).toEqual([{ type: 'composer', init: reply }]);

    const failing = setup('electron', () => Promise.reject(new Error('no display')));
    failing.actions.openComposer(reply);
    await flush();
    expect(failing.events[0]).toEqual({ type: 'composer', init: reply });
    expect(failing.events[1]).toMatchObject({ type: 'notice' });
  });

  it('uses the panel on the web without asking the host', async () => {
    const { actions, events, asked } = setup('web', async () => ({ status: 'done' }));
    actions.openComposer(reply);
    await flush();
    expect(asked).toEqual([]);
    expect(events).toEqual([{ type: 'composer', init: reply }]);
  });
});

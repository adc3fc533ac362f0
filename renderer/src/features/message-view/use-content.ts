import { useCallback, useEffect, useState } from 'react';
import type { MessageContent } from '../../../../core/api/contract.js';
import { toBridgeError, type BridgeError } from '../../bridge/errors.js';

export type ContentState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: BridgeError }
  | { readonly phase: 'ready'; readonly content: MessageContent };

/**
 * Loads a message's content with `load` whenever `key` changes; a late answer for an earlier
 * key is dropped, and `retry` asks again after a failure.
 */
export function useContent(key: string | null, load: (key: string) => Promise<MessageContent>): { state: ContentState; retry: () => void } {
  const [state, setState] = useState<ContentState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState({ phase: 'loading' });
    load(key).then(
      (content) => current && setState({ phase: 'ready', content }),
      (reason: unknown) => current && setState({ phase: 'failed', error: toBridgeError(reason) }),
    );
    return () => {
      current = false;
    };
    // `load` is recreated on every render; the key and the attempt alone decide a reload.
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

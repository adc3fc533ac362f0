import type { RequestArgs, RequestName, RequestResult, TegamiRequests } from '../../../core/api/contract.js';

export type Call = <M extends RequestName>(method: M, args: RequestArgs<M>) => Promise<RequestResult<M>>;

/**
 * The contract's requests over one `call` function. Listing each method here (rather than a
 * Proxy) keeps it typed end to end: a new contract method is a compile error until added.
 */
export function requestsOver(call: Call): TegamiRequests {
  return {
    getAppInfo: () => call('getAppInfo', []),
    getSettings: () => call('getSettings', []),
    updateSettings: (patch) => call('updateSettings', [patch]),
  };
}

import { MailtoError, parseMailto, type MailtoDraft } from '../../core/message/mailto.js';
import { MailError } from '../../core/net/mail-error.js';
import type { LaunchRequest } from './launch-args.js';

/**
 * Routes what the OS asks Tegami to open to the windows that show it. macOS sends
 * 'open-url'/'open-file' before the app is ready (a link clicked while Tegami was not running),
 * so requests are held until `ready()` and then delivered in order.
 */
export interface LaunchTargets {
  openComposer(draft: MailtoDraft): void;
  openMessageFile(path: string): void;
  /** A request that cannot be honoured (a malformed mailto: link): tell the user, never crash. */
  reportError(error: MailError): void;
}

/** Held requests before ready; more are dropped (a flood of open events is not a user action). */
export const MAX_PENDING_LAUNCH_REQUESTS = 50;

export class LaunchRouter {
  #pending: LaunchRequest[] = [];
  #targets: LaunchTargets | undefined;

  /** Delivers now when ready, otherwise holds the request. */
  submit(request: LaunchRequest | undefined): void {
    if (request === undefined) return;
    if (this.#targets === undefined) {
      if (this.#pending.length < MAX_PENDING_LAUNCH_REQUESTS) this.#pending.push(request);
      return;
    }
    this.#deliver(request, this.#targets);
  }

  submitAll(requests: readonly LaunchRequest[]): void {
    for (const request of requests) this.submit(request);
  }

  /** Windows can be opened from now on; held requests are delivered. */
  ready(targets: LaunchTargets): void {
    this.#targets = targets;
    const pending = this.#pending;
    this.#pending = [];
    for (const request of pending) this.#deliver(request, targets);
  }

  #deliver(request: LaunchRequest, targets: LaunchTargets): void {
    switch (request.kind) {
      case 'compose': {
        let draft: MailtoDraft;
        try {
          draft = parseMailto(request.url);
        } catch (error) {
          targets.reportError(new MailError('invalid-argument', error instanceof MailtoError ? error.message : String(error), { cause: error }));
          return;
        }
        targets.openComposer(draft);
        return;
      }
      case 'open-message':
        targets.openMessageFile(request.path);
        return;
    }
  }
}

import type { ScriptedPeer } from './scripted-server.js';

export interface SubmissionScript {
  /** Messages whose data the server accepted (250 after the final dot), in order. */
  readonly accepted: string[][];
  /** While false, each connection is turned away with a 421 greeting (RFC 5321 §3.1: service not available). */
  open: boolean;
  readonly script: (peer: ScriptedPeer) => Promise<void>;
}

/**
 * A submission server without TLS that accepts any AUTH PLAIN login and every message, or turns
 * every connection away while `open` is false: a server that is down for a while, then back.
 */
export function submissionScript(): SubmissionScript {
  const state: SubmissionScript = {
    accepted: [],
    open: true,
    async script(peer) {
      if (!state.open) {
        peer.sendLine('421 4.3.2 submission.test Service not available, closing transmission channel');
        peer.end();
        return;
      }
      peer.sendLine('220 submission.test ESMTP');
      await peer.expectLine(/^EHLO /u);
      peer.sendLine('250-submission.test');
      peer.sendLine('250 AUTH PLAIN');
      for (;;) {
        const line = await peer.readLine().catch(() => 'QUIT');
        if (/^AUTH PLAIN$/iu.test(line)) {
          peer.sendLine('334 ');
          await peer.readLine();
          peer.sendLine('235 2.7.0 Authentication successful');
        } else if (/^AUTH PLAIN /iu.test(line)) peer.sendLine('235 2.7.0 Authentication successful');
        else if (/^MAIL FROM:/iu.test(line)) peer.sendLine('250 2.1.0 Ok');
        else if (/^RCPT TO:/iu.test(line)) peer.sendLine('250 2.1.5 Ok');
        else if (line === 'RSET') peer.sendLine('250 2.0.0 Ok');
        else if (line === 'DATA') {
          peer.sendLine('354 End data with <CR><LF>.<CR><LF>');
          state.accepted.push(await peer.readUntil('.'));
          peer.sendLine('250 2.0.0 Ok: queued as S1');
        } else if (line === 'QUIT') {
          peer.sendLine('221 2.0.0 Bye');
          peer.end();
          return;
        } else peer.sendLine('502 5.5.2 Unknown');
      }
    },
  };
  return state;
}

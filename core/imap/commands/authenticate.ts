/**
 * AUTHENTICATE (RFC 3501 §6.2.2, SASL-IR RFC 4959) through core/sasl. The server's "+"
 * challenges are handed to the SASL driver; our responses are written redacted.
 */
import { MailError } from '../../net/mail-error.js';
import { authenticate as runSasl, createMechanism, type MechanismName, type SaslCredentials, type SaslServerStep } from '../../sasl/index.js';
import { atom, raw } from '../compiler.js';
import type { TaggedResult } from '../errors.js';
import type { CommandContext } from './context.js';
import { refreshCapabilities } from './util.js';

export async function authenticate(ctx: CommandContext, mechanism: MechanismName, credentials: SaslCredentials): Promise<void> {
  ctx.state.require('AUTHENTICATE', 'not-authenticated');
  if (!ctx.capabilities.has(`AUTH=${mechanism}`)) {
    throw new MailError('auth-unsupported', `The server does not offer ${mechanism} authentication.`);
  }
  let nextStep: ((step: SaslServerStep) => void) | undefined;
  let failStep: ((error: MailError) => void) | undefined;
  const waitStep = (): Promise<SaslServerStep> =>
    new Promise<SaslServerStep>((resolve, reject) => {
      nextStep = resolve;
      failStep = reject;
    });
  let command: Promise<TaggedResult> | undefined;
  const transport = {
    begin: (name: string, initial: string | undefined): Promise<SaslServerStep> => {
      const step = waitStep();
      command = ctx.exec({
        name: 'AUTHENTICATE',
        args: initial === undefined ? [atom(name)] : [atom(name), raw(initial)],
        secretArgs: initial === undefined ? [] : [1],
        continuation: (text) => nextStep?.({ type: 'challenge', data: text }),
      });
      command.then(
        () => nextStep?.({ type: 'success' }),
        (error: unknown) => failStep?.(error instanceof MailError ? error : new MailError('auth-failed', String(error))),
      );
      return step;
    },
    continue: (response: string): Promise<SaslServerStep> => {
      const step = waitStep();
      ctx.line.writeContinuation(response, true).catch((error: unknown) => failStep?.(error as MailError));
      return step;
    },
  };
  await runSasl(transport, createMechanism(mechanism, credentials), {
    channel: ctx.line,
    initialResponse: ctx.capabilities.has('SASL-IR'),
  });
  if (command === undefined) throw new MailError('protocol-error', 'AUTHENTICATE was never sent.');
  const result = await command;
  ctx.state.name = 'authenticated';
  await refreshCapabilities(ctx, result);
}

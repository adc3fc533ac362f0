import { MailError } from '../net/mail-error.js';
import type { SaslCredentials, SaslMechanism } from './mechanism.js';
import { requirePassword } from './credentials.js';

/**
 * LOGIN (draft-murchison-sasl-login-00): the server asks "Username:" then "Password:", the
 * client answers each. Servers word the prompts differently, so the prompt text is used when it
 * is recognisable and the order otherwise.
 */
export function loginMechanism(credentials: SaslCredentials): SaslMechanism {
  const password = requirePassword(credentials, 'LOGIN');
  let stepIndex = 0;
  return {
    name: 'LOGIN',
    serverError: undefined,
    initialResponse: () => undefined,
    step(challenge) {
      const prompt = challenge.toString('utf8').toLowerCase();
      stepIndex += 1;
      if (stepIndex > 2) throw new MailError('protocol-error', 'The server sent too many challenges during LOGIN authentication.');
      const wantsPassword = prompt.startsWith('pass') ? true : prompt.startsWith('user') ? false : stepIndex === 2;
      return Buffer.from(wantsPassword ? password : credentials.username, 'utf8');
    },
  };
}

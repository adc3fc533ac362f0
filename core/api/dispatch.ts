import type { RequestName, TegamiRequests } from './contract.js';
import { ApiError } from './errors.js';
import { MAX_VALIDATION_MESSAGE_LENGTH } from './limits.js';
import { isRequestName } from './methods.js';
import { METHODS } from './schemas.js';


/**
 * The one entry point both hosts use: a method name and an argument list that arrived from
 * outside (as `unknown`) are checked against the method table before the service is called.
 * An unknown name or arguments that do not match the schema reject with a typed ApiError.
 */
export function validateCall(method: unknown, args: unknown): { method: RequestName; args: readonly unknown[] } {
  if (!isRequestName(method)) {
    const shown = typeof method === 'string' ? JSON.stringify(method.slice(0, 100)) : typeof method;
    throw new ApiError('unknown-method', `There is no request named ${shown}.`);
  }
  const parsed = METHODS[method].args.safeParse(args);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
      .join('; ');
    throw new ApiError('invalid-arguments', `Invalid arguments for ${method}: ${detail}`.slice(0, MAX_VALIDATION_MESSAGE_LENGTH));
  }
  return { method, args: parsed.data };
}

export async function dispatch(service: TegamiRequests, method: unknown, args: unknown): Promise<unknown> {
  const call = validateCall(method, args);
  // The schema proved the tuple matches this method's parameters; TypeScript cannot correlate
  // a union-typed name with its parameter list, hence the single widening here.
  const fn = service[call.method] as (...a: unknown[]) => Promise<unknown>;
  return fn.apply(service, [...call.args]);
}

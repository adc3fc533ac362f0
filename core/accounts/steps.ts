/**
 * What each discovery step reports, and the helper that runs a step under its own timeout and
 * the overall deadline, turning every outcome (found, nothing, error, timeout) into a report
 * instead of an exception, so one failing step never hides what the others found.
 */
import { isMailError } from '../net/mail-error.js';

export type StepName = 'provider-database' | 'autoconfig' | 'autoconfig-well-known' | 'mx' | 'mx-provider-database' | 'mx-autoconfig' | 'srv' | 'guess';

export type StepStatus = 'found' | 'nothing' | 'failed' | 'timeout' | 'skipped';

export interface StepReport {
  readonly step: StepName;
  /** What was asked: the domain, the URL, the SRV name, the host list. */
  readonly target: string;
  readonly status: StepStatus;
  /** One line for humans: what was found or why not. */
  readonly message: string;
  readonly durationMs: number;
}

/** A step's result: the report plus its data when it found something. */
export interface StepOutcome<T> {
  readonly report: StepReport;
  readonly value?: T;
}

/** Thrown (or returned through `nothing`) by a step that ran fine but found nothing. */
export class NothingFound extends Error {
  override readonly name = 'NothingFound';
}

export function errorMessage(error: unknown): string {
  if (isMailError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${code ? `${code}: ` : ''}${error.message}${cause}`;
  }
  return String(error);
}

/**
 * Runs one step. `run` gets a signal that fires at the step timeout or the overall deadline,
 * whichever is first; it resolves to [value, message] when it found something, or throws
 * NothingFound / any error.
 */
export async function runStep<T>(
  step: StepName,
  target: string,
  timeoutMs: number,
  overall: AbortSignal,
  run: (signal: AbortSignal) => Promise<readonly [T, string]>,
): Promise<StepOutcome<T>> {
  const started = Date.now();
  const report = (status: StepStatus, message: string): StepReport => ({ step, target, status, message, durationMs: Date.now() - started });
  if (overall.aborted) return { report: report('timeout', 'not started: the overall time limit was reached') };
  const controller = new AbortController();
  const signal = AbortSignal.any([overall, controller.signal]);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error('step timeout'));
      resolve('timeout');
    }, timeoutMs);
    signal.addEventListener('abort', () => resolve('timeout'), { once: true });
  });
  try {
    const outcome = await Promise.race([run(signal), timedOut]);
    if (outcome === 'timeout') {
      const which = overall.aborted ? 'the overall time limit was reached' : `no answer within ${timeoutMs} ms`;
      return { report: report('timeout', which) };
    }
    return { report: report('found', outcome[1]), value: outcome[0] };
  } catch (error) {
    if (signal.aborted) return { report: report('timeout', overall.aborted ? 'the overall time limit was reached' : `no answer within ${timeoutMs} ms`) };
    if (error instanceof NothingFound) return { report: report('nothing', error.message) };
    return { report: report('failed', errorMessage(error)) };
  } finally {
    clearTimeout(timer);
    controller.abort(new Error('step finished'));
  }
}

export function skipped(step: StepName, target: string, message: string): StepOutcome<never> {
  return { report: { step, target, status: 'skipped', message, durationMs: 0 } };
}

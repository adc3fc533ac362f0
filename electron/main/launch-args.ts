import { isAbsolute, resolve } from 'node:path';

/**
 * What the OS asks Tegami to open: a mailto: link (as the default mail client) or an .eml
 * file. Windows and Linux pass them on the command line (on first start, and to the running
 * instance through 'second-instance'); macOS sends 'open-url' and 'open-file' events.
 */
export type LaunchRequest = { readonly kind: 'compose'; readonly url: string } | { readonly kind: 'open-message'; readonly path: string };

/** Most requests taken from one command line; a shell glob gone wrong must not open 10,000 windows. */
export const MAX_LAUNCH_REQUESTS = 20;
/** Longest argument considered (a mailto: URL is capped lower again by its parser). */
export const MAX_LAUNCH_ARG_LENGTH = 64 * 1024;

function isMailtoUrl(arg: string): boolean {
  return /^mailto:/i.test(arg);
}

function isEmlPath(arg: string): boolean {
  return /\.eml$/i.test(arg) && !/[\x00-\x1f]/.test(arg);
}

/** The request for a macOS 'open-url' event, or undefined for a scheme we do not handle. */
export function requestFromOpenUrl(url: string): LaunchRequest | undefined {
  if (typeof url !== 'string' || url.length > MAX_LAUNCH_ARG_LENGTH || !isMailtoUrl(url)) return undefined;
  return { kind: 'compose', url };
}

/** The request for a macOS 'open-file' event (always an absolute path there). */
export function requestFromOpenFile(path: string): LaunchRequest | undefined {
  if (typeof path !== 'string' || path.length > MAX_LAUNCH_ARG_LENGTH || !isEmlPath(path) || !isAbsolute(path)) return undefined;
  return { kind: 'open-message', path };
}

/**
 * The requests in a command line. argv[0] is the executable; switches (Chromium's, which
 * Electron adds to a second instance's argv, and ours) are skipped, as is everything after
 * nothing at all: only mailto: URLs and .eml paths count. Relative paths are resolved against
 * the directory the command was started in (`cwd`: the second instance's working directory).
 */
export function requestsFromArgv(argv: readonly string[], cwd: string): LaunchRequest[] {
  const requests: LaunchRequest[] = [];
  for (const arg of argv.slice(1)) {
    if (requests.length >= MAX_LAUNCH_REQUESTS) break;
    if (typeof arg !== 'string' || arg.length === 0 || arg.length > MAX_LAUNCH_ARG_LENGTH || arg.startsWith('-')) continue;
    if (isMailtoUrl(arg)) requests.push({ kind: 'compose', url: arg });
    else if (isEmlPath(arg)) requests.push({ kind: 'open-message', path: resolve(cwd, arg) });
  }
  return requests;
}

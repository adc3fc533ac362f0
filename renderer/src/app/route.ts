import type { ComposeRequest, ComposeStart, MailAddress } from '../../../core/api/contract.js';
import { flattenAddresses, parseAddressList } from '../../../core/mime/address.js';

/**
 * Which window this page is. The Electron host opens extra windows on the same index.html with
 * a query (electron/main/integration.ts): `window=compose` (with `draft=` a JSON mailto: draft,
 * or `start=` the ComposeStart the main window asked for) and `window=message` with `file=` an
 * .eml path or `id=` a message id. Anything else is the main mail window.
 */
export type WindowRoute =
  | { readonly kind: 'main' }
  | { readonly kind: 'compose'; readonly start: ComposeStart }
  | { readonly kind: 'message'; readonly messageId: string }
  | { readonly kind: 'message-file'; readonly path: string };

function addresses(value: unknown): MailAddress[] {
  if (!Array.isArray(value)) return [];
  const out: MailAddress[] = [];
  for (const entry of value) {
    if (typeof entry !== 'string') continue;
    for (const mailbox of flattenAddresses(parseAddressList(entry))) {
      if (mailbox.address !== '') out.push({ name: mailbox.name, address: mailbox.address });
    }
  }
  return out;
}

/**
 * The composer's start from the `draft` parameter (core/message/mailto.ts MailtoDraft as JSON).
 * It arrives from the host, but a page must not trust its own address bar: anything malformed
 * gives an empty composer rather than an exception.
 */
export function composeRequestFromDraft(json: string | null): ComposeRequest | null {
  if (json === null || json === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const draft = value as Record<string, unknown>;
  return {
    to: addresses(draft['to']),
    cc: addresses(draft['cc']),
    bcc: addresses(draft['bcc']),
    subject: typeof draft['subject'] === 'string' ? draft['subject'] : '',
    body: typeof draft['body'] === 'string' ? draft['body'] : '',
    inReplyTo: typeof draft['inReplyTo'] === 'string' ? draft['inReplyTo'] : null,
  };
}

const ANSWER_MODES = ['reply', 'reply-all', 'forward-inline', 'forward-attachment'] as const;

/**
 * The composer's start from the `start` parameter (ComposeStart as JSON). Checked field by field
 * like the draft: a malformed value gives a new, empty message.
 */
export function composeStartFromJson(json: string | null): ComposeStart {
  const empty: ComposeStart = { mode: 'new', accountId: null, request: null };
  if (json === null || json === '') return empty;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return empty;
  }
  if (typeof value !== 'object' || value === null) return empty;
  const start = value as Record<string, unknown>;
  const mode = start['mode'];
  const messageId = typeof start['messageId'] === 'string' && start['messageId'] !== '' ? start['messageId'] : null;
  const answer = ANSWER_MODES.find((m) => m === mode);
  if (answer !== undefined) return messageId === null ? empty : { mode: answer, messageId };
  if (mode === 'draft') return messageId === null ? empty : { mode: 'draft', messageId };
  const accountId = typeof start['accountId'] === 'string' && start['accountId'] !== '' ? start['accountId'] : null;
  const request = start['request'];
  return { mode: 'new', accountId, request: request !== null && typeof request === 'object' ? composeRequestFromDraft(JSON.stringify(request)) : null };
}

export function routeFromSearch(search: string): WindowRoute {
  const params = new URLSearchParams(search);
  switch (params.get('window')) {
    case 'compose':
      if (params.has('start')) return { kind: 'compose', start: composeStartFromJson(params.get('start')) };
      return { kind: 'compose', start: { mode: 'new', accountId: null, request: composeRequestFromDraft(params.get('draft')) } };
    case 'message': {
      const file = params.get('file');
      if (file !== null && file !== '') return { kind: 'message-file', path: file };
      const id = params.get('id');
      if (id !== null && id !== '') return { kind: 'message', messageId: id };
      return { kind: 'main' };
    }
    default:
      return { kind: 'main' };
  }
}

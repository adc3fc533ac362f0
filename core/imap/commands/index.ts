/** Every IMAP command, one module each, registered by name. Each is `async (ctx, …args)`. */
import { append } from './append.js';
import { authenticate } from './authenticate.js';
import { capability } from './capability.js';
import { close } from './close.js';
import { compress } from './compress.js';
import { copy } from './copy.js';
import { create } from './create.js';
import { deleteMailbox } from './delete.js';
import { enable } from './enable.js';
import { expunge } from './expunge.js';
import { fetch } from './fetch.js';
import { id } from './id.js';
import { idle } from './idle.js';
import { list } from './list.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { lsub } from './lsub.js';
import { move } from './move.js';
import { namespace } from './namespace.js';
import { noop } from './noop.js';
import { rename } from './rename.js';
import { search } from './search.js';
import { examine, select } from './select.js';
import { starttls } from './starttls.js';
import { status } from './status.js';
import { store } from './store.js';
import { subscribe } from './subscribe.js';
import { unselect } from './unselect.js';
import { unsubscribe } from './unsubscribe.js';

export const COMMANDS = {
  append,
  authenticate,
  capability,
  close,
  compress,
  copy,
  create,
  delete: deleteMailbox,
  enable,
  examine,
  expunge,
  fetch,
  id,
  idle,
  list,
  login,
  logout,
  lsub,
  move,
  namespace,
  noop,
  rename,
  search,
  select,
  starttls,
  status,
  store,
  subscribe,
  unselect,
  unsubscribe,
} as const;

export type CommandMap = typeof COMMANDS;
export type CommandName = keyof CommandMap;
export type { CommandContext } from './context.js';

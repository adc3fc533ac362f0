/**
 * Keeps capabilities and the selected mailbox current from untagged responses, whichever
 * command caused them, and turns mailbox changes into events (RFC 3501 §7.3-7.4, RFC 7162).
 */
import type { Capabilities } from './capabilities.js';
import type { EventHub } from './events.js';
import type { ResponseCode, UntaggedData } from './parser/index.js';
import type { ConnectionState } from './state.js';

export function trackUntagged(data: UntaggedData, consumed: boolean, state: ConnectionState, capabilities: Capabilities, events: EventHub): void {
  const selected = state.selected;
  const path = selected?.path ?? '';
  switch (data.type) {
    case 'capability':
      capabilities.replace(data.capabilities);
      return;
    case 'condition':
      if (data.code !== undefined) trackCode(data.code, state, capabilities, events);
      if (data.code?.name === 'ALERT') events.emit({ type: 'alert', text: data.text });
      return;
    case 'flags':
      if (selected !== undefined) selected.flags = data.flags;
      return;
    case 'exists':
      if (selected === undefined) return;
      selected.exists = data.count;
      // The counts SELECT reports are its result, not news.
      if (!consumed) events.emit({ type: 'exists', mailbox: path, count: data.count });
      return;
    case 'recent':
      if (selected !== undefined) selected.recent = data.count;
      return;
    case 'expunge':
      if (selected === undefined) return;
      selected.exists = Math.max(0, selected.exists - 1);
      events.emit({ type: 'expunge', mailbox: path, seq: data.seq });
      return;
    case 'vanished':
      if (selected === undefined) return;
      // RFC 7162 §3.2.10: VANISHED without EARLIER decrements EXISTS like EXPUNGE would.
      if (!data.earlier) selected.exists = Math.max(0, selected.exists - countSet(data.uids));
      if (!consumed) events.emit({ type: 'vanished', mailbox: path, uids: data.uids, earlier: data.earlier });
      return;
    case 'fetch': {
      const modseq = data.attributes.modseq;
      if (selected !== undefined && modseq !== undefined && (selected.highestModseq === undefined || modseq > selected.highestModseq)) {
        selected.highestModseq = modseq;
      }
      if (!consumed && selected !== undefined) {
        events.emit({ type: 'flags', mailbox: path, seq: data.seq, uid: data.attributes.uid, flags: data.attributes.flags, modseq });
      }
      return;
    }
    default:
      return;
  }
}

function trackCode(code: ResponseCode, state: ConnectionState, capabilities: Capabilities, events: EventHub): void {
  const selected = state.selected;
  switch (code.name) {
    case 'CAPABILITY':
      capabilities.replace(code.capabilities);
      return;
    case 'UIDVALIDITY': {
      if (selected === undefined) return;
      selected.uidValidity = code.value;
      const previous = state.knownUidValidity.get(selected.path);
      if (previous !== undefined && previous !== code.value) {
        events.emit({ type: 'uidvalidity-changed', mailbox: selected.path, previous, current: code.value });
      }
      state.knownUidValidity.set(selected.path, code.value);
      return;
    }
    case 'UIDNEXT':
      if (selected !== undefined) selected.uidNext = code.value;
      return;
    case 'UNSEEN':
      if (selected !== undefined) selected.unseen = code.value;
      return;
    case 'HIGHESTMODSEQ':
      if (selected !== undefined) selected.highestModseq = code.value;
      return;
    case 'NOMODSEQ':
      if (selected !== undefined) selected.noModseq = true;
      return;
    case 'PERMANENTFLAGS':
      if (selected !== undefined) selected.permanentFlags = code.flags;
      return;
    case 'READ-ONLY':
      if (selected !== undefined) selected.readOnly = true;
      return;
    default:
      return;
  }
}

function countSet(set: string): number {
  let n = 0;
  for (const part of set.split(',')) {
    const [a, b] = part.split(':');
    n += b === undefined ? 1 : Math.abs(Number(b) - Number(a)) + 1;
  }
  return Number.isFinite(n) ? n : 0;
}

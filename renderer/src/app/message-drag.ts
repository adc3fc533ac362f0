/**
 * Dragging messages from the list onto a folder: the ids travel in the DataTransfer under our
 * own type, so a drop from elsewhere (a file, text) is never taken for messages.
 */
export const MESSAGE_IDS_TYPE = 'application/x-tegami-message-ids';

export function setDraggedMessages(data: DataTransfer, ids: readonly string[]): void {
  data.setData(MESSAGE_IDS_TYPE, JSON.stringify(ids));
  data.effectAllowed = 'move';
}

export function carriesMessages(data: DataTransfer | null): boolean {
  return data !== null && [...data.types].includes(MESSAGE_IDS_TYPE);
}

/** The dragged ids, or [] when the drop does not carry a well-formed list. */
export function draggedMessages(data: DataTransfer | null): string[] {
  const raw = data?.getData(MESSAGE_IDS_TYPE) ?? '';
  if (raw === '') return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

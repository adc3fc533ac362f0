import { useRef, type ReactNode } from 'react';
import { useReturnFocus } from './use-return-focus.js';

export interface ComposerPanelProps {
  readonly label: string;
  readonly children: ReactNode;
}

/**
 * The composer beside the reader: a non-modal dialog (the list and the reader stay usable).
 * When it closes with focus inside it (Escape, Send, Discard), focus goes back to what opened
 * it — the New button, the list a reply was started from — instead of falling to the page.
 */
export function ComposerPanel({ label, children }: ComposerPanelProps) {
  const ref = useRef<HTMLElement>(null);
  useReturnFocus(ref);
  return (
    <aside ref={ref} className="composer-panel" role="dialog" aria-modal="false" aria-label={label}>
      {children}
    </aside>
  );
}

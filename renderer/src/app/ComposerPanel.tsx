import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface ComposerPanelProps {
  readonly label: string;
  readonly children: ReactNode;
}

/**
 * The composer beside the reader: a non-modal dialog (the list and the reader stay usable).
 * When it closes with focus inside it (Escape, Send, Discard), focus goes back to what opened
 * it — the New button, the list row a reply was started from — instead of falling to the page
 * (WAI-ARIA APG, Dialog pattern: "When a dialog closes, focus returns to the element that
 * invoked it").
 */
export function ComposerPanel({ label, children }: ComposerPanelProps) {
  // Taken while the panel first renders, before the composer moves focus into its fields.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const ref = useRef<HTMLElement>(null);
  // A layout effect: its clean-up runs while the panel is still in the document, so it can tell
  // whether focus is inside it. Focus the user put elsewhere stays where it is.
  useLayoutEffect(() => {
    const panel = ref.current;
    return () => {
      const active = document.activeElement;
      const inside = panel !== null && active !== null && panel.contains(active);
      if (opener !== null && opener.isConnected && (inside || active === null || active === document.body)) opener.focus();
    };
  }, [opener]);
  return (
    <aside ref={ref} className="composer-panel" role="dialog" aria-modal="false" aria-label={label}>
      {children}
    </aside>
  );
}

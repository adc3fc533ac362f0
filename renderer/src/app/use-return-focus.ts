import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Gives focus back to the element that had it when a popup (a context menu, the composer panel)
 * opened, once the popup closes with focus inside it or with focus lost to the page: WAI-ARIA
 * APG, "when a dialog closes, focus returns to the element that invoked it" (menus alike).
 * Focus the user has put elsewhere (a click in another pane) stays where it is.
 *
 * The opener is taken during the first render, before anything inside the popup takes focus
 * (autoFocus and child effects run before the popup's own effects). The clean-up is a layout
 * effect's, so it runs while the popup is still in the document and can tell where focus is.
 */
export function useReturnFocus(popup: RefObject<HTMLElement | null>): void {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  useLayoutEffect(() => {
    const node = popup.current;
    return () => {
      const active = document.activeElement;
      const inside = node !== null && active !== null && node.contains(active);
      if (opener !== null && opener.isConnected && (inside || active === null || active === document.body)) opener.focus();
    };
  }, [popup, opener]);
}

import { useEffect, useState, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.closest('[hidden], [aria-hidden="true"]') === null);
}

/**
 * Keeps keyboard focus inside a modal dialog (WAI-ARIA APG "Dialog (Modal)"): Tab from the last
 * control wraps to the first and Shift+Tab from the first to the last; focus that lands outside
 * (a click on the backdrop, a window switch) is brought back. The element focused before the
 * dialog opened gets focus back when it closes.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>): void {
  // Taken while the dialog first renders: by the time this hook's effect runs, a field inside
  // the dialog has already taken focus (autoFocus and the steps' own effects come first).
  const [previous] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const container = ref.current;
      if (event.key !== 'Tab' || container === null) return;
      const items = focusables(container);
      const first = items[0];
      const last = items[items.length - 1];
      if (first === undefined || last === undefined) {
        event.preventDefault();
        return;
      }
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !container.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !container.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (event: FocusEvent): void => {
      const container = ref.current;
      if (container !== null && event.target instanceof Node && !container.contains(event.target)) focusables(container)[0]?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
      previous?.focus();
    };
  }, [ref, previous]);
}

import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ConfirmDialog } from '../../../../renderer/src/features/message-view/ConfirmDialog.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.replaceChildren();
});

function render(calls: string[]): HTMLElement {
  const opener = document.createElement('button');
  opener.textContent = 'opener';
  document.body.append(opener);
  opener.focus();
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root!.render(
      <ConfirmDialog title="Open a program?" confirmLabel="Open" cancelLabel="Cancel" danger onConfirm={() => calls.push('confirm')} onCancel={() => calls.push('cancel')}>
        <p>Body</p>
      </ConfirmDialog>,
    ),
  );
  return container;
}

function key(target: Element, name: string, shiftKey = false): void {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, shiftKey, bubbles: true }));
  });
}

describe('ConfirmDialog', () => {
  it('is a modal alert dialog named by its title, with focus on the safe answer', () => {
    const view = render([]);
    const dialog = view.querySelector('[role="alertdialog"]');
    expect(dialog?.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Open a program?');
    expect(document.activeElement?.textContent).toBe('Cancel');
  });

  it('keeps Tab inside and cancels with Escape', () => {
    const calls: string[] = [];
    const view = render(calls);
    const [cancel, confirm] = [...view.querySelectorAll('button')];
    confirm!.focus();
    key(confirm!, 'Tab');
    expect(document.activeElement).toBe(cancel);
    key(cancel!, 'Tab', true);
    expect(document.activeElement).toBe(confirm);
    key(confirm!, 'Escape');
    expect(calls).toEqual(['cancel']);
    act(() => confirm!.click());
    expect(calls).toEqual(['cancel', 'confirm']);
  });

  it('gives focus back to where it was when it closes', () => {
    render([]);
    act(() => root?.unmount());
    root = undefined;
    expect(document.activeElement?.textContent).toBe('opener');
  });
});

import { describe, expect, it } from 'vitest';
import { unloadAction } from '../../../../renderer/src/features/composer/unload.js';

describe('unloadAction', () => {
  it('lets the page go when nothing is unsaved', () => {
    expect(unloadAction({ host: 'electron', ownWindow: true, unsaved: false })).toBe('leave');
    expect(unloadAction({ host: 'web', ownWindow: false, unsaved: false })).toBe('leave');
  });

  it('has the browser ask in a tab, and saves then closes in a desktop composer window', () => {
    expect(unloadAction({ host: 'web', ownWindow: false, unsaved: true })).toBe('ask');
    expect(unloadAction({ host: 'web', ownWindow: true, unsaved: true })).toBe('ask');
    expect(unloadAction({ host: 'electron', ownWindow: true, unsaved: true })).toBe('save-then-close');
  });

  it('never holds the mail window for a composer panel inside it', () => {
    expect(unloadAction({ host: 'electron', ownWindow: false, unsaved: true })).toBe('leave');
  });
});

import { describe, expect, it } from 'vitest';
import { OVERSCAN_ROWS, scrollToRow, virtualWindow } from '../../../../renderer/src/features/message-list/virtual-window.js';

describe('virtualWindow', () => {
  it('renders only the visible rows plus overscan of a 100,000-row list', () => {
    const w = virtualWindow(100_000, 24, 24 * 50_000, 480);
    expect(w.totalHeight).toBe(2_400_000);
    expect(w.start).toBe(50_000 - OVERSCAN_ROWS);
    expect(w.end).toBe(50_000 + 21 + OVERSCAN_ROWS);
    expect(w.offsetTop).toBe(w.start * 24);
    expect(w.end - w.start).toBeLessThan(50);
  });

  it('clamps at both ends and past the bottom', () => {
    expect(virtualWindow(10, 24, -100, 480)).toMatchObject({ start: 0, end: 10 });
    const bottom = virtualWindow(1000, 24, 10_000_000, 480);
    expect(bottom.end).toBe(1000);
    expect(bottom.start).toBe(1000 - 20 - OVERSCAN_ROWS);
  });

  it('is empty for no rows or a nonsensical row height', () => {
    expect(virtualWindow(0, 24, 0, 480)).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
    expect(virtualWindow(10, 0, 0, 480).end).toBe(0);
    expect(virtualWindow(10, Number.NaN, 0, 480).end).toBe(0);
  });
});

describe('scrollToRow', () => {
  it('scrolls up or down just enough to show the row, and not at all when visible', () => {
    expect(scrollToRow(5, 20, 200, 100)).toBe(100);
    expect(scrollToRow(20, 20, 200, 100)).toBe(320);
    expect(scrollToRow(11, 20, 200, 100)).toBe(200);
  });
});

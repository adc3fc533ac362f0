import type { Locator } from 'playwright-core';

/**
 * The points of `target` (its corners, inset a little, and its centre, within the viewport) that
 * something else covers: a dialog must not be painted under the rows of the list beside the
 * pane it was opened from. An empty answer means nothing covers it.
 */
export async function coveredPoints(target: Locator): Promise<string[]> {
  return target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const left = Math.max(box.left, 0) + 4;
    const top = Math.max(box.top, 0) + 4;
    const right = Math.min(box.right, window.innerWidth) - 4;
    const bottom = Math.min(box.bottom, window.innerHeight) - 4;
    const points: [number, number][] = [
      [left, top],
      [right, top],
      [left, bottom],
      [right, bottom],
      [(left + right) / 2, (top + bottom) / 2],
    ];
    return points.flatMap(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && element.contains(hit) ? [] : [`(${Math.round(x)}, ${Math.round(y)}) shows ${hit?.outerHTML.slice(0, 80) ?? 'nothing'}`];
    });
  });
}

import { describe, expect, it } from 'vitest';
import { median, summarize, toJson, toMarkdown } from './summary.js';
import type { BenchReport } from './types.js';

const report: BenchReport = {
  name: 'demo',
  rows: [
    { subject: 'tegami', metric: 'parse', unit: 'MB/s', samples: [30, 10, 20] },
    { subject: 'peer', metric: 'parse', unit: 'MB/s', samples: [5, 15, 10, 20] },
  ],
  ratios: { peer: 20 / 12.5 },
};

describe('benchmark summary', () => {
  it('takes medians of odd and even sample counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('summarizes each row with median, min and max', () => {
    expect(summarize(report)).toEqual([
      { subject: 'tegami', metric: 'parse', unit: 'MB/s', median: 20, min: 10, max: 30, runs: 3 },
      { subject: 'peer', metric: 'parse', unit: 'MB/s', median: 12.5, min: 5, max: 20, runs: 4 },
    ]);
  });

  it('writes JSON with name and ratios, and a Markdown table', () => {
    const when = new Date('2026-01-01T00:00:00Z');
    const json = JSON.parse(toJson(report, when, 'm')) as { name: string; ratios: Record<string, number> };
    expect(json.name).toBe('demo');
    expect(json.ratios['peer']).toBeCloseTo(1.6);
    const md = toMarkdown(report, when, 'm');
    expect(md).toContain('| tegami | parse | 20.0 | 10.0 | 30.0 | MB/s |');
    expect(md).toContain('- peer: 1.60×');
  });
});

import type { BenchReport } from './types.js';

export interface RowSummary {
  readonly subject: string;
  readonly metric: string;
  readonly unit: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(report: BenchReport): RowSummary[] {
  return report.rows.map((row) => ({
    subject: row.subject,
    metric: row.metric,
    unit: row.unit,
    median: median(row.samples),
    min: Math.min(...row.samples),
    max: Math.max(...row.samples),
    runs: row.samples.length,
  }));
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The Markdown table written to bench-results/NAME.md. */
export function toMarkdown(report: BenchReport, when: Date, machine: string): string {
  const rows = summarize(report);
  const lines = [
    `# Benchmark: ${report.name}`,
    '',
    `Run ${when.toISOString()} on ${machine}. Medians of ${rows[0]?.runs ?? 0} runs, with min and max.`,
    '',
    '| subject | metric | median | min | max | unit |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.subject} | ${r.metric} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.unit} |`),
    '',
    '## Ratios (Tegami ÷ peer, above 1 means Tegami is faster)',
    '',
    ...Object.entries(report.ratios).map(([peer, ratio]) => `- ${peer}: ${ratio.toFixed(2)}×`),
    ...(report.notes && report.notes.length > 0 ? ['', '## Notes', '', ...report.notes.map((n) => `- ${n}`)] : []),
    '',
  ];
  return lines.join('\n');
}

/** The JSON written to bench-results/NAME.json. */
export function toJson(report: BenchReport, when: Date, machine: string): string {
  return `${JSON.stringify({ name: report.name, date: when.toISOString(), machine, ratios: report.ratios, rows: summarize(report), notes: report.notes ?? [] }, null, 2)}\n`;
}

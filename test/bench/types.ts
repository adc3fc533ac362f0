/** What a benchmark module returns; test/bench/run.ts turns it into bench-results/NAME.{md,json}. */
export interface BenchRow {
  /** Who did the work: 'tegami' or the peer library's package name. */
  readonly subject: string;
  /** What was measured, e.g. 'parse throughput'. */
  readonly metric: string;
  /** Unit of the samples, e.g. 'MB/s', 'msg/s', 'ms', 'MB'. */
  readonly unit: string;
  /** One value per repetition. */
  readonly samples: readonly number[];
}

export interface BenchReport {
  readonly name: string;
  readonly rows: readonly BenchRow[];
  /** Tegami's throughput divided by each peer's on the same work: above 1, Tegami is faster. */
  readonly ratios: Readonly<Record<string, number>>;
  /** Free-form lines for the report (corpus size, what was checked to be equal, targets). */
  readonly notes?: readonly string[];
}

/** A file test/bench/NAME.bench.ts exports `default run` and, when it needs the mail stack, `needsServers = true`. */
export interface BenchModule {
  readonly default: () => Promise<BenchReport>;
  readonly needsServers?: boolean;
}

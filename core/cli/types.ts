/** What a subcommand gets: its own arguments and the streams to write to. */
export interface CliContext {
  readonly args: readonly string[];
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** One line for `tegami --help`. */
  readonly summary: string;
  /** The full usage text for `tegami COMMAND --help`. */
  readonly usage: string;
  /** Resolves to the process exit code. Throws CliUsageError for bad arguments. */
  run(context: CliContext): Promise<number>;
}

/** Bad command-line arguments: printed as one line plus the usage, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

import { TEGAMI_VERSION } from '../version.js';
import { isMailError } from '../net/mail-error.js';
import { COMMANDS } from './commands.js';
import { CliUsageError, type CliContext, type CliCommand } from './types.js';

function helpText(commands: Readonly<Record<string, CliCommand>>): string {
  const names = Object.keys(commands).sort();
  const width = Math.max(8, ...names.map((n) => n.length));
  const lines = [
    'Usage: tegami <command> [options]',
    '',
    'Tegami mail client: command line tools for mail protocols and messages.',
    '',
    'Commands:',
    ...(names.length === 0 ? ['  (none yet)'] : names.map((n) => `  ${n.padEnd(width)}  ${commands[n]?.summary ?? ''}`)),
    '',
    'Options:',
    '  -h, --help     show this help, or a command\'s help with `tegami COMMAND --help`',
    '  -v, --version  print the version',
    '',
  ];
  return lines.join('\n');
}

/** Runs the command line and resolves to the exit code; never calls process.exit itself. */
export async function runCli(
  context: CliContext,
  commands: Readonly<Record<string, CliCommand>> = COMMANDS,
): Promise<number> {
  const [first, ...rest] = context.args;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    context.stdout.write(helpText(commands));
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    context.stdout.write(`tegami ${TEGAMI_VERSION}\n`);
    return 0;
  }
  const command = Object.hasOwn(commands, first) ? commands[first] : undefined;
  if (command === undefined) {
    context.stderr.write(`tegami: unknown command "${first}". Run \`tegami --help\` for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run({ ...context, args: rest });
  } catch (error) {
    if (error instanceof CliUsageError) {
      context.stderr.write(`tegami ${first}: ${error.message}\n${command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`}`);
      return 2;
    }
    const message = isMailError(error)
      ? `${error.message}${error.reply ? ` (server said: ${error.reply.text.split('\n')[0] ?? ''})` : ''}`
      : error instanceof Error
        ? error.message
        : String(error);
    context.stderr.write(`tegami ${first}: ${message}\n`);
    return 1;
  }
}

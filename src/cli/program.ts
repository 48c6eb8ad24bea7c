/**
 * Builds the commander program and runs it to an exit code. Errors become one line on stderr:
 * usage mistakes exit 2, failures exit 1, and only unexpected errors (bugs) offer a stack
 * trace, when FLOTILLA_DEBUG is set.
 *
 * @module
 */
import { Command, CommanderError, Option } from 'commander';
import { LOG_LEVELS, isFlotillaError, errorMessage } from '../util/index.js';
import type { CliContext, CommandModule } from './context.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface ProgramOptions {
  readonly version: string;
  readonly commands: readonly CommandModule[];
}

/** Thrown inside actions to end with a usage exit after printing a one-line message. */
class UnknownCommandError extends CommanderError {
  constructor(name: string) {
    super(EXIT_USAGE, 'flotilla.unknownCommand', `unknown command '${name}'`);
  }
}

export function buildProgram(options: ProgramOptions, context: CliContext): Command {
  const program = new Command('flotilla')
    .description('Secrets from external managers to fleets of Kubernetes clusters (ESO- and Sveltos-compatible).')
    .version(options.version, '-V, --version', 'print the version and exit')
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'))
    .showSuggestionAfterError(true)
    .allowExcessArguments(true)
    .configureOutput({
      writeOut: context.stdout,
      writeErr: context.stderr,
      outputError: () => undefined, // run() prints errors itself, on one line
    })
    .exitOverride()
    .action((_opts: unknown, command: Command) => {
      const [first] = command.args;
      if (first !== undefined) throw new UnknownCommandError(first);
      command.outputHelp();
    });
  for (const module of options.commands) module.register(program, context);
  for (const sub of program.commands) sub.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Commander's messages start with "error: " and may add a suggestion on a second line. */
function oneLine(message: string): string {
  return message.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim();
}

/** Parses `argv` (without node and script), runs the chosen command, and returns the exit code. */
export async function runProgram(argv: readonly string[], options: ProgramOptions, context: CliContext): Promise<number> {
  const program = buildProgram(options, context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, context);
  }
}

function reportError(error: unknown, context: CliContext): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT_OK; // --help, --version
    context.stderr(`flotilla: ${oneLine(error.message)} (see 'flotilla --help')\n`);
    return EXIT_USAGE;
  }
  if (isFlotillaError(error)) {
    context.stderr(`flotilla: ${oneLine(error.message)}\n`);
    return error.code === 'USAGE' ? EXIT_USAGE : EXIT_FAILURE;
  }
  context.stderr(`flotilla: internal error: ${oneLine(errorMessage(error))}\n`);
  if (context.env.FLOTILLA_DEBUG && error instanceof Error && error.stack) context.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}

/**
 * The composition root: the one place that reads `process` (argv, env, signals) and the list of
 * subcommands. Each capability adds its module from `./commands/` to {@link COMMANDS}.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import type { CliContext, CommandModule } from './context.js';
import { runProgram } from './program.js';
import { apiserverCommand } from './commands/apiserver.js';
import { secretManagerCommand } from './commands/secretmanager.js';
import { templateCommand } from './commands/template.js';

/** Subcommands, in the order `--help` lists them. */
const COMMANDS: readonly CommandModule[] = [
  apiserverCommand,
  secretManagerCommand,
  templateCommand(),
];

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** Aborts on the first SIGTERM or SIGINT; a second one exits at once. */
function shutdownSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`received ${signal}`));
  };
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
  return controller.signal;
}

/** Runs the CLI with `argv` (arguments after the script name) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const context: CliContext = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    shutdown: shutdownSignal(),
  };
  return runProgram(argv, { version: packageVersion(), commands: COMMANDS }, context);
}

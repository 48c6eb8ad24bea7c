/**
 * What a command receives from the composition root: its output streams, the environment, and
 * a signal that aborts on SIGTERM/SIGINT. Commands never touch `process` themselves, so the
 * whole CLI runs in-process in tests.
 *
 * @module
 */
import type { Command } from 'commander';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface CliContext extends CliIo {
  /** The process environment, read only here and handed to commands that document a variable. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborts when the process is asked to stop (SIGTERM, SIGINT). Long-running commands watch it. */
  readonly shutdown: AbortSignal;
}

/** A subcommand module: `src/cli/commands/<name>.ts` exports one of these. */
export interface CommandModule {
  /** Adds the subcommand (and its own subcommands) to `program`. */
  register(program: Command, context: CliContext): void;
}

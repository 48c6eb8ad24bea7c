/**
 * Errors with stable, machine-readable codes. Layers subclass {@link FlotillaError} with their
 * own codes (for example `STORE_CONFLICT`); the HTTP and CLI edges map codes to Status reasons
 * and exit codes in one place each.
 *
 * @module
 */

/** Base class of every error Flotilla raises on purpose. `code` is stable across releases. */
export class FlotillaError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A mistake in how a command was invoked: the CLI exits 2 and prints the message on one line. */
export class UsageError extends FlotillaError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** True for errors raised on purpose by Flotilla code, as opposed to bugs and foreign errors. */
export function isFlotillaError(error: unknown): error is FlotillaError {
  return error instanceof FlotillaError;
}

/** The message of anything thrown, for places that must print one line whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
}

/**
 * Logging: pino, JSON lines, one logger per process built in cli/ and passed down (child
 * loggers carry the component). Every line passes through a {@link Redactor} before it is
 * written, and fields that carry secret material by name are censored outright.
 *
 * @module
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { UsageError } from './errors.js';
import type { Redactor } from './redact.js';

export type Logger = PinoLogger;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field paths whose values are secret by construction (Kubernetes Secret bodies, credentials). */
export const SECRET_FIELD_PATHS = [
  'data', '*.data', 'stringData', '*.stringData', 'password', '*.password', 'token', '*.token',
  'privateKey', '*.privateKey', 'private_key', '*.private_key', 'payload', '*.payload',
  'authorization', '*.authorization', 'headers.authorization',
];

export interface LoggerOptions {
  /** Minimum level written. Defaults to `info`. */
  readonly level?: LogLevel;
  /** Where lines go. Defaults to standard error (file descriptor 2). */
  readonly destination?: DestinationStream;
  /** Scrubs registered secret values from every line. */
  readonly redactor?: Redactor;
  /** Added to every line as `name`. */
  readonly name?: string;
}

/** Parses a `--log-level` value, failing with a usage error that lists the valid levels. */
export function parseLogLevel(text: string): LogLevel {
  const level = LOG_LEVELS.find((l) => l === text);
  if (!level) throw new UsageError(`invalid log level '${text}': expected one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

/** Creates the process logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { redactor } = options;
  return pino(
    {
      level: options.level ?? 'info',
      ...(options.name ? { name: options.name } : {}),
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: SECRET_FIELD_PATHS, censor: '[REDACTED]' },
      ...(redactor ? { hooks: { streamWrite: (line: string) => redactor.redact(line) } } : {}),
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

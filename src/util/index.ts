/**
 * Shared helpers with no knowledge of Kubernetes: errors, time, retries, hashing, logging.
 *
 * @module
 */
export { FlotillaError, UsageError, isFlotillaError, errorMessage } from './errors.js';
export { type Clock, type TimerHandle, systemClock, ManualClock, flushMicrotasks } from './clock.js';
export { type BackoffOptions, Backoff, backoffDelay } from './backoff.js';
export { stableStringify, stableHash } from './hash.js';
export { type Redactor, createRedactor, REDACTED, MIN_REDACTED_LENGTH } from './redact.js';
export { type Logger, type LogLevel, type LoggerOptions, LOG_LEVELS, SECRET_FIELD_PATHS, createLogger, parseLogLevel } from './logger.js';
export { type TokenBucketOptions, TokenBucket } from './token-bucket.js';

/**
 * Errors from talking to an API server, mapped once from the `Status` body (apimachinery
 * `pkg/api/errors`) to a {@link KubeApiError} whose `code` is stable (`KUBE_NOT_FOUND` …) and
 * whose `reason`/`httpCode` keep what the server said. Transport failures get their own codes.
 * Callers test with {@link isNotFound}, {@link isConflict} … rather than parsing messages.
 *
 * @module
 */
import { isPlainObject } from '../api/object.js';
import { FlotillaError } from '../util/index.js';

/** The `metav1.Status` an API server sends with every failure. */
export interface Status {
  kind?: 'Status';
  apiVersion?: string;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: { type?: string; message?: string; field?: string }[]; retryAfterSeconds?: number };
}

/** Stable error codes by Status reason. Reasons not listed map to `KUBE_API_ERROR`. */
const CODES: Readonly<Record<string, string>> = {
  NotFound: 'KUBE_NOT_FOUND',
  AlreadyExists: 'KUBE_ALREADY_EXISTS',
  Conflict: 'KUBE_CONFLICT',
  Invalid: 'KUBE_INVALID',
  BadRequest: 'KUBE_BAD_REQUEST',
  Unauthorized: 'KUBE_UNAUTHORIZED',
  Forbidden: 'KUBE_FORBIDDEN',
  MethodNotAllowed: 'KUBE_METHOD_NOT_ALLOWED',
  Gone: 'KUBE_EXPIRED',
  Expired: 'KUBE_EXPIRED',
  UnsupportedMediaType: 'KUBE_UNSUPPORTED_MEDIA_TYPE',
  RequestEntityTooLarge: 'KUBE_TOO_LARGE',
  TooManyRequests: 'KUBE_TOO_MANY_REQUESTS',
  InternalError: 'KUBE_INTERNAL_ERROR',
  ServiceUnavailable: 'KUBE_UNAVAILABLE',
  Timeout: 'KUBE_TIMEOUT',
};

/** apimachinery's reason for a bare HTTP code, used when the body is not a Status. */
const REASON_BY_HTTP: Readonly<Record<number, string>> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict',
  410: 'Gone', 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType', 422: 'Invalid', 429: 'TooManyRequests',
  500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
};

/** A failure the API server reported. `status` is its Status body (never contains object data). */
export class KubeApiError extends FlotillaError {
  readonly reason: string;
  readonly httpCode: number;
  readonly status: Status;

  constructor(status: Status, httpCode: number) {
    const reason = status.reason || REASON_BY_HTTP[httpCode] || 'Unknown';
    super(CODES[reason] ?? 'KUBE_API_ERROR', status.message || `the server responded with HTTP ${httpCode} (${reason})`);
    this.reason = reason;
    this.httpCode = status.code ?? httpCode;
    this.status = status;
  }
}

/** The server could not be reached, or the connection broke before an answer. */
export class KubeTransportError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown; code?: 'KUBE_UNREACHABLE' | 'KUBE_REQUEST_TIMEOUT' | 'KUBE_CONNECTION_REFUSED' }) {
    super(options?.code ?? 'KUBE_UNREACHABLE', message, { cause: options?.cause });
  }
}

/** A kind the server does not serve (the RESTMapper's `NoKindMatchError`). */
export class NoKindMatchError extends FlotillaError {
  constructor(kind: string, apiVersion: string) {
    super('KUBE_NO_KIND_MATCH', `no matches for kind "${kind}" in version "${apiVersion}"`);
  }
}

/** Builds the error for a non-2xx answer from its body text. */
export function apiErrorFromResponse(httpCode: number, bodyText: string): KubeApiError {
  let status: Status = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (isPlainObject(parsed) && parsed.kind === 'Status') status = parsed;
  } catch {
    // Not JSON (a proxy's HTML page, say): the HTTP code decides the reason.
  }
  if (!status.message && bodyText && !status.kind) status = { message: `the server responded with HTTP ${httpCode}: ${bodyText.slice(0, 200).trim()}` };
  return new KubeApiError(status, httpCode);
}

function reasonIs(error: unknown, ...reasons: string[]): boolean {
  return error instanceof KubeApiError && reasons.includes(error.reason);
}

export const isNotFound = (error: unknown): boolean => reasonIs(error, 'NotFound');
export const isAlreadyExists = (error: unknown): boolean => reasonIs(error, 'AlreadyExists');
export const isConflict = (error: unknown): boolean => reasonIs(error, 'Conflict');
export const isInvalid = (error: unknown): boolean => reasonIs(error, 'Invalid');
export const isBadRequest = (error: unknown): boolean => reasonIs(error, 'BadRequest');
export const isForbidden = (error: unknown): boolean => reasonIs(error, 'Forbidden');
export const isTooManyRequests = (error: unknown): boolean => reasonIs(error, 'TooManyRequests');
/** 410: the resourceVersion or continue token is older than the server keeps (`Expired` or `Gone`). */
export const isExpired = (error: unknown): boolean => reasonIs(error, 'Expired', 'Gone') || (error instanceof KubeApiError && error.httpCode === 410);
/** Connection refused, reset or timed out: worth retrying the same request later. */
export const isTransportError = (error: unknown): boolean => error instanceof KubeTransportError;

/**
 * Google API errors: a canonical status (gRPC code name), its HTTP code, and the JSON body
 * `{"error":{"code","message","status","details"}}` that gcloud and the client libraries parse.
 * Messages never carry payloads or tokens: they name resources only.
 *
 * @module
 */
import { FlotillaError } from '../util/index.js';

/** HTTP code of each canonical status, as Google's HTTP mapping (google/rpc/code.proto) has it. */
export const HTTP_CODE_OF_STATUS = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ABORTED: 409,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
} as const;

/** A canonical error status name. */
export type GoogleStatus = keyof typeof HTTP_CODE_OF_STATUS;

/** One entry of `error.details`: a typed protobuf `Any` in JSON form. */
export type ErrorDetail = { readonly '@type': string } & Record<string, unknown>;

/** An error answered to the client in Google's JSON error format. */
export class GoogleApiError extends FlotillaError {
  constructor(
    readonly status: GoogleStatus,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(`GOOGLE_${status}`, message);
  }

  /** The HTTP status code of the response. */
  get httpCode(): number {
    return HTTP_CODE_OF_STATUS[this.status];
  }

  /** The response body. `details` is left out when empty, as Google does. */
  toBody(): { error: { code: number; message: string; status: GoogleStatus; details?: readonly ErrorDetail[] } } {
    const error = { code: this.httpCode, message: this.message, status: this.status };
    return { error: this.details.length > 0 ? { ...error, details: this.details } : error };
  }
}

/** `google.rpc.ErrorInfo`, the machine-readable reason Google attaches to auth errors. */
export function errorInfo(reason: string, domain: string, metadata: Record<string, string>): ErrorDetail {
  return { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain, metadata };
}

export const invalidArgument = (message: string): GoogleApiError => new GoogleApiError('INVALID_ARGUMENT', message);
export const notFound = (message: string): GoogleApiError => new GoogleApiError('NOT_FOUND', message);
export const failedPrecondition = (message: string): GoogleApiError => new GoogleApiError('FAILED_PRECONDITION', message);
export const alreadyExists = (message: string): GoogleApiError => new GoogleApiError('ALREADY_EXISTS', message);

/**
 * Secret Manager's denial: the same answer whether or not the resource exists, so that a caller
 * without access learns nothing about which secrets there are.
 */
export function permissionDenied(permission: string, resource: string): GoogleApiError {
  return new GoogleApiError(
    'PERMISSION_DENIED',
    `Permission '${permission}' denied for resource '${resource}' (or it may not exist).`,
    [errorInfo('IAM_PERMISSION_DENIED', 'iam.googleapis.com', { permission, resource })],
  );
}

/**
 * API errors as `Status` objects, byte for byte like apimachinery's `pkg/api/errors/errors.go`:
 * same reasons, codes, message wording and `details` (whose `kind` is the resource plural for
 * most errors, and the Kind for `Invalid`). Store errors are mapped here, in one place.
 *
 * @module
 */
import {
  CompactedError, FutureRevisionError, KeyExistsError, KeyNotFoundError, RevisionConflictError, type StoreError,
} from '../../store/index.js';
import { FlotillaError } from '../../util/index.js';
import type { FieldError } from '../registry/types.js';

export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly uid?: string;
  readonly causes?: readonly StatusCause[];
  readonly retryAfterSeconds?: number;
}

/** The `Status` kind of `v1`. */
export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure' | 'Success';
  readonly message?: string;
  readonly reason?: string;
  readonly details?: StatusDetails;
  readonly code: number;
}

/** A failed request: its Status body and HTTP code. */
export class ApiError extends FlotillaError {
  constructor(
    readonly httpCode: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(`API_${reason === '' ? 'UNKNOWN' : reason.toUpperCase()}`, message);
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      // StatusReasonUnknown ("") is left out, as kube's omitempty does.
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
      code: this.httpCode,
    };
  }
}

/** A group and resource, as `schema.GroupResource`. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

/** `resource.group`, or `resource` for core (GroupResource.String()). */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

function details(gr: GroupResource, name: string, extra: Partial<StatusDetails> = {}): StatusDetails {
  return { name, ...(gr.group === '' ? {} : { group: gr.group }), kind: gr.resource, ...extra };
}

export function notFound(gr: GroupResource, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, details(gr, name));
}

/** The answer for paths that name no known resource. */
export function pathNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function alreadyExists(gr: GroupResource, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, details(gr, name));
}

/** The optimistic-concurrency failure. */
export function conflict(gr: GroupResource, name: string, reason = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${reason}`, details(gr, name));
}

/** `Kind.group "name" is invalid: …` with one cause per field error (errors.NewInvalid). */
export function invalid(kind: { group: string; kind: string }, name: string, errors: readonly FieldError[]): ApiError {
  const qualifiedKind = kind.group === '' ? kind.kind : `${kind.kind}.${kind.group}`;
  const texts = errors.map((e) => `${e.field}: ${e.message}`);
  const aggregate = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${aggregate}`, {
    name,
    ...(kind.group === '' ? {} : { group: kind.group }),
    kind: kind.kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function forbidden(gr: GroupResource, name: string, why: string, causes?: readonly StatusCause[]): ApiError {
  const subject = name === '' ? `${qualifiedResource(gr)} is forbidden` : `${qualifiedResource(gr)} "${name}" is forbidden`;
  return new ApiError(403, 'Forbidden', `${subject}: ${why}`, details(gr, name, causes ? { causes } : {}));
}

export function methodNotSupported(gr: GroupResource, action: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`, {
    ...(gr.group === '' ? {} : { group: gr.group }),
    kind: gr.resource,
  });
}

/** 410 Expired, for too-old resource versions and continue tokens. */
export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export function unsupportedMediaType(contentType: string, accepted: readonly string[]): ApiError {
  void contentType;
  return new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

export function notAcceptable(accepted: readonly string[]): ApiError {
  return new ApiError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

export function requestEntityTooLarge(limit: number): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

export function tooLargeResourceVersion(requested: number, current: number): ApiError {
  return new ApiError(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });
}

/** An error kube-apiserver did not map to a Status (ErrorToAPIStatus): 500, no reason, the error text as message. */
export function unknownError(message: string): ApiError {
  return new ApiError(500, '', message);
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** Maps a store failure on `gr`/`name` to the Status kube-apiserver gives for it. */
export function fromStoreError(error: StoreError, gr: GroupResource, name: string): ApiError {
  if (error instanceof KeyExistsError) return alreadyExists(gr, name);
  if (error instanceof KeyNotFoundError) return notFound(gr, name);
  if (error instanceof RevisionConflictError) return conflict(gr, name);
  if (error instanceof CompactedError) return expired(`too old resource version: ${error.requested} (${error.compacted})`);
  if (error instanceof FutureRevisionError) return tooLargeResourceVersion(error.requested, error.current);
  return internalError(error.message);
}

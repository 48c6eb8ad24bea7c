/**
 * The Reconciler contract (controller-runtime `pkg/reconcile`). A reconcile is level-based: it
 * receives only the key of an object ({@link Request}), reads current state (usually from the
 * informer cache), and makes the world match. It must be idempotent.
 *
 * Outcomes, exactly as controller-runtime's `reconcileHandler`:
 * - resolves `{}` → done; the key's retry count is reset (`Forget`);
 * - resolves `{ requeueAfterMs }` → reset, then reconciled again after that delay;
 * - throws → retried with the queue's rate limiter (per-key exponential backoff);
 * - throws a {@link TerminalError} → counted and logged, never retried.
 *
 * @module
 */
import { FlotillaError, type Clock, type Logger } from '../util/index.js';

/** What to reconcile: a key, never the event that caused it. `cluster` is set for remote-cluster sources. */
export interface Request {
  readonly namespace?: string;
  readonly name: string;
  readonly cluster?: string;
}

/** `{}` means done. `requeueAfterMs` asks for another pass after that delay (periodic refresh). */
export interface Result {
  readonly requeueAfterMs?: number;
}

/** What each reconcile pass receives besides its request. */
export interface ReconcileContext {
  /** Aborted when the controller stops and the graceful-shutdown period is over. */
  readonly signal: AbortSignal;
  /** A logger carrying the controller name, the request and the `reconcileID`. */
  readonly log: Logger;
  /** A unique id of this pass, for correlating logs. */
  readonly reconcileId: string;
  readonly clock: Clock;
}

/** Reconciles one request. */
export interface Reconciler {
  reconcile(request: Request, context: ReconcileContext): Promise<Result>;
}

/** An error that retrying cannot fix (bad spec, missing permission by design): never requeued. */
export class TerminalError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'RECONCILE_TERMINAL', message, options);
  }
}

/** Adapts a function to the {@link Reconciler} interface (controller-runtime's `reconcile.Func`). */
export function reconcilerFunc(fn: (request: Request, context: ReconcileContext) => Promise<Result>): Reconciler {
  return { reconcile: fn };
}

/** The queue key of a request: `[cluster|]namespace/name`, or `[cluster|]name` for cluster-scoped objects. */
export function requestKey(request: Request): string {
  const local = request.namespace ? `${request.namespace}/${request.name}` : request.name;
  return request.cluster ? `${request.cluster}|${local}` : local;
}

/** The request of an object (its namespace and name), optionally in a remote cluster. */
export function requestFor(obj: { metadata?: { namespace?: string; name?: string } }, cluster?: string): Request {
  return {
    name: obj.metadata?.name ?? '',
    ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}),
    ...(cluster ? { cluster } : {}),
  };
}

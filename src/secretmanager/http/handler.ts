/**
 * The request pipeline: route, authenticate, read the body, run the handler, answer in Google's
 * error format on failure, and append exactly one audit event per call, whatever happened.
 * Nothing from a request body or a token is ever logged.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../util/index.js';
import { ANONYMOUS, principalName } from '../access.js';
import type { AuditDecision, AuditLog } from '../audit-log.js';
import { OAuthError, type Authenticator } from '../authenticator.js';
import { GoogleApiError } from '../errors.js';
import type { Call } from '../service-context.js';
import { readBody, sendGoogleError, sendJson, sendOAuthError } from './exchange.js';
import { matchRoute, RESPONDED, type Route, type RouteContext, type RouteMatch } from './router.js';

export interface HandlerOptions {
  readonly routes: readonly Route[];
  readonly authenticator: Authenticator;
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** Aborts when the server stops; long polls and streams end with it. */
  readonly stopping: AbortSignal;
}

const EMPTY = Buffer.alloc(0);

interface Outcome {
  readonly status: string;
  readonly decision: AuditDecision;
}

/** How the audit log records an error, and the answer to send for it. */
function classify(error: unknown, logger: Logger): Outcome & { readonly send: (response: ServerResponse) => void } {
  if (error instanceof GoogleApiError) {
    const denied = error.status === 'UNAUTHENTICATED' || error.status === 'PERMISSION_DENIED';
    return { status: error.status, decision: denied ? 'denied' : 'allowed', send: (r) => sendGoogleError(r, error) };
  }
  if (error instanceof OAuthError) return { status: error.error, decision: 'denied', send: (r) => sendOAuthError(r, error) };
  logger.error({ err: error }, 'request failed');
  return { status: 'INTERNAL', decision: 'allowed', send: (r) => sendGoogleError(r, new GoogleApiError('INTERNAL', 'Internal error encountered.')) };
}

/** An AbortSignal that fires when the server stops or the client disconnects. */
function requestSignal(response: ServerResponse, stopping: AbortSignal): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  response.once('close', abort);
  stopping.addEventListener('abort', abort, { once: true });
  return { signal: controller.signal, release: () => stopping.removeEventListener('abort', abort) };
}

/** Reads the body (for methods that have one) and runs the route's handler. */
async function run(match: RouteMatch, context: Omit<RouteContext, 'params' | 'body'>): Promise<unknown> {
  const { method } = context.request;
  const body = method === 'GET' || method === 'DELETE' ? EMPTY : await readBody(context.request);
  return match.route.handle({ ...context, params: match.params, body });
}

/**
 * Runs one call. The audit event is appended BEFORE the answer is sent: if it cannot be
 * written, the caller gets an internal error instead of the result (a payload is never handed
 * out unaudited).
 */
async function handle(request: IncomingMessage, response: ServerResponse, options: HandlerOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const match = matchRoute(options.routes, request.method ?? 'GET', url.pathname);
  const call: Call = { principal: ANONYMOUS, audit: { resource: url.pathname } };
  const { signal, release } = requestSignal(response, options.stopping);
  let outcome: Outcome & { readonly send: (response: ServerResponse) => void };
  try {
    if (match?.route.auth !== 'none') call.principal = options.authenticator.authenticate(request.headers.authorization);
    if (!match) throw new GoogleApiError('NOT_FOUND', `Method not found: ${request.method} ${url.pathname.slice(0, 300)}`);
    const result = await run(match, { call, query: url.searchParams, request, response, signal });
    outcome = { status: 'OK', decision: 'allowed', send: (r) => result !== RESPONDED && sendJson(r, 200, result) };
  } catch (error) {
    outcome = classify(error, options.logger);
  } finally {
    release();
  }
  const principal = recordCall(options.audit, call, call.audit.method ?? match?.route.name ?? 'UnknownMethod', outcome);
  if (!response.headersSent) outcome.send(response);
  else if (!response.writableEnded) response.destroy();
  options.logger.debug({ method: request.method, path: url.pathname, status: outcome.status, principal }, 'call');
}

/** Appends the call's audit event; returns the principal name it recorded. */
function recordCall(audit: AuditLog, call: Call, method: string, outcome: Outcome): string {
  const principal = call.audit.principal ?? principalName(call.principal);
  audit.append({
    principal,
    method,
    project: call.audit.project ?? null,
    secretId: call.audit.secretId ?? null,
    resource: call.audit.resource,
    decision: outcome.decision,
    status: outcome.status,
  });
  return principal;
}

/** The `request` listener of the HTTP server. */
export function createRequestHandler(options: HandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request handling failed');
      if (!response.headersSent) sendGoogleError(response, new GoogleApiError('INTERNAL', 'Internal error encountered.'));
      else response.destroy();
    });
  };
}

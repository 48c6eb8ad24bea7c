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
import type { AuditDecision, AuditLog, NewAuditEvent } from '../audit-log.js';
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

/**
 * The lifetime of one request as an AbortSignal that fires when the server stops or the client
 * disconnects. Created on first use: only watches need it, and an AbortController per request
 * is a measurable cost on the `:access` path.
 */
class RequestLifetime {
  #controller: AbortController | undefined;
  readonly #abort = (): void => this.#controller?.abort();

  constructor(
    private readonly response: ServerResponse,
    private readonly stopping: AbortSignal,
  ) {}

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      this.response.once('close', this.#abort);
      this.stopping.addEventListener('abort', this.#abort, { once: true });
      if (this.stopping.aborted) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  release(): void {
    if (this.#controller) this.stopping.removeEventListener('abort', this.#abort);
  }
}

interface RunInput {
  readonly call: Call;
  readonly url: URL;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly lifetime: RequestLifetime;
}

/** Reads the body (for methods that have one) and runs the route's handler. */
async function run(match: RouteMatch, input: RunInput): Promise<unknown> {
  const { call, url, request, response, lifetime } = input;
  const body = request.method === 'GET' || request.method === 'DELETE' ? EMPTY : await readBody(request);
  const context: RouteContext = {
    call,
    params: match.params,
    query: url.searchParams,
    body,
    request,
    response,
    get signal() {
      return lifetime.signal;
    },
  };
  return match.route.handle(context);
}

type Answer = Outcome & { readonly send: (response: ServerResponse) => void };

/** Authenticates, routes and runs a call; never throws, the error becomes the answer. */
async function execute(input: Omit<RunInput, 'lifetime'>, match: RouteMatch | undefined, options: HandlerOptions): Promise<Answer> {
  const { call, request, url } = input;
  const lifetime = new RequestLifetime(input.response, options.stopping);
  try {
    if (match?.route.auth !== 'none') call.principal = options.authenticator.authenticate(request.headers.authorization);
    if (!match) throw new GoogleApiError('NOT_FOUND', `Method not found: ${request.method} ${url.pathname.slice(0, 300)}`);
    const result = await run(match, { ...input, lifetime });
    return { status: 'OK', decision: 'allowed', send: (r) => result !== RESPONDED && sendJson(r, 200, result) };
  } catch (error) {
    return classify(error, options.logger);
  } finally {
    lifetime.release();
  }
}

/**
 * Runs one call. Its audit event is committed BEFORE the answer is sent: if it cannot be
 * written, the caller gets an internal error instead of the result (a payload is never handed
 * out unaudited).
 */
async function handle(request: IncomingMessage, response: ServerResponse, options: HandlerOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const match = matchRoute(options.routes, request.method ?? 'GET', url.pathname);
  const call: Call = { principal: ANONYMOUS, audit: { resource: url.pathname } };
  let answer = await execute({ call, url, request, response }, match, options);
  const event = auditEvent(call, match?.route.name, answer);
  try {
    await options.audit.record(event);
  } catch (error) {
    options.logger.error({ err: error }, 'audit log write failed; answering with an internal error');
    answer = classify(new Error('audit log write failed'), options.logger);
  }
  if (!response.headersSent) answer.send(response);
  else if (!response.writableEnded) response.destroy();
  options.logger.debug({ method: request.method, path: url.pathname, status: answer.status, principal: event.principal }, 'call');
}

/** The audit event of a finished call. */
function auditEvent(call: Call, routeName: string | undefined, outcome: Outcome): NewAuditEvent {
  return {
    principal: call.audit.principal ?? principalName(call.principal),
    method: call.audit.method ?? routeName ?? 'UnknownMethod',
    project: call.audit.project ?? null,
    secretId: call.audit.secretId ?? null,
    resource: call.audit.resource,
    decision: outcome.decision,
    status: outcome.status,
  };
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

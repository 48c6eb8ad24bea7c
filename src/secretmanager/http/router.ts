/**
 * The route table: each route is an HTTP method, a path pattern whose groups are the path
 * parameters, the API method name the audit log records, and a handler returning the JSON body.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Call } from '../service-context.js';

/** A path segment without `/` or `:` (so `secrets/x:addVersion` splits at the colon). */
export const SEGMENT = '([^/:]+)';

export interface RouteContext {
  readonly call: Call;
  /** Decoded path parameters, in pattern order. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  /** The raw body; routes parse it as they need. */
  readonly body: Buffer;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** Aborts when the client goes away or the server stops. */
  readonly signal: AbortSignal;
}

/** Returned by a handler that wrote the response itself (server-sent events). */
export const RESPONDED = Symbol('responded');

export interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly pattern: RegExp;
  /** API method name for the audit log, as Google names it (`AccessSecretVersion`). */
  readonly name: string;
  /** `none` for the OAuth token endpoint, which authenticates by its assertion. */
  readonly auth?: 'none';
  readonly handle: (context: RouteContext) => unknown;
}

/** Builds an anchored pattern from a path template whose `{x}` are parameters. */
export function path(template: string): RegExp {
  const escaped = template.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{[a-z]+\}/gi, SEGMENT);
  return new RegExp(`^${escaped}$`);
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: string[];
}

/** Finds the route for a method and path; undefined when none matches. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (match) return { route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return undefined;
}

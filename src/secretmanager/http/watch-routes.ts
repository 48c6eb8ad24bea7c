/**
 * `GET /v1/projects/{p}/secrets:watch`: change notifications for a project's secrets, in two
 * forms over one feed (see watch-service.ts for what an event is and who sees it).
 *
 * Long poll (default): `?cursor=N&timeout=30s` answers `{"events":[…],"cursor":"M"}` as soon as
 * there is an event after N, or with no events when the timeout (default 30 s, at most 300 s)
 * passes. Without a cursor it answers at once with the current cursor, so a client takes the
 * cursor first, then reads the state it cares about, then polls: nothing falls in between.
 *
 * Server-sent events (`Accept: text/event-stream`): one `ready` event carrying the starting
 * cursor, then one message per change with `id:` set to its cursor, and a comment every
 * `heartbeat` to keep proxies from closing the stream. A client reconnects with the standard
 * `Last-Event-ID` header (or `?cursor=`) and misses nothing.
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { Clock } from '../../util/index.js';
import type { ChangeFeed } from '../change-feed.js';
import { invalidArgument } from '../errors.js';
import { parseCursor, type WatchScope, type WatchService } from '../watch-service.js';
import { path, RESPONDED, type Route, type RouteContext } from './router.js';

export interface WatchRouteOptions {
  readonly service: WatchService;
  readonly feed: ChangeFeed;
  readonly clock: Clock;
  /** Interval of keep-alive comments on event streams. Defaults to 15 s. */
  readonly heartbeatMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 300_000;

/** Parses a Google duration (`30s`, `1.5s`) into milliseconds. */
function parseTimeout(text: string | null): number {
  if (!text) return DEFAULT_TIMEOUT_MS;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(text);
  if (!match) throw invalidArgument(`Invalid timeout [${text.slice(0, 50)}]: expected a duration such as 30s.`);
  return Math.min(MAX_TIMEOUT_MS, Math.round(Number(match[1]) * 1000));
}

async function longPoll(context: RouteContext, options: WatchRouteOptions, scope: WatchScope, start: number | undefined): Promise<unknown> {
  const { service, feed, clock } = options;
  if (start === undefined) return { events: [], cursor: String(service.head()) };
  service.head(start);
  const deadline = clock.now() + parseTimeout(context.query.get('timeout'));
  let cursor = start;
  for (;;) {
    const batch = service.next(scope, cursor);
    cursor = batch.cursor;
    const remaining = deadline - clock.now();
    if (batch.events.length > 0 || remaining <= 0) return { events: batch.events, cursor: String(cursor) };
    if ((await feed.wait(remaining, context.signal)) === 'aborted') return { events: [], cursor: String(cursor) };
  }
}

function writeEvent(response: ServerResponse, id: number, data: unknown, event?: string): void {
  response.write(`${event ? `event: ${event}\n` : ''}id: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
}

async function stream(context: RouteContext, options: WatchRouteOptions, scope: WatchScope, start: number | undefined): Promise<typeof RESPONDED> {
  const { service, feed } = options;
  let cursor = start ?? service.head();
  service.head(cursor);
  const { response } = context;
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  writeEvent(response, cursor, { cursor: String(cursor) }, 'ready');
  while (!context.signal.aborted) {
    const batch = service.next(scope, cursor);
    for (const event of batch.events) writeEvent(response, Number(event.cursor), event);
    cursor = batch.cursor;
    const result = await feed.wait(options.heartbeatMs ?? 15_000, context.signal);
    if (result === 'timeout') response.write(': keep-alive\n\n');
  }
  response.end();
  return RESPONDED;
}

export function watchRoutes(options: WatchRouteOptions): Route[] {
  return [
    {
      method: 'GET',
      pattern: path('/v1/projects/{p}/secrets:watch'),
      name: 'WatchSecrets',
      handle: (context) => {
        const scope = options.service.scope(context.call, context.params[0]!);
        const lastEventId = context.request.headers['last-event-id'];
        const start = parseCursor(context.query.get('cursor') ?? (typeof lastEventId === 'string' ? lastEventId : undefined));
        const wantsStream = (context.request.headers.accept ?? '').includes('text/event-stream');
        return wantsStream ? stream(context, options, scope, start) : longPoll(context, options, scope, start);
      },
    },
  ];
}

/**
 * Change notifications, which Google's API lacks (it publishes to Pub/Sub instead): a caller
 * asks for the changes of a project's secrets after a cursor and gets each event it may see,
 * at once if there are any, otherwise as soon as one happens (long poll or server-sent events;
 * see http/watch-routes.ts). An event is visible to a principal that could read the secret's
 * versions or metadata when the event happened.
 *
 * @module
 */
import type { Principal } from './access.js';
import type { ChangeEvent } from './change-feed.js';
import { failedPrecondition, invalidArgument } from './errors.js';
import type { JsonObject } from './json-input.js';
import { secretName, versionName } from './names.js';
import { projectRef, type Call, type ServiceDeps } from './service-context.js';

/** Permissions any of which makes a secret's events visible. */
const READ_PERMISSIONS = ['secretmanager.versions.access', 'secretmanager.versions.get', 'secretmanager.secrets.get'];
/** Events returned by one poll at most. */
export const WATCH_BATCH = 500;

export interface WatchScope {
  readonly project: string;
  /** The project number, for resource names in events. */
  readonly number: string;
  readonly principal: Principal;
}

export interface WatchBatch {
  readonly events: JsonObject[];
  /** Cursor to resume from: past every event examined, visible or not. */
  readonly cursor: number;
}

/** Parses a cursor parameter (a decimal string). */
export function parseCursor(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  if (!/^\d{1,15}$/.test(text)) throw invalidArgument(`Invalid cursor [${text.slice(0, 50)}]: expected the cursor of a previous answer.`);
  return Number(text);
}

export class WatchService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Resolves the watched project for a call. Any authenticated caller may watch; events are filtered. */
  scope(call: Call, segment: string): WatchScope {
    const project = projectRef(this.deps, segment);
    if (!project.id) throw failedPrecondition(`Project [${segment}] is unknown here; watch it by project ID.`);
    call.audit.project = project.id;
    call.audit.resource = `projects/${project.id}/secrets`;
    return { project: project.id, number: project.display, principal: call.principal };
  }

  /** The newest cursor; also checks that a client's cursor is not from another history. */
  head(after?: number): number {
    const head = this.deps.feed.head();
    if (after !== undefined && after > head) {
      throw failedPrecondition(`Cursor ${after} is ahead of this server's change feed (at ${head}); the data directory was replaced. Start again without a cursor.`);
    }
    return head;
  }

  #visible(scope: WatchScope, event: ChangeEvent): boolean {
    if (scope.principal.kind === 'admin') return true;
    const secretPolicy = this.deps.access.secretPolicy(event.secretPolicy);
    return READ_PERMISSIONS.some((p) => this.deps.access.allows(scope.principal, p, { project: scope.project, secretPolicy }));
  }

  /** Visible events after `cursor`, and the cursor to continue from. */
  next(scope: WatchScope, cursor: number): WatchBatch {
    // Requests are handled one at a time on one thread, so nothing commits between these reads:
    // when the batch is not full, every event up to the head has been seen.
    const head = this.deps.feed.head();
    const events = this.deps.feed.since(cursor, scope.project, WATCH_BATCH);
    const next = events.length === WATCH_BATCH ? events.at(-1)!.cursor : Math.max(head, cursor);
    return { events: events.filter((e) => this.#visible(scope, e)).map((e) => eventJson(scope.number, e)), cursor: next };
  }
}

/** An event as the watch endpoint sends it. */
export function eventJson(number: string, event: ChangeEvent): JsonObject {
  return {
    cursor: String(event.cursor),
    eventType: event.type,
    eventTime: event.time,
    secret: secretName(number, event.secretId),
    ...(event.version !== null ? { version: versionName(number, event.secretId, event.version) } : {}),
  };
}

/**
 * The audit log: one event per call (who, which method, which secret and version, when, and
 * whether it was allowed), appended to a table that triggers make append-only. Payloads never
 * reach it: an event names resources, never data.
 *
 * @module
 */
import type { Clock } from '../util/index.js';
import type { Db } from './database.js';

/** `denied` when authentication or authorization refused the call, `allowed` otherwise. */
export type AuditDecision = 'allowed' | 'denied';

export interface AuditEvent {
  readonly seq: number;
  /** RFC 3339 UTC time the call finished. */
  readonly time: string;
  /** `admin`, `serviceAccount:EMAIL`, or `anonymous` for calls without valid credentials. */
  readonly principal: string;
  /** The API method, as Google names it (`AccessSecretVersion`, `CreateServiceAccountKey`…). */
  readonly method: string;
  readonly project: string | null;
  readonly secretId: string | null;
  /** The resource acted on, with `latest` resolved to the version number when it was. */
  readonly resource: string;
  readonly decision: AuditDecision;
  /** The outcome: `OK` or the canonical error status (`NOT_FOUND`, `PERMISSION_DENIED`…). */
  readonly status: string;
}

export type NewAuditEvent = Omit<AuditEvent, 'seq' | 'time'>;

interface AuditRow {
  seq: number;
  time: string;
  principal: string;
  method: string;
  project: string | null;
  secret_id: string | null;
  resource: string;
  decision: AuditDecision;
  status: string;
}

function fromRow(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    time: row.time,
    principal: row.principal,
    method: row.method,
    project: row.project,
    secretId: row.secret_id,
    resource: row.resource,
    decision: row.decision,
    status: row.status,
  };
}

/** Appends audit events. */
export class AuditLog {
  readonly #insert;

  constructor(db: Db, private readonly clock: Clock) {
    this.#insert = db.prepare(
      'INSERT INTO audit_log (time, principal, method, project, secret_id, resource, decision, status) VALUES (@time, @principal, @method, @project, @secretId, @resource, @decision, @status)',
    );
  }

  append(event: NewAuditEvent): void {
    this.#insert.run({ ...event, time: new Date(this.clock.now()).toISOString() });
  }
}

export interface AuditQuery {
  /** Only events about this secret: a secret ID, or `projects/P/secrets/ID`. */
  readonly secret?: string;
}

/** Reads events in order, optionally only those of one secret. */
export function* readAuditEvents(db: Db, query: AuditQuery = {}): Generator<AuditEvent> {
  const conditions: string[] = [];
  const params: string[] = [];
  if (query.secret) {
    const full = /^projects\/([^/]+)\/secrets\/([^/]+)$/.exec(query.secret);
    conditions.push('secret_id = ?');
    params.push(full ? full[2]! : query.secret);
    if (full) {
      conditions.push('project = ?');
      params.push(full[1]!);
    }
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  for (const row of db.prepare<string[], AuditRow>(`SELECT * FROM audit_log ${where} ORDER BY seq`).iterate(...params)) yield fromRow(row);
}

/** One line per event: `TIME PRINCIPAL METHOD RESOURCE DECISION STATUS`. */
export function formatAuditEvent(event: AuditEvent): string {
  return `${event.time} ${event.principal} ${event.method} ${event.resource} ${event.decision} ${event.status}`;
}

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

interface PendingEvent {
  readonly row: NewAuditEvent & { readonly time: string };
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Appends audit events with group commit: events recorded during one turn of the event loop are
 * written in one transaction, and each caller is told once its event is committed. Callers
 * answer their request only then, so no answer goes out unaudited, and concurrent calls share
 * the cost of a commit.
 */
export class AuditLog {
  readonly #insertBatch: (rows: readonly PendingEvent[]) => void;
  #pending: PendingEvent[] = [];

  constructor(db: Db, private readonly clock: Clock) {
    const insert = db.prepare(
      'INSERT INTO audit_log (time, principal, method, project, secret_id, resource, decision, status) VALUES (@time, @principal, @method, @project, @secretId, @resource, @decision, @status)',
    );
    this.#insertBatch = db.transaction((rows: readonly PendingEvent[]) => {
      for (const pending of rows) insert.run(pending.row);
    });
  }

  /** Records an event; resolves once it is committed, rejects if it could not be written. */
  record(event: NewAuditEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ row: { ...event, time: new Date(this.clock.now()).toISOString() }, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Writes every recorded event now (the server calls it before closing the database). */
  flush(): void {
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    try {
      this.#insertBatch(batch);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const pending of batch) pending.resolve();
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

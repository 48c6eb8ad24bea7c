/**
 * An event recorder writing core/v1 Events, as client-go's `tools/record`: the first occurrence
 * creates `<object>.<hex time>` in the object's namespace (`default` for cluster-scoped objects);
 * repeats of the same event (same source, object, type, reason and message) patch its `count`
 * and `lastTimestamp` instead of creating new ones; a per-object token bucket (burst 25, one
 * token per 5 minutes) drops floods. Recording never blocks or throws: writes run in the
 * background, failures are logged. Messages pass through the redactor, so a secret value that
 * slipped into one never reaches the API server.
 *
 * @module
 */
import type { KubeObject } from '../api/object.js';
import { type KubeClient, isNotFound } from '../kube/index.js';
import { type Clock, type Logger, type Redactor, TokenBucket, errorMessage } from '../util/index.js';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  readonly client: KubeClient;
  /** `source.component` and `reportingComponent` (the controller name). */
  readonly component: string;
  /** `source.host` and `reportingInstance`. */
  readonly host?: string;
  readonly clock: Clock;
  readonly log?: Logger;
  readonly redactor?: Redactor;
  /** Distinct events remembered for de-duplication. Defaults to 4096. */
  readonly cacheSize?: number;
}

interface Observation {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
}

const MAX_MESSAGE = 1024;
const EVENT = { apiVersion: 'v1', kind: 'Event' } as const;

function seconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Records events about objects. */
export class EventRecorder {
  readonly #o: EventRecorderOptions;
  readonly #seen = new Map<string, Observation>();
  readonly #spam = new Map<string, TokenBucket>();
  readonly #pending = new Set<Promise<void>>();
  /** Writes of one event key run in order, so counts never go backwards. */
  readonly #chains = new Map<string, Promise<void>>();
  #sequence = 0;

  constructor(options: EventRecorderOptions) {
    this.#o = options;
  }

  /** Records an event about `obj`. Returns at once; the write happens in the background. */
  event(obj: KubeObject, type: EventType, reason: string, message: string): void {
    const meta = obj.metadata ?? {};
    const text = this.#clean(message);
    const involved = {
      kind: obj.kind, namespace: meta.namespace, name: meta.name, uid: meta.uid, apiVersion: obj.apiVersion, resourceVersion: meta.resourceVersion,
    };
    const source = [this.#o.component, this.#o.host ?? '', involved.kind, involved.namespace, involved.name, involved.uid, involved.apiVersion, type].join('\u0000');
    if (!this.#allow(source)) return;
    const key = [source, reason, text].join('\u0000');
    const previous = this.#chains.get(key) ?? Promise.resolve();
    const write = previous.then(() => this.#write(key, { involved, type, reason, message: text })).catch((error: unknown) => {
      this.#o.log?.warn({ err: errorMessage(error), reason, object: `${involved.namespace ?? ''}/${involved.name ?? ''}` }, 'failed to record event');
    });
    this.#chains.set(key, write);
    this.#pending.add(write);
    void write.finally(() => {
      this.#pending.delete(write);
      if (this.#chains.get(key) === write) this.#chains.delete(key);
    });
  }

  /** Resolves when every event recorded so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  #clean(message: string): string {
    const redacted = this.#o.redactor ? this.#o.redactor.redact(message) : message;
    return redacted.length > MAX_MESSAGE ? `${redacted.slice(0, MAX_MESSAGE - 3)}...` : redacted;
  }

  /** client-go's spam filter: a token bucket per source object. */
  #allow(source: string): boolean {
    let bucket = this.#spam.get(source);
    if (!bucket) {
      bucket = new TokenBucket({ qps: 1 / 300, burst: 25, clock: this.#o.clock });
      this.#remember(this.#spam, source, bucket);
    }
    return bucket.tryTake();
  }

  #remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > (this.#o.cacheSize ?? 4096)) map.delete(map.keys().next().value!);
  }

  async #write(key: string, e: { involved: Record<string, unknown>; type: EventType; reason: string; message: string }): Promise<void> {
    const now = seconds(this.#o.clock.now());
    const seen = this.#seen.get(key);
    if (seen) {
      const count = seen.count + 1;
      try {
        await this.#o.client.patch(EVENT, seen.name, { count, lastTimestamp: now, message: e.message }, { type: 'merge', namespace: seen.namespace });
        this.#remember(this.#seen, key, { ...seen, count });
        return;
      } catch (error) {
        // The event was deleted (or expired); record it afresh, as client-go does.
        if (!isNotFound(error)) throw error;
      }
    }
    const namespace = typeof e.involved.namespace === 'string' && e.involved.namespace ? e.involved.namespace : 'default';
    const name = `${typeof e.involved.name === 'string' ? e.involved.name : 'unknown'}.${this.#uniqueSuffix()}`;
    await this.#o.client.create({
      ...EVENT,
      metadata: { name, namespace },
      involvedObject: Object.fromEntries(Object.entries(e.involved).filter(([, v]) => v !== undefined)),
      reason: e.reason, message: e.message, type: e.type, count: 1, firstTimestamp: now, lastTimestamp: now,
      source: { component: this.#o.component, ...(this.#o.host ? { host: this.#o.host } : {}) },
      reportingComponent: this.#o.component, reportingInstance: this.#o.host ?? '',
    });
    this.#remember(this.#seen, key, { name, namespace, count: 1, firstTimestamp: now });
  }

  /** client-go names events `<object>.<UnixNano in hex>`; we have milliseconds, so a sequence fills the nanoseconds. */
  #uniqueSuffix(): string {
    const nanos = BigInt(this.#o.clock.now()) * 1_000_000n + BigInt(this.#sequence++ % 1_000_000);
    return nanos.toString(16);
  }
}

/**
 * Our reflector (client-go `tools/cache/reflector.go`), written because client-node's informer
 * stops for good on any watch error other than 410 and relists in a hot loop on repeated 410s.
 *
 * The loop: LIST in pages of `pageSize` (a consistent snapshot), hand the items to the sink, then
 * WATCH from the list's resourceVersion with `allowWatchBookmarks` and a random `timeoutSeconds`
 * in [5, 10) minutes. When a watch ends cleanly, watch again from the last resourceVersion seen.
 * When the server answers 410 Expired (HTTP or in-stream ERROR), relist. When the connection is
 * refused or the server says 429, back off and re-watch from the same resourceVersion (no relist).
 * Any other failure backs off and relists. Backoff: 800 ms doubling to 30 s with full jitter,
 * reset after 2 minutes without failures, as client-go. In watch-list mode the initial state
 * comes from a `sendInitialEvents=true` watch ending in the `k8s.io/initial-events-end` bookmark;
 * a server that rejects it gets plain LIST from then on.
 *
 * @module
 */
import type { KubeObject } from '../api/object.js';
import { type GroupVersionKind, type KubeClient, type Stream, type WatchEvent, KubeApiError, isExpired, isTooManyRequests } from '../kube/index.js';
import { Backoff, type Clock, type Logger, errorMessage } from '../util/index.js';

/** Where the reflector delivers what it learns. */
export interface ReflectorSink {
  /** The complete current state, at `resourceVersion`. */
  replace(objects: KubeObject[], resourceVersion: string): void;
  added(obj: KubeObject): void;
  modified(obj: KubeObject): void;
  deleted(obj: KubeObject): void;
}

export interface ReflectorOptions {
  readonly client: KubeClient;
  readonly gvk: GroupVersionKind;
  /** Watch one namespace; omit for all. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly sink: ReflectorSink;
  readonly clock: Clock;
  /** LIST page size. Defaults to 500, as client-go's pager. */
  readonly pageSize?: number;
  /** Minimum watch timeout; the actual one is random in [min, 2·min). Defaults to 300 s. */
  readonly minWatchTimeoutSeconds?: number;
  /** Use a sendInitialEvents watch instead of LIST for the initial state. Defaults to false. */
  readonly watchList?: boolean;
  /** Randomness for jitter and timeouts; tests pass a fixed one. */
  readonly random?: () => number;
  /** Called for every failure (list, watch, in-stream error) before backing off. */
  readonly onError?: (error: unknown) => void;
  readonly log?: Logger;
}

/** The watch ended with a 410: the resourceVersion is gone, relist. */
class ExpiredSignal extends Error {}

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';
const BACKOFF_RESET_MS = 120_000;

/** Keeps a sink in step with one kind's objects on one API server. */
export class Reflector {
  readonly #o: ReflectorOptions;
  readonly #backoff: Backoff;
  readonly #stop = new AbortController();
  #stream: Stream | undefined;
  #running: Promise<void> | undefined;
  #lastRv = '';
  #needList = true;
  #watchList: boolean;
  #lastFailureAt = -Infinity;

  constructor(options: ReflectorOptions) {
    this.#o = options;
    this.#watchList = options.watchList ?? false;
    this.#backoff = new Backoff({ initialMs: 800, maxMs: 30_000, factor: 2, jitter: 1, ...(options.random ? { random: options.random } : {}) });
  }

  /** The resourceVersion of the newest state delivered to the sink. */
  get lastSyncResourceVersion(): string {
    return this.#lastRv;
  }

  /** Starts the list/watch loop in the background. */
  start(): void {
    this.#running ??= this.#loop();
  }

  /** Stops the loop and closes the watch; resolves when the loop has exited. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#stream?.close();
    await this.#running;
  }

  async #loop(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      try {
        if (this.#needList) await this.#sync();
        await this.#watch();
      } catch (error) {
        if (signal.aborted) break;
        await this.#recover(error);
      }
    }
  }

  /** Decides what a failure means: relist now, re-watch after backoff, or relist after backoff. */
  async #recover(error: unknown): Promise<void> {
    if (error instanceof ExpiredSignal || isExpired(error)) {
      this.#needList = true;
      this.#o.log?.debug({ gvk: this.#o.gvk, err: errorMessage(error) }, 'resourceVersion expired; relisting');
      // Expiry is normal after a long disconnect; a burst of them is not, so relists back off too.
      if (this.#o.clock.now() - this.#lastFailureAt < BACKOFF_RESET_MS) await this.#sleepBackoff();
      this.#lastFailureAt = this.#o.clock.now();
      return;
    }
    this.#o.onError?.(error);
    this.#o.log?.warn({ gvk: this.#o.gvk, err: errorMessage(error) }, 'list/watch failed; backing off');
    const keepRv = this.#lastRv !== '' && (isRefused(error) || isTooManyRequests(error));
    if (!keepRv) this.#needList = true;
    await this.#sleepBackoff();
    this.#lastFailureAt = this.#o.clock.now();
  }

  async #sleepBackoff(): Promise<void> {
    if (this.#o.clock.now() - this.#lastFailureAt >= BACKOFF_RESET_MS) this.#backoff.reset();
    await this.#o.clock.sleep(this.#backoff.next(), this.#stop.signal).catch(() => undefined);
  }

  async #sync(): Promise<void> {
    if (this.#watchList) {
      try {
        await this.#watchListSync();
        return;
      } catch (error) {
        // A server without watch-list support rejects the parameters (400/422/403): use LIST.
        if (!(error instanceof KubeApiError) || isExpired(error) || isTooManyRequests(error) || error.httpCode >= 500) throw error;
        this.#o.log?.info({ gvk: this.#o.gvk, err: error.message }, 'watch-list not supported; falling back to list');
        this.#watchList = false;
      }
    }
    await this.#listSync();
  }

  async #listSync(): Promise<void> {
    const { client, gvk } = this.#o;
    const items: KubeObject[] = [];
    let token: string | undefined;
    let resourceVersion = '';
    let limit: number | undefined = this.#o.pageSize ?? 500;
    do {
      try {
        const page = await client.list(gvk, { ...this.#selectors(), ...(limit ? { limit } : {}), ...(token ? { continue: token } : {}), signal: this.#stop.signal });
        items.push(...page.items);
        resourceVersion = page.metadata.resourceVersion ?? '';
        token = page.metadata.continue || undefined;
      } catch (error) {
        // An expired continue token: restart as one unpaged list, as client-go's pager does.
        if (!token || !isExpired(error)) throw error;
        items.length = 0;
        token = undefined;
        limit = undefined;
      }
    } while (token);
    this.#o.sink.replace(items, resourceVersion);
    this.#lastRv = resourceVersion;
    this.#needList = false;
  }

  async #watchListSync(): Promise<void> {
    const initial: KubeObject[] = [];
    let synced = false;
    await this.#runWatch({ sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', resourceVersion: this.#lastRv }, (event) => {
      if (synced) return false;
      if (event.type === 'ADDED') {
        initial.push(event.object);
        return true;
      }
      if (event.type === 'BOOKMARK' && event.object.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true') {
        synced = true;
        this.#lastRv = event.object.metadata.resourceVersion ?? this.#lastRv;
        this.#o.sink.replace(initial, this.#lastRv);
        this.#needList = false;
        return true;
      }
      return false;
    });
  }

  async #watch(): Promise<void> {
    const started = this.#o.clock.now();
    const events = await this.#runWatch({ resourceVersion: this.#lastRv }, () => false);
    // client-go's guard against a server that closes watches at once: treat it as a failure.
    if (events === 0 && this.#o.clock.now() - started < 1000 && !this.#stop.signal.aborted) {
      throw new KubeApiError({ message: 'very short watch: the server closed it at once with no events' }, 500);
    }
  }

  /**
   * Runs one watch to its end. `intercept` may consume an event first (watch-list's initial
   * phase); other events update the sink. Throws on failure, ExpiredSignal on 410.
   */
  async #runWatch(params: { resourceVersion: string; sendInitialEvents?: boolean; resourceVersionMatch?: 'NotOlderThan' }, intercept: (e: WatchEvent) => boolean): Promise<number> {
    const min = this.#o.minWatchTimeoutSeconds ?? 300;
    const random = this.#o.random ?? Math.random;
    let failure: Error | undefined;
    let count = 0;
    const stream = await this.#o.client.watch(this.#o.gvk, {
      ...this.#selectors(), allowWatchBookmarks: true, timeoutSeconds: Math.floor(min + random() * min), signal: this.#stop.signal,
      ...(params.resourceVersion ? { resourceVersion: params.resourceVersion } : {}),
      ...(params.sendInitialEvents ? { sendInitialEvents: true, resourceVersionMatch: params.resourceVersionMatch } : {}),
      onEvent: (event) => {
        count++;
        if (failure || intercept(event)) return;
        failure = this.#apply(event);
        if (failure) this.#stream?.close();
      },
    });
    this.#stream = stream;
    if (this.#stop.signal.aborted) stream.close();
    try {
      await stream.done;
    } finally {
      this.#stream = undefined;
    }
    if (failure) throw failure;
    if (params.sendInitialEvents && this.#needList && !this.#stop.signal.aborted) {
      throw new KubeApiError({ message: 'the watch ended before the initial-events-end bookmark' }, 500);
    }
    return count;
  }

  /** Applies one watch event; returns the error that ends the watch, if any. */
  #apply(event: WatchEvent): Error | undefined {
    const { sink } = this.#o;
    if (event.type === 'ERROR') {
      const status = event.object as { code?: number; reason?: string; message?: string };
      if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') return new ExpiredSignal(status.message ?? 'expired');
      return new KubeApiError(status, status.code ?? 500);
    }
    const rv = event.object.metadata?.resourceVersion;
    if (event.type === 'ADDED') sink.added(event.object);
    else if (event.type === 'MODIFIED') sink.modified(event.object);
    else if (event.type === 'DELETED') sink.deleted(event.object);
    if (rv) this.#lastRv = rv;
    return undefined;
  }

  #selectors(): { namespace?: string; labelSelector?: string; fieldSelector?: string } {
    const { namespace, labelSelector, fieldSelector } = this.#o;
    return { ...(namespace ? { namespace } : {}), ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
  }
}

function isRefused(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'KUBE_CONNECTION_REFUSED';
}

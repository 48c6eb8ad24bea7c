/**
 * The controllers kube-controller-manager and apiextensions-apiserver would run next to a real
 * kube-apiserver, run inside the embedded server for every logical cluster: CRD naming,
 * establishing and cleanup, and (see their modules) garbage collection and namespace lifecycle.
 * They see every committed write through the generic store's commit hook and act through the
 * generic store, so their writes follow the same rules (and watches see them) as clients'.
 *
 * @module
 */
import { type Clock, type Logger, errorMessage } from '../../util/index.js';
import type { LogicalCluster } from '../clusters.js';
import type { ServiceResolver } from '../crd/conversion/webhook.js';
import type { CommittedWrite, GenericStore } from '../storage/generic-store.js';
import { CrdController } from './crd-controller.js';
import { GarbageCollector } from './garbage-collector.js';
import { refKey } from './owner-graph.js';
import { NamespaceController } from './namespace-controller.js';
import { WorkQueue, type WorkQueueOptions } from './work-queue.js';

export interface InServerControllersOptions {
  readonly store: GenericStore;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** How conversion webhooks' service references are reached. */
  readonly resolveService: ServiceResolver;
  /** Timeout of a conversion webhook call (kube: 30 s). */
  readonly webhookTimeoutMs?: number;
}

/** A controller reachable from the composition: what it reacts to and its queue. */
interface Member {
  onCommitted(write: CommittedWrite): void | Promise<void>;
  attach?(cluster: LogicalCluster): void | Promise<void>;
  readonly queue: { idle(): Promise<void>; stop(): void; resume(): void; readonly isIdle: boolean };
}

export class InServerControllers {
  readonly crds: CrdController;
  readonly gc: GarbageCollector;
  readonly namespaces: NamespaceController;
  readonly #members: Member[];
  readonly #logger: Logger | undefined;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: InServerControllersOptions) {
    this.#logger = options.logger;
    const queue = <T>(name: string, key: (item: T) => string, concurrency = 1) => (process: (item: T) => Promise<void>): WorkQueue<T> => {
      const queueOptions: WorkQueueOptions<T> = { name, key, process, concurrency, clock: options.clock, ...(options.logger ? { logger: options.logger } : {}) };
      return new WorkQueue(queueOptions);
    };
    this.crds = new CrdController({
      store: options.store, resolveService: options.resolveService,
      ...(options.webhookTimeoutMs !== undefined ? { webhookTimeoutMs: options.webhookTimeoutMs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      queue: queue('crd-cleanup', (k) => `${k.cluster.name}/${k.name}`),
    });
    this.gc = new GarbageCollector({
      store: options.store, ...(options.logger ? { logger: options.logger } : {}),
      // Like kube-controller-manager's GC workers: several items at once, never one key twice.
      queue: queue('garbage-collector', (i) => `${i.cluster.name}/${i.role}/${refKey(i.ref)}`, 8),
    });
    this.namespaces = new NamespaceController({ store: options.store, queue: queue('namespace', (k) => `${k.cluster.name}/${k.name}`) });
    // CRDs first: a committed CRD write registers its type before the other controllers look.
    this.#members = [this.crds, this.gc, this.namespaces];
  }

  /** The store's commit hook: every controller sees every committed write. Never throws. */
  async onCommitted(write: CommittedWrite): Promise<void> {
    for (const member of this.#members) {
      try {
        await member.onCommitted(write);
      } catch (error) {
        this.#logger?.error({ err: error, cluster: write.cluster.name }, `in-server controller failed on a committed write: ${errorMessage(error)}`);
      }
    }
  }

  /** Starts work for a loaded or new cluster (synchronous parts first: its CRD types are served on return). */
  attach(cluster: LogicalCluster): void {
    for (const member of this.#members) {
      const started = member.attach?.(cluster);
      if (started) this.#track(started);
    }
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.#logger?.error({ err: error }, `in-server controller start-up failed: ${errorMessage(error)}`)).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  /** Resolves when no controller has work left (every queue empty at the same time). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0 || this.#members.some((m) => !m.queue.isIdle)) {
      await Promise.all([...this.#pending]);
      await Promise.all(this.#members.map((m) => m.queue.idle()));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Stops every queue (pending work is dropped; it resumes from stored state on the next start). */
  stop(): void {
    for (const member of this.#members) member.queue.stop();
  }

  /** Accepts work again after {@link stop} (a server closed and listening again). */
  resume(): void {
    for (const member of this.#members) member.queue.resume();
  }
}

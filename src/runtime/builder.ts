/**
 * The controller builder (controller-runtime `pkg/builder`):
 *
 * ```ts
 * controllerFor(manager, { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret' })
 *   .owns({ apiVersion: 'v1', kind: 'Secret' })                       // EnqueueRequestForOwner(OnlyControllerOwner)
 *   .watches({ apiVersion: 'external-secrets.io/v1', kind: 'SecretStore' }, storeToExternalSecrets)
 *   .withEventFilter(generationChanged)
 *   .withOptions({ maxConcurrentReconciles: 2 })
 *   .complete(reconciler);
 * ```
 *
 * `for` watches the reconciled kind itself; `owns` maps owned objects to their controller owner
 * of the `for` kind; `watches` maps any kind through a function; `watchesRemote` watches a kind
 * in every remote cluster (present and future), requests carrying the cluster name. Informers
 * come from the manager's shared caches, so controllers watching the same selection share one.
 *
 * @module
 */
import type { GroupVersionKind } from '../kube/index.js';
import { FlotillaError } from '../util/index.js';
import type { Selection } from './informer.js';
import { Controller } from './controller.js';
import { type RequestMapper, connect, forObject, forOwner } from './handler.js';
import type { Manager } from './manager.js';
import type { Predicate } from './predicate.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Reconciler } from './reconcile.js';
import type { RemoteCluster } from './clusters.js';
import type { IndexFunc } from './store.js';

/** Which objects of a kind to watch, and which events to keep. */
export interface WatchOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly predicates?: readonly Predicate[];
  /** Indexes to add to the shared informer. */
  readonly indexers?: Readonly<Record<string, IndexFunc>>;
}

export interface OwnsOptions extends WatchOptions {
  /** Map through any owner reference of the `for` kind, not only the controller one. Defaults to false. */
  readonly anyOwner?: boolean;
}

export interface RemoteWatchOptions extends WatchOptions {
  /** Defaults to the object itself (with its cluster). */
  readonly mapper?: RequestMapper;
  /** Which clusters to watch. Defaults to all. */
  readonly clusters?: (cluster: RemoteCluster) => boolean;
}

export interface BuilderOptions {
  /** Defaults to the lower-cased `for` kind. */
  readonly name?: string;
  readonly maxConcurrentReconciles?: number;
  readonly maxConcurrentReconcilesPerCluster?: number;
  readonly rateLimiter?: RateLimiter;
}

interface LocalWatch {
  readonly gvk: GroupVersionKind;
  readonly mapper: RequestMapper;
  readonly options: WatchOptions;
}

/** Builds a controller and registers it with the manager. */
export class ControllerBuilder {
  readonly #manager: Manager;
  #for: LocalWatch | undefined;
  readonly #local: LocalWatch[] = [];
  readonly #remote: { gvk: GroupVersionKind; options: RemoteWatchOptions }[] = [];
  readonly #filters: Predicate[] = [];
  #options: BuilderOptions = {};

  constructor(manager: Manager) {
    this.#manager = manager;
  }

  /** Reconciles this kind: its own events enqueue its own requests. */
  for(gvk: GroupVersionKind, options: WatchOptions = {}): this {
    if (this.#for) throw new FlotillaError('BUILDER_INVALID', 'for() may be called only once');
    this.#for = { gvk, mapper: forObject, options };
    return this;
  }

  /** Watches a kind the controller creates; events enqueue the controlling owner of the `for` kind. */
  owns(gvk: GroupVersionKind, options: OwnsOptions = {}): this {
    if (!this.#for) throw new FlotillaError('BUILDER_INVALID', 'owns() needs for() first: it maps to owners of the for() kind');
    this.#local.push({ gvk, mapper: forOwner(this.#for.gvk, { onlyController: !options.anyOwner }), options });
    return this;
  }

  /** Watches any kind of the management cluster; `mapper` turns its objects into requests. */
  watches(gvk: GroupVersionKind, mapper: RequestMapper, options: WatchOptions = {}): this {
    this.#local.push({ gvk, mapper, options });
    return this;
  }

  /** Watches a kind in every remote cluster (joining or leaving at any time). */
  watchesRemote(gvk: GroupVersionKind, options: RemoteWatchOptions = {}): this {
    this.#remote.push({ gvk, options });
    return this;
  }

  /** A predicate applied to every watch of this controller. */
  withEventFilter(predicate: Predicate): this {
    this.#filters.push(predicate);
    return this;
  }

  withOptions(options: BuilderOptions): this {
    this.#options = { ...this.#options, ...options };
    return this;
  }

  /** Creates the controller, wires its watches and registers it with the manager. */
  complete(reconciler: Reconciler): Controller {
    const name = this.#options.name ?? this.#for?.gvk.kind.toLowerCase();
    if (!name) throw new FlotillaError('BUILDER_INVALID', 'a controller without for() needs a name (withOptions({ name }))');
    const m = this.#manager;
    const controller = new Controller({
      name, reconciler, clock: m.clock, log: m.log.child({ controller: name }), metrics: m.metrics,
      ...(m.gracefulShutdownMs !== undefined ? { gracefulShutdownMs: m.gracefulShutdownMs } : {}),
      ...pick(this.#options, ['maxConcurrentReconciles', 'maxConcurrentReconcilesPerCluster', 'rateLimiter']),
    });
    m.addController(controller);
    for (const watch of [...(this.#for ? [this.#for] : []), ...this.#local]) {
      const informer = m.cache.informerFor(selectionOf(watch.gvk, watch.options), watch.options.indexers);
      connect({ informer, enqueue: controller.enqueue, mapper: watch.mapper, predicates: [...this.#filters, ...(watch.options.predicates ?? [])] });
    }
    for (const { gvk, options } of this.#remote) {
      m.clusters.onEngage((cluster) => {
        if (options.clusters && !options.clusters(cluster)) return undefined;
        const informer = cluster.cache.informerFor(selectionOf(gvk, options), options.indexers);
        return connect({
          informer, enqueue: controller.enqueue, mapper: options.mapper ?? forObject, cluster: cluster.name,
          predicates: [...this.#filters, ...(options.predicates ?? [])],
        });
      });
    }
    return controller;
  }
}

/** Starts building a controller that reconciles `gvk`. */
export function controllerFor(manager: Manager, gvk: GroupVersionKind, options: WatchOptions = {}): ControllerBuilder {
  return new ControllerBuilder(manager).for(gvk, options);
}

function selectionOf(gvk: GroupVersionKind, options: WatchOptions): Selection {
  return {
    gvk, ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}), ...(options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
  };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}

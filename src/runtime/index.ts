/**
 * The controller runtime: what controller-runtime gives Go controllers, over src/kube. Data flows
 * reflector → informer (indexed cache) → handler + predicates → work queue → reconciler; the
 * manager runs it all with health, metrics, leader election and remote clusters.
 *
 * @module
 */
export { type Request, type Result, type ReconcileContext, type Reconciler, TerminalError, reconcilerFunc, requestFor, requestKey } from './reconcile.js';
export { type WorkQueueOptions, WorkQueue } from './work-queue.js';
export { type RateLimiter, bucketRateLimiter, defaultControllerRateLimiter, itemExponentialRateLimiter, maxOfRateLimiter } from './rate-limiter.js';
export { type ControllerMetrics, type QueueMetrics, type ReconcileResultLabel, type RuntimeMetricsOptions, RuntimeMetrics } from './metrics.js';
export { type CacheReader, type IndexFunc, NAMESPACE_INDEX, ObjectStore, keyOf, labelIndexFunc, namespaceIndexFunc, objectKey } from './store.js';
export { type ReflectorOptions, type ReflectorSink, Reflector } from './reflector.js';
export { type EventHandler, type InformerOptions, type Selection, Informer, stripManagedFields } from './informer.js';
export { type InformerCacheOptions, type InformerDefaults, InformerCache, selectionKey } from './cache.js';
export { type Predicate, and, annotationsChanged, generationChanged, labelsChanged, not, objectFilter, or, resourceVersionChanged } from './predicate.js';
export { type ConnectOptions, type RequestMapper, connect, forObject, forOwner } from './handler.js';
export { type ControllerOptions, Controller, isTerminal } from './controller.js';
export { type BuilderOptions, type OwnsOptions, type RemoteWatchOptions, type WatchOptions, ControllerBuilder, controllerFor } from './builder.js';
export { type ManagerOptions, type Runnable, Manager } from './manager.js';
export { type LeaderElectionOptions, type LeadershipEnd, type LeaseSpec, LeaderElector, microTime, uniqueIdentity } from './leader-election.js';
export { type EventRecorderOptions, type EventType, EventRecorder } from './events.js';
export { type Checker, type HealthServerOptions, CheckSet, HealthServer } from './health-server.js';
export { type ClusterRegistryOptions, type EngageHook, type RemoteCluster, ClusterRegistry } from './clusters.js';

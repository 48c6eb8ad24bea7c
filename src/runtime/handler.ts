/**
 * From informer events to requests (controller-runtime `pkg/handler`): a {@link RequestMapper}
 * turns an object into the requests to reconcile, and {@link connect} wires an informer to a
 * queue through predicates. Updates enqueue what both the old and the new object map to, so a
 * changed owner or label moves work to the right keys.
 *
 * @module
 */
import type { KubeObject } from '../api/object.js';
import { parseApiVersion } from '../api/object.js';
import type { GroupVersionKind } from '../kube/index.js';
import type { EventHandler, Informer } from './informer.js';
import { type Predicate, allow, allowUpdate } from './predicate.js';
import { type Request, requestFor } from './reconcile.js';

/** The requests an object maps to. `cluster` names the remote cluster the object came from, if any. */
export type RequestMapper = (obj: KubeObject, cluster?: string) => readonly Request[];

/** The object itself (controller-runtime `EnqueueRequestForObject`). */
export const forObject: RequestMapper = (obj, cluster) => [requestFor(obj, cluster)];

/**
 * The owners of kind `owner` named in `metadata.ownerReferences` (`EnqueueRequestForOwner`).
 * Owners match by group and kind, any version. By default only the controller reference counts
 * (`OnlyControllerOwner`). The owner's namespace is the object's (owners are never in another namespace).
 */
export function forOwner(owner: GroupVersionKind, options: { onlyController?: boolean } = {}): RequestMapper {
  const group = parseApiVersion(owner.apiVersion).group;
  const onlyController = options.onlyController ?? true;
  return (obj, cluster) => {
    const out: Request[] = [];
    for (const ref of obj.metadata?.ownerReferences ?? []) {
      if (ref.kind !== owner.kind || parseApiVersion(ref.apiVersion).group !== group) continue;
      if (onlyController && ref.controller !== true) continue;
      out.push({ name: ref.name, ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}), ...(cluster ? { cluster } : {}) });
    }
    return out;
  };
}

/** Wiring of {@link connect}. */
export interface ConnectOptions {
  readonly informer: Informer;
  readonly enqueue: (request: Request) => void;
  readonly mapper: RequestMapper;
  readonly predicates?: readonly Predicate[];
  /** Set for informers of a remote cluster: requests carry it. */
  readonly cluster?: string;
}

/** Sends an informer's events, filtered by predicates, as requests to `enqueue`. Returns the disconnect function. */
export function connect(options: ConnectOptions): () => void {
  const { enqueue, mapper, cluster } = options;
  const predicates = options.predicates ?? [];
  const send = (obj: KubeObject): void => {
    for (const request of mapper(obj, cluster)) enqueue(request);
  };
  const handler: EventHandler = {
    onAdd: (obj) => {
      if (allow(predicates, 'create', obj)) send(obj);
    },
    onUpdate: (oldObj, newObj) => {
      if (!allowUpdate(predicates, oldObj, newObj)) return;
      send(oldObj);
      send(newObj);
    },
    onDelete: (obj) => {
      if (allow(predicates, 'delete', obj)) send(obj);
    },
  };
  return options.informer.addEventHandler(handler);
}

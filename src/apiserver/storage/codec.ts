/**
 * Storage keys and values. Keys: `/<cluster>/<resource>[.<group>]/[<namespace>/]<name>`.
 * Values: the object's JSON in its storage version WITHOUT `metadata.resourceVersion` (injected
 * on read from the revision, as kube-apiserver and kine do), passed through the group-resource's
 * {@link ValueTransformer}.
 *
 * @module
 */
import { type KubeObject, formatApiVersion } from '../../api/object.js';
import type { KeyValue } from '../../store/index.js';
import type { LogicalCluster } from '../clusters.js';
import { type ResourceType, groupResource } from '../registry/types.js';
import type { TransformerLookup } from './transformer.js';

/** What a request addresses: a type in a cluster, maybe a namespace, at a requested version. */
export interface ResourceScope {
  readonly cluster: LogicalCluster;
  readonly type: ResourceType;
  /** The version named in the URL. */
  readonly version: string;
  /** The namespace from the URL; undefined for cluster-scoped types and all-namespace requests. */
  readonly namespace?: string;
}

/** Storage key segment of a type: its group-resource (events of both APIs share `events`). */
export function storageResource(type: ResourceType): string {
  return type.storageResource ?? groupResource(type);
}

/** Prefix of every key of the scope (one namespace, or all of them). */
export function scopePrefix(scope: ResourceScope): string {
  const base = `${scope.cluster.keyPrefix}${storageResource(scope.type)}/`;
  return scope.type.namespaced && scope.namespace ? `${base}${scope.namespace}/` : base;
}

/** Key of one object. */
export function objectKey(scope: ResourceScope, namespace: string | undefined, name: string): string {
  const base = `${scope.cluster.keyPrefix}${storageResource(scope.type)}/`;
  return scope.type.namespaced ? `${base}${namespace ?? ''}/${name}` : `${base}${name}`;
}

/**
 * A stored object in the scope's version: the object itself when no conversion is needed, a
 * promise only when the type's conversion is asynchronous (webhooks), so hot paths such as watch
 * fan-out stay synchronous.
 */
export function presentObject(scope: ResourceScope, stored: KubeObject): KubeObject | Promise<KubeObject> {
  const { strategy } = scope.type;
  // Read-time normalization (custom resources: pruning and defaults); it never modifies its input.
  const obj = strategy.normalizeStored ? strategy.normalizeStored(stored) : stored;
  const apiVersion = formatApiVersion(scope.type.group, scope.version);
  if (obj.apiVersion === apiVersion) return obj;
  return strategy.convert ? strategy.convert(obj, apiVersion) : { ...obj, apiVersion };
}

export class ObjectCodec {
  constructor(private readonly transformers: TransformerLookup) {}

  /** Stored bytes of `obj` (its resourceVersion is left out, then restored). */
  encode(obj: KubeObject, type: ResourceType, key: string): Uint8Array {
    const meta = obj.metadata!;
    const rv = meta.resourceVersion;
    delete meta.resourceVersion;
    const text = JSON.stringify(obj);
    if (rv !== undefined) meta.resourceVersion = rv;
    return this.transformers(storageResource(type)).toStorage(Buffer.from(text, 'utf8'), key);
  }

  /** A fresh object from a stored version, with `resourceVersion` set from its revision. */
  decode(kv: KeyValue, type: ResourceType): KubeObject {
    const plain = this.transformers(storageResource(type)).fromStorage(kv.value, kv.key);
    const obj = JSON.parse(Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8')) as KubeObject;
    (obj.metadata ??= {}).resourceVersion = String(kv.modRevision);
    return obj;
  }
}

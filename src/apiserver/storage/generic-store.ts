/**
 * The generic store: Kubernetes write semantics over the {@link Backend}, for every type, as
 * kube-apiserver's `registry/generic/registry.Store`. Type-specific behaviour comes from the
 * type's {@link ResourceStrategy}; this file owns the order of the steps and the metadata rules.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { formatApiVersion, isPlainObject } from '../../api/object.js';
import { type Backend, type KeyValue, RevisionConflictError, StoreError } from '../../store/index.js';
import { type Clock, stableStringify } from '../../util/index.js';
import type { LogicalCluster } from '../clusters.js';
import {
  ApiError, badRequest, conflict, forbidden, fromStoreError, internalError, invalid, notFound,
} from '../http/status.js';
import { type FieldError, type ResourceType, type StrategyContext, storageVersion } from '../registry/types.js';
import { ObjectCodec, type ResourceScope, objectKey, presentObject } from './codec.js';
import { deletionPending, planDeletion } from './deletion.js';
import {
  fieldError, fillCreateMetadata, generateName, keepSystemMetadata, rfc3339, validateMetadataUpdate, validateObjectMeta,
} from './metadata.js';
import { type TransformerLookup, identityTransformers } from './transformer.js';

/** A committed write, for in-server reactions (CRD registration, garbage collection, namespace lifecycle). */
export interface CommittedWrite {
  readonly cluster: LogicalCluster;
  readonly type: ResourceType;
  readonly object: KubeObject;
  readonly deleted: boolean;
}

export interface GenericStoreOptions {
  readonly backend: Backend;
  readonly clock: Clock;
  /** Value transformers per group-resource (encryption at rest). Defaults to the identity. */
  readonly transformers?: TransformerLookup;
  /**
   * Called after each committed write (never for dry runs) and awaited before the write's
   * response is sent, so in-server reactions that must be visible at once (a CRD's types) are.
   * It must not throw.
   */
  readonly onCommitted?: (write: CommittedWrite) => void | Promise<void>;
}

export interface WriteOptions {
  /** `dryRun=All`: run every step, store nothing. */
  readonly dryRun?: boolean;
}

export interface UpdateOptions extends WriteOptions {
  /** `status` for the status subresource; `finalize` for a namespace's `/finalize`. */
  readonly subresource?: 'status' | 'finalize';
  /** True for PUT: the body replaces the object, and types may require its resourceVersion. */
  readonly isReplace?: boolean;
}

/** The outcome of a DELETE: the object is gone, or it is now being deleted (finalizers). */
export interface DeleteResult {
  readonly object: KubeObject;
  readonly deleted: boolean;
}

export interface DeleteOptionsBody {
  readonly propagationPolicy?: string;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  readonly orphanDependents?: boolean;
  readonly gracePeriodSeconds?: number;
}

const MAX_UPDATE_ATTEMPTS = 16;
const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'];

function gr(type: ResourceType): { group: string; resource: string } {
  return { group: type.group, resource: type.names.plural };
}

function specOf(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return stableStringify(rest);
}

/** Throws 422 Invalid when `errors` is not empty. */
function assertValid(type: ResourceType, name: string, errors: readonly FieldError[]): void {
  if (errors.length > 0) throw invalid({ group: type.group, kind: type.names.kind }, name, errors);
}

export class GenericStore {
  readonly codec: ObjectCodec;
  readonly #backend: Backend;
  readonly #clock: Clock;
  readonly #onCommitted: ((write: CommittedWrite) => void | Promise<void>) | undefined;

  constructor(options: GenericStoreOptions) {
    this.#backend = options.backend;
    this.#clock = options.clock;
    this.codec = new ObjectCodec(options.transformers ?? identityTransformers);
    this.#onCommitted = options.onCommitted;
  }

  get backend(): Backend {
    return this.#backend;
  }

  /** Strategy context for a scope at the current time. */
  context(scope: ResourceScope): StrategyContext {
    return { cluster: scope.cluster.name, version: scope.version, now: rfc3339(this.#clock.now()) };
  }

  /** A stored object (normalized by its type) converted to the scope's version. */
  async present(scope: ResourceScope, stored: KubeObject): Promise<KubeObject> {
    return presentObject(scope, stored);
  }

  /** An incoming object converted to the type's storage version. */
  async toStorage(scope: ResourceScope, obj: KubeObject): Promise<KubeObject> {
    const apiVersion = scope.type.storageApiVersion ?? formatApiVersion(scope.type.group, storageVersion(scope.type));
    if (obj.apiVersion === apiVersion) return obj;
    return scope.type.strategy.convert ? await scope.type.strategy.convert(obj, apiVersion) : { ...obj, apiVersion };
  }

  /** Reads one object (in the scope's version). @throws ApiError 404 */
  async get(scope: ResourceScope, name: string): Promise<KubeObject> {
    const kv = this.#backend.get(objectKey(scope, scope.namespace, name));
    if (!kv) throw notFound(gr(scope.type), name);
    return this.present(scope, this.codec.decode(kv, scope.type));
  }

  /** Creates an object (already decoded and checked against the URL). */
  async create(scope: ResourceScope, body: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const { type } = scope;
    const prepared = this.#prepareCreate(scope, body);
    const name = prepared.metadata!.name!;
    const obj = await this.toStorage(scope, prepared);
    const key = objectKey(scope, scope.namespace, name);
    if (options.dryRun) {
      if (this.#backend.get(key)) throw fromStoreError(new StoreError('STORE_KEY_EXISTS', ''), gr(type), name);
      return this.present(scope, obj);
    }
    const kv = await this.#write(() => this.#backend.create(key, this.codec.encode(obj, type, key)), type, name);
    return this.#committed(scope, kv, false);
  }

  /** rest.BeforeCreate: system fields, strategy hooks, validation, namespace admission. */
  #prepareCreate(scope: ResourceScope, obj: KubeObject): KubeObject {
    const { type } = scope;
    const meta = (obj.metadata ??= {});
    if (meta.resourceVersion) throw internalError('resourceVersion should not be set on objects to be created');
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
    setNamespace(type, meta, scope.namespace);
    const ctx = this.context(scope);
    if (type.subresources.status) delete obj.status;
    type.strategy.prepareForCreate?.(obj, ctx);
    fillCreateMetadata(obj, this.#clock.now(), type.tracksGeneration);
    assertValid(type, meta.name ?? '', [...validateObjectMeta(meta, type.nameRule ?? 'subdomain'), ...(type.strategy.validate?.(obj, ctx) ?? [])]);
    if (type.namespaced) this.#assertNamespaceAcceptsCreate(scope, meta.name!);
    return obj;
  }

  /**
   * Read-modify-write with retries on conflicts (kube's GuaranteedUpdate). `tryUpdate` gets a
   * private copy of the current object in the scope's version and returns the desired object;
   * a resourceVersion it leaves that differs from the current one is a 409 Conflict. The
   * strategy sees both objects in the scope's version; the result is converted to the storage
   * version last, and a write that changes nothing stored is not made.
   */
  async update(
    scope: ResourceScope, name: string, tryUpdate: (current: KubeObject) => KubeObject | Promise<KubeObject>, options: UpdateOptions = {},
  ): Promise<KubeObject> {
    const key = objectKey(scope, scope.namespace, name);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const kv = this.#backend.get(key);
      if (!kv) throw notFound(gr(scope.type), name);
      const current = this.codec.decode(kv, scope.type);
      const old = await this.present(scope, structuredClone(current));
      const desired = await tryUpdate(structuredClone(old));
      const next = await this.toStorage(scope, this.#prepareUpdate(scope, name, { current: old, kv, desired, options }));
      if (stableStringify(next) === stableStringify(current)) return this.present(scope, current);
      if (options.dryRun) return this.present(scope, next);
      try {
        return await this.#commitUpdate(scope, key, next, kv);
      } catch (error) {
        if (error instanceof RevisionConflictError) continue;
        throw error;
      }
    }
    throw conflict(gr(scope.type), name);
  }

  async #commitUpdate(scope: ResourceScope, key: string, next: KubeObject, kv: KeyValue): Promise<KubeObject> {
    if (next.metadata!.deletionTimestamp && !deletionPending(scope.type, next)) {
      const tomb = await this.#backend.delete(key, kv.modRevision);
      return this.#committed(scope, tomb, true);
    }
    const written = await this.#backend.update(key, this.codec.encode(next, scope.type, key), kv.modRevision);
    return this.#committed(scope, written, false);
  }

  /** Applies the update rules to `desired` (both objects in the scope's version). */
  #prepareUpdate(
    scope: ResourceScope, name: string, step: { current: KubeObject; kv: KeyValue; desired: KubeObject; options: UpdateOptions },
  ): KubeObject {
    const { type } = scope;
    const { current, kv, options } = step;
    if (!isPlainObject(step.desired.metadata)) step.desired.metadata = {};
    this.#checkIdentity(scope, name, step.desired);
    this.#checkResourceVersion(type, name, step.desired.metadata.resourceVersion, kv, options);
    const obj = isolateSubresource(type, current, step.desired, options.subresource);
    keepSystemMetadata(obj, current);
    const ctx = this.context(scope);
    if (options.subresource === undefined) type.strategy.prepareForUpdate?.(obj, current, ctx);
    const specWrite = options.subresource !== 'status';
    if (specWrite && type.tracksGeneration && (type.strategy.specChanged ?? ((a, b) => specOf(a) !== specOf(b)))(obj, current)) {
      obj.metadata!.generation = (current.metadata!.generation ?? 0) + 1;
    }
    assertValid(type, name, [
      ...validateObjectMeta(obj.metadata!, type.nameRule ?? 'subdomain'), ...validateMetadataUpdate(obj, current),
      ...strategyUpdateErrors(type, { obj, old: current, ctx, status: options.subresource === 'status' }),
    ]);
    obj.metadata!.resourceVersion = current.metadata!.resourceVersion!;
    return obj;
  }

  #checkIdentity(scope: ResourceScope, name: string, obj: KubeObject): void {
    const meta = obj.metadata!;
    if (meta.name !== undefined && meta.name !== name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    if (scope.type.namespaced && meta.namespace !== undefined && meta.namespace !== scope.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.name = name;
    if (scope.type.namespaced) meta.namespace = scope.namespace!;
  }

  #checkResourceVersion(type: ResourceType, name: string, rv: string | undefined, kv: KeyValue, options: UpdateOptions): void {
    if (rv) {
      if (rv !== String(kv.modRevision)) throw conflict(gr(type), name);
      return;
    }
    if (options.isReplace && !type.allowUnconditionalUpdate) {
      assertValid(type, name, [{ type: 'FieldValueInvalid', field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' }]);
    }
  }

  /**
   * Deletes an object, honouring preconditions and finalizers: with finalizers left (including
   * the garbage collector's `orphan`/`foregroundDeletion` that the propagation policy asks for),
   * the object gets a deletionTimestamp and stays (MODIFIED) until an update empties them.
   */
  async delete(scope: ResourceScope, name: string, body: DeleteOptionsBody, options: WriteOptions = {}): Promise<DeleteResult> {
    const { type } = scope;
    validateDeleteOptions(body);
    const key = objectKey(scope, scope.namespace, name);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const kv = this.#backend.get(key);
      if (!kv) throw notFound(gr(type), name);
      const current = this.codec.decode(kv, type);
      this.#checkPreconditions(type, name, current, body);
      type.strategy.beforeDelete?.(current, this.context(scope));
      const plan = planDeletion(type, current, body);
      const next = structuredClone(current);
      if (plan.finalizers.length > 0) next.metadata!.finalizers = [...plan.finalizers];
      else delete next.metadata!.finalizers;
      try {
        if (deletionPending(type, next)) return await this.#markDeleting(scope, { key, kv, next, changed: plan.changed, dryRun: options.dryRun === true });
        if (options.dryRun) return { object: await this.present(scope, current), deleted: true };
        const tomb = await this.#backend.delete(key, kv.modRevision);
        return { object: await this.#committed(scope, tomb, true), deleted: true };
      } catch (error) {
        if (error instanceof RevisionConflictError) continue;
        throw error;
      }
    }
    throw conflict(gr(type), name);
  }

  /** kube's markAsDeleting: deletionTimestamp, grace period 0, generation +1 on the first deletion. */
  async #markDeleting(scope: ResourceScope, step: { key: string; kv: KeyValue; next: KubeObject; changed: boolean; dryRun: boolean }): Promise<DeleteResult> {
    const { next } = step;
    const meta = next.metadata!;
    if (meta.deletionTimestamp && !step.changed) return { object: await this.present(scope, next), deleted: false };
    if (!meta.deletionTimestamp) {
      meta.deletionTimestamp = rfc3339(this.#clock.now());
      if ((meta.generation ?? 0) > 0) meta.generation = meta.generation! + 1;
      scope.type.strategy.prepareForDeletion?.(next, this.context(scope));
    }
    meta.deletionGracePeriodSeconds = 0;
    if (step.dryRun) return { object: await this.present(scope, next), deleted: false };
    const written = await this.#backend.update(step.key, this.codec.encode(next, scope.type, step.key), step.kv.modRevision);
    return { object: await this.#committed(scope, written, false), deleted: false };
  }

  #checkPreconditions(type: ResourceType, name: string, current: KubeObject, body: DeleteOptionsBody): void {
    const pre = body.preconditions;
    const meta = current.metadata!;
    if (pre?.uid && pre.uid !== meta.uid) {
      throw conflict(gr(type), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
      throw conflict(gr(type), name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`);
    }
  }

  #assertNamespaceAcceptsCreate(scope: ResourceScope, name: string): void {
    const namespace = scope.namespace!;
    const kv = this.#backend.get(`${scope.cluster.keyPrefix}namespaces/${namespace}`);
    if (!kv) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    const ns = JSON.parse(Buffer.from(kv.value).toString('utf8')) as KubeObject;
    if (ns.metadata?.deletionTimestamp) {
      const why = `unable to create new content in namespace ${namespace} because it is being terminated`;
      throw forbidden(gr(scope.type), name, why, [{ reason: 'NamespaceTerminating', message: why, field: 'metadata.namespace' }]);
    }
  }

  async #write(fn: () => Promise<KeyValue>, type: ResourceType, name: string): Promise<KeyValue> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof StoreError) throw fromStoreError(error, gr(type), name);
      throw error;
    }
  }

  async #committed(scope: ResourceScope, kv: KeyValue, deleted: boolean): Promise<KubeObject> {
    const stored = this.codec.decode(kv, scope.type);
    await this.#onCommitted?.({ cluster: scope.cluster, type: scope.type, object: structuredClone(stored), deleted });
    return this.present(scope, stored);
  }
}

/** The strategy's validation of an update (of `/status` when `status`). */
function strategyUpdateErrors(type: ResourceType, step: { obj: KubeObject; old: KubeObject; ctx: StrategyContext; status: boolean }): FieldError[] {
  const { strategy } = type;
  if (step.status && strategy.validateStatusUpdate) return strategy.validateStatusUpdate(step.obj, step.old, step.ctx);
  return strategy.validateUpdate?.(step.obj, step.old, step.ctx) ?? [];
}

function setNamespace(type: ResourceType, meta: NonNullable<KubeObject['metadata']>, namespace: string | undefined): void {
  if (type.namespaced) meta.namespace = namespace!;
  else delete meta.namespace;
}

/**
 * Subresource isolation: `/status` writes change only `status` (the rest is copied from the
 * stored object); `/finalize` writes change everything but `status`; main-resource writes of a
 * type with a status subresource keep the stored status.
 */
function isolateSubresource(type: ResourceType, current: KubeObject, desired: KubeObject, subresource: UpdateOptions['subresource']): KubeObject {
  if (subresource === 'status') {
    const obj = structuredClone(current);
    if (desired.status === undefined) delete obj.status;
    else obj.status = desired.status;
    return obj;
  }
  if (subresource === 'finalize') {
    if (current.status === undefined) delete desired.status;
    else desired.status = current.status;
    return desired;
  }
  if (type.subresources.status) {
    if (current.status === undefined) delete desired.status;
    else desired.status = current.status;
  }
  return desired;
}

/** Rejects DeleteOptions kube-apiserver rejects (ValidateDeleteOptions). */
function validateDeleteOptions(body: DeleteOptionsBody): void {
  const errors: FieldError[] = [];
  if (body.propagationPolicy !== undefined && !PROPAGATION_POLICIES.includes(body.propagationPolicy)) {
    errors.push({
      type: 'FieldValueNotSupported', field: 'propagationPolicy',
      message: `Unsupported value: "${body.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    });
  }
  if (body.orphanDependents !== undefined && body.propagationPolicy !== undefined) {
    errors.push(fieldError.invalid('propagationPolicy', body.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (errors.length > 0) throw invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', errors);
}

export { ApiError };

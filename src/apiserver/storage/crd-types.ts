/**
 * Serving custom resources: a stored CRD becomes a {@link ResourceType} registered in its
 * cluster's registry (names, scope, served/storage versions, status subresource, conversion
 * `None` as an apiVersion swap). Schema validation, pruning, defaulting and webhook conversion
 * are part 2's and plug into the strategy built here.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { isPlainObject } from '../../api/object.js';
import type { LogicalCluster } from '../clusters.js';
import { ALL_VERBS, type ResourceType } from '../registry/types.js';
import type { CommittedWrite, GenericStore } from './generic-store.js';

const CRD_GROUP_RESOURCE = 'customresourcedefinitions.apiextensions.k8s.io';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function crdVersions(value: unknown): { name: string; served: boolean; storage: boolean; status: boolean }[] {
  return (Array.isArray(value) ? value : []).filter(isPlainObject).map((v) => ({
    name: typeof v.name === 'string' ? v.name : '', served: v.served !== false, storage: v.storage === true,
    status: isPlainObject(v.subresources) && isPlainObject(v.subresources.status),
  }));
}

function nonEmpty(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function crdNames(names: Record<string, unknown> & { plural: string; kind: string }): ResourceType['names'] {
  return {
    plural: names.plural,
    singular: nonEmpty(names.singular, names.kind.toLowerCase()),
    kind: names.kind,
    listKind: nonEmpty(names.listKind, `${names.kind}List`),
    shortNames: strings(names.shortNames),
    categories: strings(names.categories),
  };
}

/** The type a CRD defines, or undefined when the CRD is malformed or being deleted. */
export function crdToResourceType(crd: KubeObject): ResourceType | undefined {
  const spec = isPlainObject(crd.spec) ? crd.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  const usable = typeof spec.group === 'string' && typeof names.plural === 'string' && typeof names.kind === 'string';
  if (!usable || crd.metadata?.deletionTimestamp) return undefined;
  const versions = crdVersions(spec.versions);
  if (versions.length === 0) return undefined;
  return {
    group: spec.group as string,
    versions: versions.map(({ name, served, storage }) => ({ name, served, storage })),
    names: crdNames(names as Record<string, unknown> & { plural: string; kind: string }),
    namespaced: spec.scope !== 'Cluster',
    verbs: ALL_VERBS,
    subresources: { status: versions.some((v) => v.status) },
    tracksGeneration: true,
    allowUnconditionalUpdate: false,
    deleteReturnsObject: true,
    origin: { kind: 'crd', crdName: crd.metadata?.name ?? '' },
    strategy: {},
  };
}

function apply(cluster: LogicalCluster, crd: KubeObject, deleted: boolean): void {
  const type = deleted ? undefined : crdToResourceType(crd);
  const name = crd.metadata?.name ?? '';
  if (type) cluster.registry.register(type);
  else cluster.registry.unregister(name);
}

/** Registers the types of every CRD stored in `cluster` (at start-up and on cluster creation). */
export function attachCrdTypes(store: GenericStore, cluster: LogicalCluster): void {
  const crdType = cluster.registry.get(CRD_GROUP_RESOURCE);
  if (!crdType) return;
  const prefix = `${cluster.keyPrefix}${CRD_GROUP_RESOURCE}/`;
  for (const kv of store.backend.list({ prefix }).kvs) apply(cluster, store.codec.decode(kv, crdType), false);
}

/** Keeps a cluster's registry in step with its CRDs; wired as the store's commit hook. */
export function crdCommitted(write: CommittedWrite): void {
  if (write.type.origin.kind === 'builtin' && write.type.names.plural === 'customresourcedefinitions') {
    apply(write.cluster, write.object, write.deleted);
  }
}

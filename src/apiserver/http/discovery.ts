/**
 * Legacy discovery documents (`/api`, `/apis`, `/apis/<group>`, `/api/v1`, `/apis/<g>/<v>`),
 * computed from the cluster's registry on each request so a type registered at run time shows
 * up at once. Aggregated discovery (`apidiscovery.k8s.io` v2 and v2beta1) is served on `/api`
 * and `/apis` when the client asks for it, with the exact version it asked for (kubectl 1.27-1.29
 * only understand v2beta1; a mismatch makes kubectl lose every resource type).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { formatApiVersion } from '../../api/object.js';
import type { ResourceRegistry, ServedGroup } from '../registry/registry.js';
import type { ResourceType } from '../registry/types.js';

function groupVersions(group: ServedGroup): { groupVersion: string; version: string }[] {
  return group.versions.map((version) => ({ groupVersion: formatApiVersion(group.name, version), version }));
}

function apiGroup(group: ServedGroup): Record<string, unknown> {
  return {
    name: group.name,
    versions: groupVersions(group),
    preferredVersion: { groupVersion: formatApiVersion(group.name, group.preferredVersion), version: group.preferredVersion },
  };
}

/** `GET /api`. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** `GET /apis`: every group but core. */
export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().filter((g) => g.name !== '').map(apiGroup) };
}

/** `GET /apis/<group>`, or undefined when the group is not served. */
export function apiGroupDocument(registry: ResourceRegistry, name: string): Record<string, unknown> | undefined {
  const group = registry.groups().find((g) => g.name === name && name !== '');
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) } : undefined;
}

function storageVersionHash(type: ResourceType, version: string): string {
  return createHash('sha256').update(`${type.group}/${version}/${type.names.kind}`).digest('base64').slice(0, 11);
}

function resourceEntries(type: ResourceType, version: string): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: type.names.plural,
    singularName: type.names.singular,
    namespaced: type.namespaced,
    kind: type.names.kind,
    verbs: [...type.verbs],
    ...(type.names.shortNames.length > 0 ? { shortNames: [...type.names.shortNames] } : {}),
    ...(type.names.categories.length > 0 ? { categories: [...type.names.categories] } : {}),
    storageVersionHash: storageVersionHash(type, version),
  };
  const entries = [main];
  if (type.subresources.finalize) {
    entries.push({ name: `${type.names.plural}/finalize`, singularName: '', namespaced: type.namespaced, kind: type.names.kind, verbs: ['update'] });
  }
  if (type.subresources.status) {
    entries.push({ name: `${type.names.plural}/status`, singularName: '', namespaced: type.namespaced, kind: type.names.kind, verbs: ['get', 'patch', 'update'] });
  }
  return entries;
}

/** `GET /api/v1` or `/apis/<g>/<v>`, or undefined when nothing is served there. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const types = registry.typesIn(group, version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: formatApiVersion(group, version),
    resources: types.flatMap((t) => resourceEntries(t, version)),
  };
}

function aggregatedResource(type: ResourceType, version: string): Record<string, unknown> {
  const responseKind = { group: type.group, version, kind: type.names.kind };
  // In the order of the legacy list (sorted by name), as kube converts it.
  const subresources = [
    ...(type.subresources.finalize ? [{ subresource: 'finalize', responseKind, verbs: ['update'] }] : []),
    ...(type.subresources.status ? [{ subresource: 'status', responseKind, verbs: ['get', 'patch', 'update'] }] : []),
  ];
  return {
    resource: type.names.plural,
    responseKind,
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.names.singular,
    verbs: [...type.verbs],
    ...(type.names.shortNames.length > 0 ? { shortNames: [...type.names.shortNames] } : {}),
    ...(type.names.categories.length > 0 ? { categories: [...type.names.categories] } : {}),
    ...(subresources.length > 0 ? { subresources } : {}),
  };
}

function aggregatedGroup(registry: ResourceRegistry, group: ServedGroup): Record<string, unknown> {
  return {
    metadata: { name: group.name, creationTimestamp: null },
    versions: group.versions.map((version) => ({
      version,
      resources: registry.typesIn(group.name, version).map((t) => aggregatedResource(t, version)),
      freshness: 'Current',
    })),
  };
}

/**
 * Aggregated discovery (`apidiscovery.k8s.io` v2 or v2beta1, same shape): `/api` holds the core
 * group only, `/apis` every other group, each with its versions by preference.
 */
export function aggregatedDiscovery(registry: ResourceRegistry, root: 'api' | 'apis', version: 'v2' | 'v2beta1'): Record<string, unknown> {
  const groups = registry.groups().filter((g) => (root === 'api' ? g.name === '' : g.name !== ''));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => aggregatedGroup(registry, g)),
  };
}

/**
 * Turns a request path into what it addresses, as kube's `RequestInfoFactory`
 * (`k8s.io/apiserver/pkg/endpoints/request/requestinfo.go`), after the logical-cluster prefix.
 *
 * @module
 */
import { ROOT_CLUSTER } from '../clusters.js';

export interface ResourceRequest {
  readonly kind: 'resource';
  readonly verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
  readonly group: string;
  readonly version: string;
  readonly namespace?: string;
  readonly resource: string;
  readonly name?: string;
  readonly subresource?: string;
}

/** A path outside the resource tree: health, version, discovery documents. */
export interface NonResourceRequest {
  readonly kind: 'nonresource';
  readonly path: string;
}

export interface RequestInfo {
  /** The logical cluster addressed. */
  readonly cluster: string;
  readonly target: ResourceRequest | NonResourceRequest;
}

/** Subresources of a namespace (`/api/v1/namespaces/<ns>/status`), not namespaced resources. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function resourceVerb(method: string, hasName: boolean, watch: boolean): ResourceRequest['verb'] | undefined {
  switch (method) {
    case 'GET': case 'HEAD': return hasName ? 'get' : watch ? 'watch' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return hasName ? 'delete' : 'deletecollection';
    default: return undefined;
  }
}

/** Splits off `/clusters/<name>`; anything else addresses the root cluster. */
function splitCluster(path: string): { cluster: string; rest: string } {
  const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(path);
  return m ? { cluster: m[1]!, rest: m[2] ?? '/' } : { cluster: ROOT_CLUSTER, rest: path };
}

/** Group and index of the version segment for `/api/v1/…` and `/apis/<g>/<v>/…` resource paths. */
function apiPrefix(parts: readonly string[]): { group: string; i: number } | undefined {
  if (parts[0] === 'api' && parts.length >= 3) return { group: '', i: 1 };
  if (parts[0] === 'apis' && parts.length >= 4) return { group: parts[1]!, i: 2 };
  return undefined;
}

/**
 * Parses a request. `watch` comes from the query (`watch=true|1`). Returns a non-resource
 * target for anything that is not `/api/v1/...` or `/apis/<g>/<v>/...` with a resource.
 */
export function parseRequestInfo(method: string, path: string, watch: boolean): RequestInfo {
  const { cluster, rest } = splitCluster(path);
  const parts = rest.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const nonResource = { cluster, target: { kind: 'nonresource', path: `/${parts.join('/')}` } } as const;
  const prefix = apiPrefix(parts);
  if (!prefix) return nonResource;
  const { group, i } = prefix;
  const version = parts[i]!;
  let current = parts.slice(i + 1);
  let namespace: string | undefined;
  if (current[0] === 'namespaces' && current.length > 1) {
    namespace = current[1];
    if (current.length > 2 && !NAMESPACE_SUBRESOURCES.has(current[2]!)) current = current.slice(2);
  }
  const [resource, name, subresource] = current;
  const verb = resourceVerb(method, name !== undefined, watch);
  if (!resource || !verb || current.length > 3) return nonResource;
  return {
    cluster,
    target: {
      kind: 'resource', verb, group, version, resource,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(subresource !== undefined ? { subresource } : {}),
    },
  };
}

/**
 * The verbs on resources: get, list, watch, create, update, patch, delete, deletecollection,
 * each a thin translation between HTTP (query parameters, bodies, status codes) and the
 * generic store.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFieldSelector } from '../../api/field-selector.js';
import { SelectorParseError, parseLabelSelector } from '../../api/label-selector.js';
import { type KubeObject, formatApiVersion, isPlainObject } from '../../api/object.js';
import type { LogicalCluster } from '../clusters.js';
import type { ResourceType } from '../registry/types.js';
import type { ResourceScope } from '../storage/codec.js';
import type { DeleteOptionsBody, GenericStore } from '../storage/generic-store.js';
import { type ListQuery, checkSelectableFields, listObjects } from '../storage/list.js';
import { decodeObjectBody, mediaType, parseJson, readBody } from './body.js';
import { handlePatch } from './patch-handler.js';
import type { ResourceRequest } from './request-info.js';
import { badRequest, methodNotSupported, pathNotFound } from './status.js';
import { type WatchDeps, serveWatch } from './watch.js';

export interface ResourceHandlerDeps {
  readonly store: GenericStore;
  readonly watch: WatchDeps;
}

/** Everything a verb handler needs about one request. */
export interface ResourceCall {
  readonly deps: ResourceHandlerDeps;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly scope: ResourceScope;
  readonly info: ResourceRequest;
}

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** `dryRun=All` → true; absent → false; anything else → 400. */
export function parseDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  if (values.length === 0) return false;
  if (values.every((v) => v === 'All')) return true;
  throw badRequest(`Invalid dryRun value: ${values.join(',')}; accepted values are "All"`);
}

function parseSelectors(type: ResourceType, query: URLSearchParams): Pick<ListQuery, 'labelSelector' | 'fieldSelector'> {
  try {
    const label = query.get('labelSelector');
    const field = query.get('fieldSelector');
    const fieldSelector = field ? parseFieldSelector(field) : undefined;
    if (fieldSelector) checkSelectableFields(type, fieldSelector);
    return { ...(label ? { labelSelector: parseLabelSelector(label) } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
  } catch (error) {
    if (error instanceof SelectorParseError) throw badRequest(error.message);
    throw error;
  }
}

function parseLimit(query: URLSearchParams): number | undefined {
  const text = query.get('limit');
  if (text === null || text === '') return undefined;
  if (!/^-?\d+$/.test(text)) throw badRequest(`invalid limit: ${text}`);
  return Number(text);
}

function queryBool(query: URLSearchParams, name: string): boolean | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  return v === 'true' || v === '1';
}

/** Checks a decoded body against the URL (kind and apiVersion) and returns it as an object. */
export function checkBodyType(scope: ResourceScope, body: unknown): KubeObject {
  if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON or YAML object');
  const obj = body as KubeObject;
  const expected = formatApiVersion(scope.type.group, scope.version);
  const { kind } = scope.type.names;
  if (scope.type.origin.kind === 'crd' && (!obj.kind || !obj.apiVersion)) {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body).slice(0, 200)}'`);
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${expected})`);
  }
  if (obj.kind !== undefined && obj.kind !== kind) {
    throw badRequest(`${String(obj.kind)} in version "${scope.version}" cannot be handled as a ${kind}: the kind in the data does not match the kind of the URL`);
  }
  obj.apiVersion = expected;
  obj.kind = kind;
  if (obj.metadata !== undefined && !isPlainObject(obj.metadata)) throw badRequest('metadata must be an object');
  obj.metadata ??= {};
  return obj;
}

async function readObject(call: ResourceCall): Promise<KubeObject> {
  const body = await readBody(call.req);
  return checkBodyType(call.scope, decodeObjectBody(call.req.headers['content-type'], body));
}

async function list(call: ResourceCall): Promise<void> {
  const { query, scope } = call;
  const page = await listObjects(call.deps.store, scope, {
    ...parseSelectors(scope.type, query),
    ...(parseLimit(query) !== undefined ? { limit: parseLimit(query)! } : {}),
    ...(query.get('continue') ? { continueToken: query.get('continue')! } : {}),
    ...(query.get('resourceVersion') !== null ? { resourceVersion: query.get('resourceVersion')! } : {}),
    ...(query.get('resourceVersionMatch') ? { resourceVersionMatch: query.get('resourceVersionMatch')! } : {}),
  });
  sendJson(call.res, 200, {
    kind: scope.type.names.listKind,
    apiVersion: formatApiVersion(scope.type.group, scope.version),
    metadata: { resourceVersion: page.resourceVersion, ...(page.continueToken ? { continue: page.continueToken } : {}) },
    items: page.items,
  });
}

async function watch(call: ResourceCall): Promise<void> {
  const { query } = call;
  const timeout = query.get('timeoutSeconds');
  const sendInitialEvents = queryBool(query, 'sendInitialEvents');
  await serveWatch(call.deps.watch, call.scope, {
    ...parseSelectors(call.scope.type, query),
    ...(query.get('resourceVersion') !== null ? { resourceVersion: query.get('resourceVersion')! } : {}),
    ...(query.get('resourceVersionMatch') ? { resourceVersionMatch: query.get('resourceVersionMatch')! } : {}),
    allowWatchBookmarks: queryBool(query, 'allowWatchBookmarks') ?? false,
    ...(sendInitialEvents !== undefined ? { sendInitialEvents } : {}),
    ...(timeout && /^\d+$/.test(timeout) ? { timeoutSeconds: Number(timeout) } : {}),
  }, call.res);
}

async function create(call: ResourceCall): Promise<void> {
  const obj = await readObject(call);
  const created = await call.deps.store.create(call.scope, obj, { dryRun: parseDryRun(call.query) });
  sendJson(call.res, 201, created);
}

/** The subresource an update addresses, when it is one the store isolates. */
export function updateSubresource(info: ResourceRequest): { subresource?: 'status' | 'finalize' } {
  return info.subresource === 'status' || info.subresource === 'finalize' ? { subresource: info.subresource } : {};
}

async function update(call: ResourceCall): Promise<void> {
  const obj = await readObject(call);
  const updated = await call.deps.store.update(call.scope, call.info.name!, () => obj, {
    dryRun: parseDryRun(call.query), isReplace: true, ...updateSubresource(call.info),
  });
  sendJson(call.res, 200, updated);
}

async function deleteOptions(call: ResourceCall): Promise<DeleteOptionsBody> {
  const raw = await readBody(call.req);
  const fromBody = raw.length > 0 && mediaType(call.req.headers['content-type']) !== 'application/yaml'
    ? parseJson(raw.toString('utf8'))
    : raw.length > 0 ? decodeObjectBody(call.req.headers['content-type'], raw) : {};
  if (!isPlainObject(fromBody)) throw badRequest('DeleteOptions must be an object');
  const policy = call.query.get('propagationPolicy');
  return { ...(fromBody as DeleteOptionsBody), ...(policy ? { propagationPolicy: policy } : {}) };
}

function isDryRunDelete(call: ResourceCall, options: DeleteOptionsBody): boolean {
  const fromBody = (options as { dryRun?: unknown }).dryRun;
  return parseDryRun(call.query) || (Array.isArray(fromBody) && fromBody.includes('All'));
}

async function remove(call: ResourceCall): Promise<void> {
  const options = await deleteOptions(call);
  const { type } = call.scope;
  const result = await call.deps.store.delete(call.scope, call.info.name!, options, { dryRun: isDryRunDelete(call, options) });
  if (!result.deleted || type.deleteReturnsObject) {
    sendJson(call.res, 200, result.object);
    return;
  }
  sendJson(call.res, 200, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name: call.info.name, ...(type.group ? { group: type.group } : {}), kind: type.names.plural, uid: result.object.metadata?.uid },
  });
}

async function removeCollection(call: ResourceCall): Promise<void> {
  const options = await deleteOptions(call);
  const dryRun = isDryRunDelete(call, options);
  const page = await listObjects(call.deps.store, call.scope, parseSelectors(call.scope.type, call.query));
  const items: KubeObject[] = [];
  for (const obj of page.items) {
    const scope = { ...call.scope, namespace: obj.metadata?.namespace ?? call.scope.namespace };
    const result = await call.deps.store.delete(scope, obj.metadata!.name!, options, { dryRun }).catch((e: unknown) => {
      if ((e as { httpCode?: number }).httpCode === 404) return undefined;
      throw e;
    });
    if (result) items.push(result.object);
  }
  sendJson(call.res, 200, {
    kind: call.scope.type.names.listKind, apiVersion: formatApiVersion(call.scope.type.group, call.scope.version),
    metadata: { resourceVersion: String(call.deps.store.backend.currentRevision()) }, items,
  });
}

async function get(call: ResourceCall): Promise<void> {
  sendJson(call.res, 200, await call.deps.store.get(call.scope, call.info.name!));
}

const VERBS = { get, list, watch, create, update, patch: handlePatch, delete: remove, deletecollection: removeCollection } as const;

/** Whether kube-apiserver would have a route for this verb, scope and subresource of `type`. */
function routeExists(type: ResourceType, info: ResourceRequest): boolean {
  if (info.subresource === 'finalize') return type.subresources.finalize === true && info.verb === 'update';
  if (info.subresource !== undefined) {
    return info.subresource === 'status' && type.subresources.status && ['get', 'update', 'patch'].includes(info.verb);
  }
  if (!type.namespaced) return info.namespace === undefined || info.resource === 'namespaces';
  return info.namespace !== undefined || ['list', 'watch'].includes(info.verb);
}

/** Routes a resource request in a cluster to its verb handler. */
export async function handleResource(
  deps: ResourceHandlerDeps, http: { req: IncomingMessage; res: ServerResponse; query: URLSearchParams }, cluster: LogicalCluster, info: ResourceRequest,
): Promise<void> {
  const type = cluster.registry.lookup(info.group, info.version, info.resource);
  if (!type || !routeExists(type, info)) throw pathNotFound();
  if (!type.verbs.includes(info.verb)) throw methodNotSupported({ group: type.group, resource: type.names.plural }, info.verb);
  const scope: ResourceScope = {
    cluster, type, version: info.version, ...(type.namespaced && info.namespace !== undefined ? { namespace: info.namespace } : {}),
  };
  await VERBS[info.verb]({ deps, req: http.req, res: http.res, query: http.query, scope, info });
}

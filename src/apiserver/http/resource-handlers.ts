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
import type { RequestUser, ResourceType } from '../registry/types.js';
import type { ResourceScope } from '../storage/codec.js';
import type { DeleteOptionsBody, GenericStore } from '../storage/generic-store.js';
import { type ListQuery, checkSelectableFields, listObjects } from '../storage/list.js';
import type { Clock } from '../../util/index.js';
import { decodeObjectBody, mediaType, parseJson, readBody } from './body.js';
import { addWarnings, checkFields, parseFieldValidation } from './field-validation.js';
import { recordWrite } from './managed.js';
import { type Producible, negotiate } from './negotiate.js';
import { sendJson, sendList, sendObject, watchEncoding } from './respond.js';
import { handlePatch } from './patch-handler.js';
import type { ResourceRequest } from './request-info.js';
import { badRequest, methodNotSupported, pathNotFound } from './status.js';
import { type WatchDeps, serveWatch } from './watch.js';

export interface ResourceHandlerDeps {
  readonly store: GenericStore;
  readonly watch: WatchDeps;
  readonly clock: Clock;
  /** Verifies a bearer token for a cluster (TokenReview). */
  readonly verifyToken?: (token: string, cluster: string) => RequestUser | undefined;
}

/** Everything a verb handler needs about one request. */
export interface ResourceCall {
  readonly deps: ResourceHandlerDeps;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly scope: ResourceScope;
  readonly info: ResourceRequest;
  /** Who sent the request. */
  readonly user: RequestUser;
}

export { sendJson };

/** Writes one object in the form the request negotiated (JSON, YAML, Table, PartialObjectMetadata). */
export function respond(call: ResourceCall, code: number, obj: KubeObject, can: Producible = {}): void {
  const form = negotiate(call.req.headers.accept, can);
  sendObject(call.res, code, form, obj, { scope: call.scope, query: call.query, nowMs: call.deps.clock.now() });
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

/** Reads, decodes and type-checks a POST/PUT body, applying `fieldValidation`. */
async function readObject(call: ResourceCall, optionsKind: 'CreateOptions' | 'UpdateOptions'): Promise<KubeObject> {
  const mode = parseFieldValidation(call.query, optionsKind);
  const body = await readBody(call.req);
  const contentType = call.req.headers['content-type'];
  const obj = checkBodyType(call.scope, decodeObjectBody(contentType, body, { protobuf: call.scope.type.origin.kind === 'builtin' }));
  const json = ['application/json', ''].includes(mediaType(contentType)) ? body.toString('utf8') : undefined;
  addWarnings(call.res, checkFields(obj, call.scope, { mode, ...(json !== undefined ? { json } : {}) }));
  return obj;
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
  const form = negotiate(call.req.headers.accept, READ_FORMS);
  const listMeta = { resourceVersion: page.resourceVersion, ...(page.continueToken ? { continue: page.continueToken } : {}) };
  sendList(call.res, form, page.items, listMeta, { scope, query, nowMs: call.deps.clock.now() });
}

async function watch(call: ResourceCall): Promise<void> {
  const { query } = call;
  const timeout = query.get('timeoutSeconds');
  const sendInitialEvents = queryBool(query, 'sendInitialEvents');
  const form = negotiate(call.req.headers.accept, READ_FORMS);
  const encoding = watchEncoding(form, { scope: call.scope, query, now: () => call.deps.clock.now() });
  await serveWatch(call.deps.watch, call.scope, {
    ...parseSelectors(call.scope.type, query),
    ...(query.get('resourceVersion') !== null ? { resourceVersion: query.get('resourceVersion')! } : {}),
    ...(query.get('resourceVersionMatch') ? { resourceVersionMatch: query.get('resourceVersionMatch')! } : {}),
    allowWatchBookmarks: queryBool(query, 'allowWatchBookmarks') ?? false,
    ...(sendInitialEvents !== undefined ? { sendInitialEvents } : {}),
    ...(timeout && /^\d+$/.test(timeout) ? { timeoutSeconds: Number(timeout) } : {}),
    encoding,
  }, call.res);
}

async function create(call: ResourceCall): Promise<void> {
  const obj = await readObject(call, 'CreateOptions');
  if (call.scope.type.review) {
    const cluster = call.scope.cluster.name;
    const verify = call.deps.verifyToken;
    respond(call, 201, call.scope.type.review(obj, { user: call.user, cluster, ...(verify ? { authenticateToken: (token: string) => verify(token, cluster) } : {}) }));
    return;
  }
  const created = await call.deps.store.create(call.scope, recordWrite(call, undefined, obj, 'CreateOptions'), { dryRun: parseDryRun(call.query) });
  respond(call, 201, created);
}

/** The subresource an update addresses, when it is one the store isolates. */
export function updateSubresource(info: ResourceRequest): { subresource?: 'status' | 'finalize' } {
  return info.subresource === 'status' || info.subresource === 'finalize' ? { subresource: info.subresource } : {};
}

async function update(call: ResourceCall): Promise<void> {
  const obj = await readObject(call, 'UpdateOptions');
  const updated = await call.deps.store.update(call.scope, call.info.name!, (current) => recordWrite(call, current, obj, 'UpdateOptions'), {
    dryRun: parseDryRun(call.query), isReplace: true, ...updateSubresource(call.info),
  });
  respond(call, 200, updated);
}

async function deleteOptions(call: ResourceCall): Promise<DeleteOptionsBody> {
  const raw = await readBody(call.req);
  const type = mediaType(call.req.headers['content-type']);
  const fromBody = raw.length === 0 ? {}
    : type === 'application/yaml' || type === 'application/vnd.kubernetes.protobuf' ? decodeObjectBody(type, raw, { protobuf: true })
      : parseJson(raw.toString('utf8'));
  if (!isPlainObject(fromBody)) throw badRequest('DeleteOptions must be an object');
  delete fromBody.kind;
  delete fromBody.apiVersion;
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
    respond(call, 200, result.object);
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
  respond(call, 200, await call.deps.store.get(call.scope, call.info.name!), READ_FORMS);
}

/** GET, LIST and WATCH can answer Tables and PartialObjectMetadata. */
const READ_FORMS: Producible = { table: true, partial: true };

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
  deps: ResourceHandlerDeps, http: { req: IncomingMessage; res: ServerResponse; query: URLSearchParams; user: RequestUser }, cluster: LogicalCluster, info: ResourceRequest,
): Promise<void> {
  const type = cluster.registry.lookup(info.group, info.version, info.resource);
  if (!type || !routeExists(type, info)) throw pathNotFound();
  if (!type.verbs.includes(info.verb)) throw methodNotSupported({ group: type.group, resource: type.names.plural }, info.verb);
  const scope: ResourceScope = {
    cluster, type, version: info.version, ...(type.namespaced && info.namespace !== undefined ? { namespace: info.namespace } : {}),
  };
  await VERBS[info.verb]({ deps, req: http.req, res: http.res, query: http.query, scope, info, user: http.user });
}

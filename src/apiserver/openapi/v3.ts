/**
 * OpenAPI v3 (`/openapi/v3`): a root listing one document per served group-version, each
 * under a content-hash URL, and the per-group-version documents kubectl reads for `apply`
 * (field validation support: a PATCH operation carrying `x-kubernetes-group-version-kind` and
 * the `fieldValidation` query parameter) and `explain` (paths plus `components.schemas` with the
 * kind's GVK). Built-in kinds publish their hand-written schemas; custom resources publish their
 * CRD version's `openAPIV3Schema` with apiVersion, kind and metadata added.
 *
 * PATCH operations carry no `requestBody`: kubectl would then compute strategic merge patches
 * from these schemas instead of its compiled-in types, which is only a risk.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { ResourceRegistry } from '../registry/registry.js';
import type { ResourceType } from '../registry/types.js';
import { BUILTIN_DEFINITIONS } from '../schema/builtin/index.js';
import { ref, refName, referencedDefinitions } from '../schema/builder.js';
import type { JsonSchema } from '../schema/types.js';
import { crDefinitionName, crSchema } from './cr-schema.js';

/** The version string documents announce. */
export const OPENAPI_INFO = { title: 'Kubernetes', version: 'v1.32.0' };

type Action = 'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection';

interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'path';
  readonly description: string;
  readonly required?: boolean;
  readonly schema: JsonSchema;
}

const query = (name: string, description: string, type = 'string'): Parameter => ({ name, in: 'query', description, schema: { type, uniqueItems: true } });
const PARAMS = {
  dryRun: query('dryRun', 'When present, modifications are not persisted. The only valid value is All.'),
  fieldManager: query('fieldManager', 'A name for the actor making these changes (at most 128 printable characters).'),
  fieldValidation: query('fieldValidation', 'How the server handles unknown or duplicate fields in the request body: Ignore, Warn (default) or Strict.'),
  force: query('force', 'Force an Apply request to take over conflicting fields. Must be unset for non-apply patches.', 'boolean'),
  pretty: query('pretty', "If 'true', the output is pretty printed."),
  gracePeriodSeconds: query('gracePeriodSeconds', 'The duration in seconds before the object should be deleted.', 'integer'),
  propagationPolicy: query('propagationPolicy', 'Whether and how garbage collection is performed: Orphan, Background or Foreground.'),
  labelSelector: query('labelSelector', 'A selector to restrict the list of returned objects by their labels.'),
  fieldSelector: query('fieldSelector', 'A selector to restrict the list of returned objects by their fields.'),
  limit: query('limit', 'The maximum number of responses to return for a list call.', 'integer'),
  continue: query('continue', 'The continue token of a previous paginated list call.'),
  resourceVersion: query('resourceVersion', 'Constrains the resource versions a request may be served from.'),
  resourceVersionMatch: query('resourceVersionMatch', 'How resourceVersion is applied to list calls.'),
  watch: query('watch', 'Watch for changes to the described resources and return them as a stream.', 'boolean'),
  allowWatchBookmarks: query('allowWatchBookmarks', 'Requests watch events of type BOOKMARK.', 'boolean'),
  sendInitialEvents: query('sendInitialEvents', 'Start the watch with synthetic events for the current state, ended by a bookmark.', 'boolean'),
  timeoutSeconds: query('timeoutSeconds', 'Timeout for the list or watch call.', 'integer'),
};

const ACTION_PARAMS: Readonly<Record<Action, readonly Parameter[]>> = {
  get: [PARAMS.pretty],
  list: [PARAMS.allowWatchBookmarks, PARAMS.continue, PARAMS.fieldSelector, PARAMS.labelSelector, PARAMS.limit, PARAMS.pretty,
    PARAMS.resourceVersion, PARAMS.resourceVersionMatch, PARAMS.sendInitialEvents, PARAMS.timeoutSeconds, PARAMS.watch],
  post: [PARAMS.dryRun, PARAMS.fieldManager, PARAMS.fieldValidation, PARAMS.pretty],
  put: [PARAMS.dryRun, PARAMS.fieldManager, PARAMS.fieldValidation, PARAMS.pretty],
  patch: [PARAMS.dryRun, PARAMS.fieldManager, PARAMS.fieldValidation, PARAMS.force, PARAMS.pretty],
  delete: [PARAMS.dryRun, PARAMS.gracePeriodSeconds, PARAMS.propagationPolicy, PARAMS.pretty],
  deletecollection: [PARAMS.dryRun, PARAMS.fieldSelector, PARAMS.gracePeriodSeconds, PARAMS.labelSelector, PARAMS.propagationPolicy],
};

const VERB_OF: Readonly<Record<Action, string>> = { get: 'read', list: 'list', post: 'create', put: 'replace', patch: 'patch', delete: 'delete', deletecollection: 'deleteCollection' };

function pascal(text: string): string {
  return text.split(/[.-]/).filter((p) => p !== '').map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
}

/** The definition name a type's schema is published under at `version`. */
export function definitionName(type: ResourceType, version: string): string {
  if (type.origin.kind === 'crd') return crDefinitionName(type.group, version, type.names.kind);
  const schema = type.versions.find((v) => v.name === version)?.schema;
  return (schema && refName(schema)) ?? crDefinitionName(type.group, version, type.names.kind);
}

interface OperationContext {
  readonly type: ResourceType;
  readonly version: string;
  readonly namespacedPath: boolean;
  readonly subresource?: string;
}

function operation(action: Action, ctx: OperationContext, pathParams: readonly Parameter[]): Record<string, unknown> {
  const { type, version } = ctx;
  const groupPart = type.group === '' ? 'Core' : pascal(type.group.replace(/\.k8s\.io$/, ''));
  const scope = ctx.namespacedPath ? 'Namespaced' : '';
  const suffix = ctx.subresource ? pascal(ctx.subresource) : action === 'list' && type.namespaced && !ctx.namespacedPath ? 'ForAllNamespaces' : '';
  const schema = ref(definitionName(type, version));
  return {
    description: `${action} ${ctx.subresource ? `${ctx.subresource} of ` : ''}${action === 'list' || action === 'deletecollection' ? 'objects of kind' : 'the specified'} ${type.names.kind}`,
    operationId: `${VERB_OF[action]}${groupPart}${pascal(version)}${scope}${type.names.kind}${suffix}`,
    parameters: [...pathParams, ...ACTION_PARAMS[action]],
    responses: { 200: { description: 'OK', content: { 'application/json': { schema: action === 'list' ? { type: 'object' } : schema } } }, 401: { description: 'Unauthorized' } },
    tags: [`${groupPart.toLowerCase()}_${version}`],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: type.group, version, kind: type.names.kind },
  };
}

const pathParam = (name: string, description: string): Parameter => ({ name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } });
const NAME_PARAM = pathParam('name', 'name of the object');
const NAMESPACE_PARAM = pathParam('namespace', 'object name and auth scope, such as for teams and projects');

/** The paths of one type in one version (collection, item, all-namespaces list, status; create-only for reviews). */
function typePaths(type: ResourceType, version: string): Record<string, Record<string, unknown>> {
  const base = type.group === '' ? `/api/${version}` : `/apis/${type.group}/${version}`;
  const plural = type.names.plural;
  if (type.review) return { [`${base}/${plural}`]: { post: operation('post', { type, version, namespacedPath: false }, []) } };
  const collection = type.namespaced ? `${base}/namespaces/{namespace}/${plural}` : `${base}/${plural}`;
  const scoped = type.namespaced ? [NAMESPACE_PARAM] : [];
  const ctx = { type, version, namespacedPath: type.namespaced };
  const paths: Record<string, Record<string, unknown>> = {
    [collection]: {
      get: operation('list', ctx, scoped), post: operation('post', ctx, scoped), delete: operation('deletecollection', ctx, scoped),
    },
    [`${collection}/{name}`]: {
      get: operation('get', ctx, [NAME_PARAM, ...scoped]), put: operation('put', ctx, [NAME_PARAM, ...scoped]),
      patch: operation('patch', ctx, [NAME_PARAM, ...scoped]), delete: operation('delete', ctx, [NAME_PARAM, ...scoped]),
    },
  };
  if (type.namespaced) paths[`${base}/${plural}`] = { get: operation('list', { ...ctx, namespacedPath: false }, []) };
  if (type.subresources.status) {
    const status = { ...ctx, subresource: 'status' };
    paths[`${collection}/{name}/status`] = {
      get: operation('get', status, [NAME_PARAM, ...scoped]), put: operation('put', status, [NAME_PARAM, ...scoped]),
      patch: operation('patch', status, [NAME_PARAM, ...scoped]),
    };
  }
  return paths;
}

/** The schemas a document publishes: each kind's definition and every definition it references. */
function documentSchemas(types: readonly ResourceType[], version: string): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  const needed = new Set<string>();
  for (const type of types) {
    const name = definitionName(type, version);
    if (type.origin.kind === 'crd' || !BUILTIN_DEFINITIONS[name]) {
      // A custom resource, or a built-in without a hand-written schema: published open, with its GVK.
      schemas[name] = crSchema(type, version);
      referencedDefinitions(schemas[name], BUILTIN_DEFINITIONS, needed);
    } else {
      referencedDefinitions(ref(name), BUILTIN_DEFINITIONS, needed);
    }
  }
  for (const name of [...needed].sort()) schemas[name] = BUILTIN_DEFINITIONS[name]!;
  return schemas;
}

/** The OpenAPI v3 document of one group-version, or undefined when the registry serves nothing there. */
export function groupVersionDocument(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const types = registry.typesIn(group, version);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const type of types) Object.assign(paths, typePaths(type, version));
  return { openapi: '3.0.0', info: OPENAPI_INFO, paths, components: { schemas: documentSchemas(types, version) } };
}

/** A serialized document and the hash that names its content. */
export interface HashedDocument {
  readonly json: string;
  readonly hash: string;
}

/** Serializes a document and computes its content hash (SHA-512, upper-case hex, as kube-openapi). */
export function hashDocument(doc: unknown): HashedDocument {
  const json = JSON.stringify(doc);
  return { json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() };
}

/** The key of a group-version in the root document: `api/v1` or `apis/<group>/<version>`. */
export function groupVersionKey(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

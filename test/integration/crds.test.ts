/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- assertions read untyped JSON response bodies */
// CustomResourceDefinitions over HTTP against the real embedded API server: establishing and
// serving at once, kube's validation errors for bad CRDs and bad custom resources, names held
// by other CRDs, deletion with instance cleanup, several versions, restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type TestServer, call, startTestServer } from '../support/apiserver.js';
import { CRDS, send, statusMessage, widgetCrd } from '../support/crds.js';

let ts: TestServer;
before(async () => {
  ts = await startTestServer();
});
after(() => ts.stop());

const widgets = (ns = 'default'): string => `${ts.url}/apis/example.com/v1/namespaces/${ns}/widgets`;
const widget = (name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, ...extra }, spec });

async function createWidgetCrd(crd: unknown = widgetCrd()): Promise<any> {
  const res = await send(`${ts.url}${CRDS}`, 'POST', crd);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function deleteCrdAndWait(name = 'widgets.example.com'): Promise<void> {
  await call(`${ts.url}${CRDS}/${name}`, { method: 'DELETE' });
  await ts.server.controllers.idle();
  assert.equal((await call(`${ts.url}${CRDS}/${name}`)).status, 404);
}

test('a created CRD is named, established and served at once, in discovery too', async () => {
  const created = await createWidgetCrd();
  assert.deepEqual(created.status, { acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] });
  assert.equal(created.metadata.generation, 1);
  assert.deepEqual(created.spec.names, { plural: 'widgets', singular: 'widget', shortNames: ['wd'], kind: 'Widget', listKind: 'WidgetList', categories: ['all'] });
  assert.deepEqual(created.spec.conversion, { strategy: 'None' });

  // Usable without waiting: the CRD write returned after the type was registered.
  const cr = await send(widgets(), 'POST', widget('first', { size: 'small' }));
  assert.equal(cr.status, 201, JSON.stringify(cr.body));

  const crd = (await call(`${ts.url}${CRDS}/widgets.example.com`)).body;
  assert.deepEqual(crd.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]), [
    ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
    ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
  ]);
  assert.deepEqual(crd.status.acceptedNames, created.spec.names);
  assert.deepEqual(Object.keys(crd.status), ['conditions', 'acceptedNames', 'storedVersions']);

  const groups = (await call(`${ts.url}/apis`)).body.groups.map((g: any) => g.name);
  assert.ok(groups.includes('example.com'));
  const resources = (await call(`${ts.url}/apis/example.com/v1`)).body.resources;
  assert.deepEqual(resources.map((r: any) => [r.name, r.kind, r.namespaced, r.shortNames, r.categories]), [
    ['widgets', 'Widget', true, ['wd'], ['all']],
    ['widgets/status', 'Widget', true, undefined, undefined],
  ]);
  const type = ts.server.clusters.root.registry.get('widgets.example.com');
  assert.deepEqual(type?.customResource?.versions[0]?.printerColumns, [{ name: 'Size', type: 'string', jsonPath: '.spec.size' }]);
  assert.equal((type?.customResource?.versions[0]?.openAPIV3Schema as any).type, 'object');
  await deleteCrdAndWait();
});

test('custom resources are defaulted, pruned and validated like kube-apiserver does', async () => {
  await createWidgetCrd();
  const created = await send(widgets(), 'POST', { ...(widget('a', { size: 'large', bogus: true, color: 'red' }) as object), extra: 1 });
  assert.equal(created.status, 201);
  assert.deepEqual(created.body.spec, { size: 'large', color: 'red', replicas: 1 });
  assert.equal(created.body.extra, undefined);
  // What fieldValidation=Strict|Warn reports (part 2): the fields pruning drops.
  const strategy = ts.server.clusters.root.registry.get('widgets.example.com')!.strategy;
  assert.deepEqual(strategy.unknownFields?.({ ...(widget('a', { size: 'large', bogus: true }) as object), extra: 1 }), ['extra', 'spec.bogus']);

  const cases: [unknown, number, string][] = [
    [widget('b', { size: 'small', replicas: 'x' }), 422,
      'Widget.example.com "b" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    [widget('c', {}), 422, 'Widget.example.com "c" is invalid: spec.size: Required value'],
    [widget('d', { size: 'huge', replicas: -1 }), 422,
      'Widget.example.com "d" is invalid: [spec.size: Unsupported value: "huge": supported values: "small", "large", spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0]'],
    [widget('Bad_Name', { size: 'small' }), 422, 'Widget.example.com "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')'],
    [widget('e', { size: 'small' }, { labels: ['x'] }), 400,
      'Widget in version "v1" cannot be handled as a Widget: json: cannot unmarshal array into Go struct field ObjectMeta.labels of type map[string]string'],
  ];
  for (const [body, code, message] of cases) {
    const res = await send(widgets(), 'POST', body);
    assert.equal(res.status, code, JSON.stringify(res.body));
    assert.equal(statusMessage(res), message);
  }
  const invalid = await send(widgets(), 'POST', widget('b', { size: 'small', replicas: 'x' }));
  assert.deepEqual(invalid.body.details, {
    name: 'b', group: 'example.com', kind: 'Widget',
    causes: [{ reason: 'FieldValueTypeInvalid', message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"', field: 'spec.replicas' }],
  });
  assert.deepEqual((await call(widgets())).body.items.map((w: any) => w.metadata.name), ['a'], 'nothing invalid was stored');

  // PUT without resourceVersion is refused for custom resources.
  const unconditional = await send(`${widgets()}/a`, 'PUT', widget('a', { size: 'small' }));
  assert.equal(unconditional.status, 422);
  assert.equal(statusMessage(unconditional), 'Widget.example.com "a" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');

  // Field selectors on the CRD's selectableFields; unknown fields are refused.
  assert.deepEqual((await call(`${widgets()}?fieldSelector=spec.color%3Dred`)).body.items.map((w: any) => w.metadata.name), ['a']);
  assert.deepEqual((await call(`${widgets()}?fieldSelector=spec.color%3Dblue`)).body.items, []);
  assert.equal(statusMessage(await call(`${widgets()}?fieldSelector=spec.size%3Dlarge`)), 'field label not supported: spec.size');
  await deleteCrdAndWait();
});

test('status subresource isolation and generation on spec changes only', async () => {
  await createWidgetCrd();
  const created = (await send(widgets(), 'POST', { ...(widget('s', { size: 'small' }) as object), status: { ready: true } })).body;
  assert.equal(created.status, undefined, 'status is dropped on create');
  const statusUpdate = await send(`${widgets()}/s/status`, 'PUT', { ...created, spec: { size: 'large' }, status: { ready: true } });
  assert.equal(statusUpdate.status, 200);
  assert.deepEqual(statusUpdate.body.spec, { size: 'small', replicas: 1 }, '/status ignores spec');
  assert.deepEqual(statusUpdate.body.status, { ready: true });
  assert.equal(statusUpdate.body.metadata.generation, 1);
  const badStatus = await send(`${widgets()}/s/status`, 'PUT', { ...statusUpdate.body, status: { ready: 'yes' } });
  assert.equal(statusMessage(badStatus), 'Widget.example.com "s" is invalid: status.ready: Invalid value: "string": ready in body must be of type boolean: "string"');
  const specUpdate = await send(`${widgets()}/s`, 'PUT', { ...statusUpdate.body, spec: { size: 'large' }, status: { ready: false } });
  assert.equal(specUpdate.body.metadata.generation, 2);
  assert.deepEqual(specUpdate.body.status, { ready: true }, 'the main resource ignores status');
  const labelOnly = await send(`${widgets()}/s`, 'PUT', { ...specUpdate.body, metadata: { ...specUpdate.body.metadata, labels: { a: 'b' } } });
  assert.equal(labelOnly.body.metadata.generation, 2, 'metadata changes do not bump generation');
  await deleteCrdAndWait();
});

test('bad CRDs get kube-apiserver\'s reasons and messages, and nothing is stored', async () => {
  const base = widgetCrd();
  const v = (over: Record<string, unknown>): unknown => ({ ...base, spec: { ...(base.spec as object), ...over } });
  const schema = (openAPIV3Schema: unknown): unknown => v({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema } }] });
  const prefix = 'CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: ';
  const cases: [unknown, number, string | RegExp][] = [
    [{ ...base, metadata: { name: 'wrong.example.com' } }, 422,
      'CustomResourceDefinition.apiextensions.k8s.io "wrong.example.com" is invalid: metadata.name: Invalid value: "wrong.example.com": must be spec.names.plural+"."+spec.group'],
    [v({ scope: 'Global' }), 422, `${prefix}spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"`],
    [{ ...(v({ group: 'example' }) as object), metadata: { name: 'widgets.example' } }, 422,
      'CustomResourceDefinition.apiextensions.k8s.io "widgets.example" is invalid: spec.group: Invalid value: "example": should be a domain with at least one dot'],
    [v({ versions: [{ name: 'v1', served: true, storage: false, schema: base.spec.versions[0].schema }] }), 422,
      /^CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: \[spec.versions: Invalid value: \[\{"Name":"v1","Served":true,"Storage":false,"Deprecated":false,"DeprecationWarning":null,"Schema":null,"Subresources":null,"AdditionalPrinterColumns":null,"SelectableFields":null\}\]: must have exactly one version marked as storage version, status.storedVersions: Invalid value: \[\]: must have at least one stored version\]$/],
    [v({ versions: [{ name: 'v1', served: true, storage: true }] }), 422, `${prefix}spec.versions[0].schema.openAPIV3Schema: Required value`],
    [schema({ type: 'object', properties: { spec: { type: 'object', properties: { size: { enum: ['a'] } } } } }), 422,
      `${prefix}spec.validation.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields`],
    [schema({ type: 'object', properties: { spec: { type: 'object', properties: { n: { type: 'integer', default: 'x' } } } } }), 422,
      `${prefix}spec.validation.openAPIV3Schema.properties[spec].properties[n].default: Invalid value: "string":  in body must be of type integer: "string"`],
    [schema({ type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } } }), 422,
      `${prefix}spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`],
    [schema({ type: 'object', properties: { list: { type: 'array', uniqueItems: true, items: { type: 'string' } } } }), 422,
      `${prefix}spec.validation.openAPIV3Schema.properties[list].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`],
    [v({ versions: 'v1' }), 400,
      'CustomResourceDefinition in version "v1" cannot be handled as a CustomResourceDefinition: json: cannot unmarshal string into Go struct field CustomResourceDefinitionSpec.spec.versions of type []v1.CustomResourceDefinitionVersion'],
    [v({ conversion: { strategy: 'Webhook' } }), 422, `${prefix}[spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook, spec.conversion.conversionReviewVersions: Required value]`],
    [v({ conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { url: 'http://example.com/convert?x=1' } } } }), 422,
      `${prefix}[spec.conversion.webhookClientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme; desired format: https://host[/path], spec.conversion.webhookClientConfig.url: Invalid value: "x=1": query parameters are not permitted in the URL]`],
  ];
  for (const [body, code, message] of cases) {
    const res = await send(`${ts.url}${CRDS}`, 'POST', body);
    assert.equal(res.status, code, JSON.stringify(res.body));
    if (typeof message === 'string') assert.equal(statusMessage(res), message);
    else assert.match(statusMessage(res), message);
    if (code === 422) assert.equal(res.body.reason, 'Invalid');
  }
  assert.deepEqual((await call(`${ts.url}${CRDS}`)).body.items, []);
});

test('names another CRD of the group holds are refused until it is deleted', async () => {
  await createWidgetCrd();
  const gadgets = widgetCrd();
  gadgets.metadata.name = 'gadgets.example.com';
  gadgets.spec.names = { plural: 'gadgets', kind: 'Gadget', shortNames: ['wd'] };
  assert.equal((await send(`${ts.url}${CRDS}`, 'POST', gadgets)).status, 201);
  const blocked = (await call(`${ts.url}${CRDS}/gadgets.example.com`)).body;
  assert.deepEqual(blocked.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]), [
    ['NamesAccepted', 'False', 'ShortNamesConflict', '"wd" is already in use'],
    ['Established', 'False', 'NotAccepted', 'not all names are accepted'],
  ]);
  assert.equal((await call(`${ts.url}/apis/example.com/v1/namespaces/default/gadgets`)).status, 404);
  await deleteCrdAndWait();
  const freed = (await call(`${ts.url}${CRDS}/gadgets.example.com`)).body;
  assert.deepEqual(freed.status.conditions.map((c: any) => [c.type, c.status]), [['NamesAccepted', 'True'], ['Established', 'True']]);
  assert.equal((await call(`${ts.url}/apis/example.com/v1/namespaces/default/gadgets`)).status, 200);
  await deleteCrdAndWait('gadgets.example.com');
});

test('deleting a CRD deletes its objects, honouring their finalizers, then unregisters it', async () => {
  await createWidgetCrd();
  await send(widgets(), 'POST', widget('plain', { size: 'small' }));
  await send(widgets(), 'POST', widget('held', { size: 'small' }, { finalizers: ['example.com/hold'] }));
  const deleted = await call(`${ts.url}${CRDS}/widgets.example.com`, { method: 'DELETE' });
  assert.equal(deleted.status, 200);
  assert.ok(deleted.body.metadata.deletionTimestamp);
  assert.deepEqual(deleted.body.metadata.finalizers, ['customresourcecleanup.apiextensions.k8s.io']);
  assert.deepEqual(deleted.body.status.conditions.at(-1), {
    type: 'Terminating', status: 'True', lastTransitionTime: deleted.body.metadata.deletionTimestamp, reason: 'InstanceDeletionPending',
    message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
  });
  const refused = await send(widgets(), 'POST', widget('late', { size: 'small' }));
  assert.equal(refused.status, 403);
  assert.equal(statusMessage(refused), 'widgets.example.com "late" is forbidden: create not allowed while custom resource definition is terminating');

  await ts.server.controllers.idle();
  const left = (await call(widgets())).body.items;
  assert.deepEqual(left.map((w: any) => w.metadata.name), ['held']);
  assert.ok(left[0].metadata.deletionTimestamp);
  const terminating = (await call(`${ts.url}${CRDS}/widgets.example.com`)).body;
  assert.deepEqual(terminating.status.conditions.find((c: any) => c.type === 'Terminating').reason, 'InstanceDeletionInProgress');

  const released = await send(`${widgets()}/held`, 'PATCH', { metadata: { finalizers: null } }, 'application/merge-patch+json');
  assert.equal(released.status, 200);
  await ts.server.controllers.idle();
  assert.equal((await call(`${ts.url}${CRDS}/widgets.example.com`)).status, 404);
  assert.equal((await call(widgets())).status, 404);
  assert.ok(!(await call(`${ts.url}/apis`)).body.groups.some((g: any) => g.name === 'example.com'));
});

test('several versions: stored in the storage version, served in each, pruned and defaulted per version', async () => {
  const v1Schema = widgetCrd().spec.versions[0].schema.openAPIV3Schema;
  const v2Schema = {
    type: 'object',
    properties: { spec: { type: 'object', properties: { size: { type: 'string' }, replicas: { type: 'integer', default: 3 }, tier: { type: 'string', default: 'gold' } } } },
  };
  const version = (name: string, storage: boolean, openAPIV3Schema: unknown): unknown => ({ name, served: true, storage, schema: { openAPIV3Schema } });
  await createWidgetCrd(widgetCrd({ versions: [version('v1', true, v1Schema), version('v2', false, v2Schema)] }));
  const v2 = `${ts.url}/apis/example.com/v2/namespaces/default/widgets`;
  const created = await send(v2, 'POST', { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'm' }, spec: { size: 'small', color: 'pruned-in-v2' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  // v2's defaults apply to the request; with conversion None, what the storage version's schema
  // does not know (tier) is pruned on the way to storage, as kube-apiserver does.
  assert.deepEqual(created.body.spec, { size: 'small', replicas: 3 });
  const raw = JSON.parse(Buffer.from(ts.backend.get('/root/widgets.example.com/default/m')!.value).toString('utf8'));
  assert.equal(raw.apiVersion, 'example.com/v1', 'stored in the storage version');
  const viaV1 = (await call(`${widgets()}/m`)).body;
  assert.equal(viaV1.apiVersion, 'example.com/v1');
  assert.deepEqual(viaV1.spec, { size: 'small', replicas: 3 }, 'v1 prunes what it does not know');
  const listed = (await call(v2)).body;
  assert.equal(listed.apiVersion, 'example.com/v2');
  assert.deepEqual(listed.items.map((i: any) => i.apiVersion), ['example.com/v2']);

  // Moving the storage version records it; a stored version cannot leave spec.versions.
  const crd = (await call(`${ts.url}${CRDS}/widgets.example.com`)).body;
  crd.spec.versions[0].storage = false;
  crd.spec.versions[1].storage = true;
  const moved = await send(`${ts.url}${CRDS}/widgets.example.com`, 'PUT', crd);
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.deepEqual(moved.body.status.storedVersions, ['v1', 'v2']);
  assert.equal(moved.body.metadata.generation, 2);
  const { resourceVersion: _rv, ...withoutRv } = moved.body.metadata;
  const unconditional = await send(`${ts.url}${CRDS}/widgets.example.com`, 'PUT', { ...moved.body, metadata: withoutRv });
  assert.equal(statusMessage(unconditional), 'CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  moved.body.spec.versions = [moved.body.spec.versions[1]];
  const dropped = await send(`${ts.url}${CRDS}/widgets.example.com`, 'PUT', moved.body);
  assert.equal(dropped.status, 422);
  assert.match(statusMessage(dropped), /status.storedVersions\[0\]: Invalid value: "v1": missing from spec.versions; v1 was previously a storage version/);
  await deleteCrdAndWait();
});

test('after a restart on the same data, CRD types are served again before any request', async () => {
  await createWidgetCrd();
  await send(widgets(), 'POST', widget('kept', { size: 'small' }));
  const dir = ts.dir;
  await ts.stop(true);
  ts = await startTestServer({ dir });
  const got = await call(`${widgets()}/kept`);
  assert.equal(got.status, 200);
  assert.deepEqual(got.body.spec, { size: 'small', replicas: 1 });
  await deleteCrdAndWait();
});

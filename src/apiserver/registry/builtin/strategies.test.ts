// The built-in strategies through the real generic store (memory backend): Secret type and
// immutability rules, ConfigMap limits, Namespace rules, Event field selectors, Lease MicroTime.
// Every expected message is what kube-apiserver v1.32 answered for the same request (its own
// decoder, strategy and validation code, run on the same bodies).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFieldSelector } from '../../../api/field-selector.js';
import type { KubeObject } from '../../../api/object.js';
import { createMemoryBackend } from '../../../store/index.js';
import { ManualClock } from '../../../util/index.js';
import { LogicalClusters } from '../../clusters.js';
import { ApiError } from '../../http/status.js';
import type { ResourceScope } from '../../storage/codec.js';
import { GenericStore } from '../../storage/generic-store.js';
import { checkSelectableFields, listObjects } from '../../storage/list.js';
import { createBuiltinTypes } from './index.js';

interface Fixture {
  readonly store: GenericStore;
  scope(plural: string, group?: string): ResourceScope;
  create(plural: string, body: Record<string, unknown>, group?: string): Promise<KubeObject>;
  /** A PUT of `body` over the stored object `name` (at its current resourceVersion). */
  replace(plural: string, name: string, body: Record<string, unknown>, options?: { group?: string; status?: boolean }): Promise<KubeObject>;
  list(plural: string, fieldSelector: string, group?: string): Promise<string[]>;
}

async function fixture(): Promise<Fixture> {
  const backend = createMemoryBackend();
  const clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
  const store = new GenericStore({ backend, clock });
  const clusters = await LogicalClusters.open({
    backend, builtins: createBuiltinTypes(), clock,
    initialize: async (cluster) => {
      await store.create({ cluster, type: cluster.registry.get('namespaces')!, version: 'v1' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    },
  });
  const scope = (plural: string, group = ''): ResourceScope => {
    const type = clusters.root.registry.lookup(group, 'v1', plural)!;
    return { cluster: clusters.root, type, version: 'v1', ...(type.namespaced ? { namespace: 'default' } : {}) };
  };
  const typed = (s: ResourceScope, body: Record<string, unknown>): KubeObject => ({
    apiVersion: s.type.group ? `${s.type.group}/v1` : 'v1', kind: s.type.names.kind, ...structuredClone(body),
  });
  return {
    store,
    scope,
    create: (plural, body, group) => store.create(scope(plural, group), typed(scope(plural, group), body)),
    async replace(plural, name, body, options = {}) {
      const s = scope(plural, options.group);
      const current = await store.get(s, name);
      const obj = typed(s, body);
      obj.metadata = { ...(obj.metadata ?? {}), name, resourceVersion: current.metadata!.resourceVersion! };
      return store.update(s, name, () => obj, { isReplace: true, ...(options.status ? { subresource: 'status' as const } : {}) });
    },
    async list(plural, fieldSelector, group) {
      const s = scope(plural, group);
      const requirements = parseFieldSelector(fieldSelector);
      checkSelectableFields(s.type, requirements);
      return (await listObjects(store, s, { fieldSelector: requirements })).items.map((o) => o.metadata!.name!);
    },
  };
}

/** Asserts kube's Status for a failed call: code, reason and the exact message. */
async function rejects(promise: Promise<unknown>, code: number, message: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.message, message);
    assert.equal(error.httpCode, code);
    assert.equal(error.reason, { 400: 'BadRequest', 403: 'Forbidden', 422: 'Invalid' }[code]);
    return true;
  });
}

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const secret = (name: string, fields: Record<string, unknown> = {}): Record<string, unknown> => ({ metadata: { name }, ...fields });

describe('Secret', () => {
  test('each well-known type requires its keys', async () => {
    const f = await fixture();
    await rejects(f.create('secrets', secret('basic', { type: 'kubernetes.io/basic-auth' })), 422,
      'Secret "basic" is invalid: [data[username]: Required value, data[password]: Required value]');
    assert.equal((await f.create('secrets', secret('basic', { type: 'kubernetes.io/basic-auth', data: { username: '' } }))).type, 'kubernetes.io/basic-auth');
    await rejects(f.create('secrets', secret('ssh', { type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } })), 422,
      'Secret "ssh" is invalid: data[ssh-privatekey]: Required value');
    await rejects(f.create('secrets', secret('tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') } })), 422,
      'Secret "tls" is invalid: data[tls.key]: Required value');
    await f.create('secrets', secret('tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }));
    await rejects(f.create('secrets', secret('sa', { type: 'kubernetes.io/service-account-token' })), 422,
      'Secret "sa" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value');
    await rejects(f.create('secrets', secret('cfg', { type: 'kubernetes.io/dockerconfigjson' })), 422,
      'Secret "cfg" is invalid: data[.dockerconfigjson]: Required value');
    assert.equal((await f.create('secrets', secret('custom', { type: 'example.com/thing' }))).type, 'example.com/thing');
    assert.equal((await f.create('secrets', secret('empty', { type: '' }))).type, 'Opaque');
  });

  test('docker config content must be a JSON object, judged and worded like Go, with the contents redacted', async () => {
    const f = await fixture();
    const canary = 'CANARY-4d1f0c';
    const cases: [string, string][] = [
      ['{"auths":{},}', "invalid character '}' looking for beginning of object key string"],
      ['[]', 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
      [`{"auths": ${canary}}`, "invalid character 'C' looking for beginning of value"],
    ];
    for (const [content, why] of cases) {
      const created = f.create('secrets', secret('cfg', { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(content) } }));
      await rejects(created, 422, `Secret "cfg" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": ${why}`);
    }
    await rejects(f.create('secrets', secret('old', { type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64('{x') } })), 422,
      'Secret "old" is invalid: data[.dockercfg]: Invalid value: "<secret contents redacted>": invalid character \'x\' looking for beginning of object key string');
    await f.create('secrets', secret('cfg', { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{}}') } }));
  });

  test('the 1 MiB limit counts decoded values only', async () => {
    const f = await fixture();
    await f.create('secrets', secret('max', { data: { 'a-long-key-name': b64(Buffer.alloc(1024 * 1024, 97)) } }));
    await rejects(f.create('secrets', secret('big', { data: { a: b64(Buffer.alloc(600_000)), b: b64(Buffer.alloc(600_000)) } })), 422,
      'Secret "big" is invalid: data: Too long: may not be more than 1048576 bytes');
  });

  test('typed fields fail decoding with 400 like kube\'s decoder; base64 is stored canonically', async () => {
    const f = await fixture();
    await rejects(f.create('secrets', secret('s', { data: { k: 'YWJj====' } })), 400,
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
    await rejects(f.create('secrets', secret('s', { data: { k: 5 } })), 400,
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.data of type []uint8');
    await rejects(f.create('secrets', secret('s', { immutable: 'yes' })), 400,
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal string into Go struct field Secret.immutable of type bool');
    const stored = await f.create('secrets', secret('s', { data: { a: 'YWJj\nZA==', b: b64('old'), c: b64('keep') }, stringData: { b: 'new' } }));
    assert.deepEqual(stored.data, { a: 'YWJjZA==', b: b64('new'), c: b64('keep') });
    assert.equal(stored.stringData, undefined);
  });

  test('type never changes, and an immutable secret keeps its data', async () => {
    const f = await fixture();
    await f.create('secrets', secret('tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }));
    // A PUT without `type` is defaulted to Opaque before validation, as in kube.
    await rejects(f.replace('secrets', 'tls', secret('tls', { data: { 'tls.crt': '', 'tls.key': '' } })), 422,
      'Secret "tls" is invalid: type: Invalid value: "Opaque": field is immutable');
    const data = { a: b64('1'), b: b64('2') };
    await f.create('secrets', secret('frozen', { immutable: true, data }));
    await rejects(f.replace('secrets', 'frozen', secret('frozen', { immutable: true, data: { ...data, b: b64('3') } })), 422,
      'Secret "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    await rejects(f.replace('secrets', 'frozen', secret('frozen', { data })), 422,
      'Secret "frozen" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
    const relabelled = await f.replace('secrets', 'frozen', { metadata: { name: 'frozen', labels: { x: 'y' } }, immutable: true, data: { b: data.b, a: data.a } });
    assert.deepEqual(relabelled.metadata?.labels, { x: 'y' });
  });

  test('field selectors: type and metadata only', async () => {
    const f = await fixture();
    await f.create('secrets', secret('a', { type: 'example.com/a' }));
    await f.create('secrets', secret('b'));
    assert.deepEqual(await f.list('secrets', 'type=example.com/a'), ['a']);
    await rejects(f.list('secrets', 'data.x=1'), 400, 'field label not supported: data.x');
  });
});

describe('ConfigMap', () => {
  test('keys, keys present in both maps, and the 1 MiB limit on values', async () => {
    const f = await fixture();
    await rejects(f.create('configmaps', { metadata: { name: 'c' }, data: { k: 'x' }, binaryData: { k: b64('y') } }), 422,
      'ConfigMap "c" is invalid: data[k]: Invalid value: "k": duplicate of key present in binaryData');
    await rejects(f.create('configmaps', { metadata: { name: 'c' }, data: { '..a': 'x' } }), 422,
      'ConfigMap "c" is invalid: data[..a]: Invalid value: "..a": must not start with \'..\'');
    await f.create('configmaps', { metadata: { name: 'max' }, data: { 'a-long-key-name': 'a'.repeat(1024 * 1024) } });
    await rejects(f.create('configmaps', { metadata: { name: 'big' }, data: { a: 'a'.repeat(600_000) }, binaryData: { b: b64(Buffer.alloc(600_000)) } }), 422,
      'ConfigMap "big" is invalid: []: Too long: may not be more than 1048576 bytes');
  });

  test('data values are strings (null becomes ""), binaryData is base64', async () => {
    const f = await fixture();
    await rejects(f.create('configmaps', { metadata: { name: 'c' }, data: { a: 5 } }), 400,
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
    await rejects(f.create('configmaps', { metadata: { name: 'c' }, data: ['a'] }), 400,
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string');
    await rejects(f.create('configmaps', { metadata: { name: 'c' }, binaryData: { b: 'abc' } }), 400,
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 0');
    assert.deepEqual((await f.create('configmaps', { metadata: { name: 'c' }, data: { a: null } })).data, { a: '' });
  });

  test('an immutable config map keeps data and binaryData', async () => {
    const f = await fixture();
    await f.create('configmaps', { metadata: { name: 'c' }, immutable: true, data: { a: '1' }, binaryData: { b: b64('2') } });
    await rejects(f.replace('configmaps', 'c', { data: { a: '2' }, binaryData: { b: b64('3') } }), 422,
      'ConfigMap "c" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set, binaryData: Forbidden: field is immutable when `immutable` is set]');
  });

  test('field selectors: only metadata, in apimachinery\'s default words', async () => {
    const f = await fixture();
    await f.create('configmaps', { metadata: { name: 'c' } });
    assert.deepEqual(await f.list('configmaps', 'metadata.namespace=default,metadata.name=c'), ['c']);
    await rejects(f.list('configmaps', 'data.a=x'), 400, '"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });
});

describe('Namespace', () => {
  test('create keeps the client\'s finalizers and adds kubernetes; status and the name label are the server\'s', async () => {
    const f = await fixture();
    const ns = await f.create('namespaces', {
      metadata: { name: 'n', labels: { a: 'b', 'kubernetes.io/metadata.name': 'other' } }, spec: { finalizers: ['example.com/x'] }, status: { phase: 'Terminating' },
    });
    assert.deepEqual(ns.spec, { finalizers: ['example.com/x', 'kubernetes'] });
    assert.deepEqual(ns.status, { phase: 'Active' });
    assert.deepEqual(ns.metadata?.labels, { a: 'b', 'kubernetes.io/metadata.name': 'n' });
    assert.deepEqual((await f.create('namespaces', { metadata: { name: 'm' }, spec: { finalizers: ['kubernetes', 'example.com/x'] } })).spec, { finalizers: ['kubernetes', 'example.com/x'] });
  });

  test('names, finalizer names and the status phase are validated like kube', async () => {
    const f = await fixture();
    await rejects(f.create('namespaces', { metadata: { name: 'Bad.Name' } }), 422,
      'Namespace "Bad.Name" is invalid: metadata.name: Invalid value: "Bad.Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')');
    await rejects(f.create('namespaces', { metadata: { name: 'n' }, spec: { finalizers: ['foo'] } }), 422,
      'Namespace "n" is invalid: spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified');
    await rejects(f.create('namespaces', { metadata: { name: 'n', finalizers: ['foo'] } }), 422,
      'Namespace "n" is invalid: metadata.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified');
    await rejects(f.create('namespaces', { metadata: { name: 'n' }, spec: { finalizers: [5] } }), 400,
      'Namespace in version "v1" cannot be handled as a Namespace: json: cannot unmarshal number into Go struct field NamespaceSpec.spec.finalizers of type v1.FinalizerName');
    await f.create('namespaces', { metadata: { name: 'n' } });
    await rejects(f.replace('namespaces', 'n', { status: { phase: 'Terminating' } }, { status: true }), 422,
      'Namespace "n" is invalid: status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty');
  });

  test('an update cannot change spec or status; the protected namespaces cannot be deleted', async () => {
    const f = await fixture();
    await f.create('namespaces', { metadata: { name: 'n' } });
    const updated = await f.replace('namespaces', 'n', { metadata: { labels: { x: 'y' } }, spec: { finalizers: [] }, status: { phase: 'Terminating' } });
    assert.deepEqual([updated.spec, updated.status, updated.metadata?.labels], [{ finalizers: ['kubernetes'] }, { phase: 'Active' }, { x: 'y', 'kubernetes.io/metadata.name': 'n' }]);
    await rejects(f.store.delete(f.scope('namespaces'), 'default', {}), 403, 'namespaces "default" is forbidden: this namespace may not be deleted');
  });

  test('field selectors: status.phase and metadata.name, not metadata.namespace', async () => {
    const f = await fixture();
    assert.deepEqual(await f.list('namespaces', 'status.phase=Active,metadata.name=default'), ['default']);
    await rejects(f.list('namespaces', 'metadata.namespace=x'), 400, 'field label not supported: metadata.namespace');
  });
});

describe('Event', () => {
  const event = (name: string, fields: Record<string, unknown>): Record<string, unknown> => ({
    metadata: { name }, involvedObject: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{c}' }, reason: 'R', type: 'Normal', ...fields,
  });

  test('core/v1 selects on involvedObject.*, reason, type, reportingComponent and source (falling back to the reporting controller)', async () => {
    const f = await fixture();
    await f.create('events', event('kubelet', { source: { component: 'kubelet' }, reportingComponent: 'ctrl' }));
    await f.create('events', event('ctrl', { reportingComponent: 'ctrl', involvedObject: { kind: 'Secret', namespace: 'default', name: 's' } }));
    assert.deepEqual(await f.list('events', 'involvedObject.kind=Pod,involvedObject.name=p,involvedObject.uid=u1'), ['kubelet']);
    assert.deepEqual(await f.list('events', 'involvedObject.fieldPath=spec.containers{c},reason=R,type=Normal'), ['kubelet']);
    assert.deepEqual(await f.list('events', 'source=ctrl'), ['ctrl']);
    assert.deepEqual(await f.list('events', 'source=kubelet'), ['kubelet']);
    assert.deepEqual(await f.list('events', 'reportingComponent=ctrl'), ['ctrl', 'kubelet']);
    await rejects(f.list('events', 'regarding.kind=Pod'), 400, 'field label not supported: regarding.kind');
  });

  test('events.k8s.io/v1 selects on regarding.* and reportingController, not on the core/v1 names', async () => {
    const f = await fixture();
    await f.create('events', event('e', { reportingComponent: 'ctrl' }));
    assert.deepEqual(await f.list('events', 'regarding.kind=Pod,regarding.name=p,reportingController=ctrl', 'events.k8s.io'), ['e']);
    for (const label of ['source', 'reportingComponent', 'involvedObject.kind']) {
      await rejects(f.list('events', `${label}=x`, 'events.k8s.io'), 400, `field label not supported: ${label}`);
    }
  });

  test('eventTime is a MicroTime in both APIs', async () => {
    const f = await fixture();
    await rejects(f.create('events', event('bad', { eventTime: '2024-01-01T00:00:00Z' })), 400,
      'Event in version "v1" cannot be handled as a Event: parsing time "2024-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"');
    const v1 = f.store.create(f.scope('events', 'events.k8s.io'), {
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'v1' }, regarding: { kind: 'Pod', name: 'p' }, eventTime: '2024-01-01T00:00:00.1Z',
    });
    await rejects(v1, 400,
      'Event in version "v1" cannot be handled as a Event: parsing time "2024-01-01T00:00:00.1Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".1Z" as ".000000"');
    assert.equal((await f.create('events', event('ok', { eventTime: '2024-01-01T03:00:00.100000+03:00' }))).eventTime, '2024-01-01T00:00:00.100000Z');
  });
});

describe('Lease', () => {
  const lease = (spec: Record<string, unknown>): Record<string, unknown> => ({ metadata: { name: 'l' }, spec });
  const decodeFailure = (value: string, why: string): string =>
    `Lease in version "v1" cannot be handled as a Lease: parsing time "${value}" as "2006-01-02T15:04:05.000000Z07:00": ${why}`;

  test('renewTime and acquireTime are MicroTime: exactly six digits, stored in UTC', async () => {
    const f = await fixture();
    await rejects(f.create('leases', lease({ renewTime: '2024-01-01T00:00:00.000Z' }), 'coordination.k8s.io'), 400,
      decodeFailure('2024-01-01T00:00:00.000Z', 'cannot parse ".000Z" as ".000000"'));
    await rejects(f.create('leases', lease({ acquireTime: '2024-01-01T00:00:00Z' }), 'coordination.k8s.io'), 400,
      decodeFailure('2024-01-01T00:00:00Z', 'cannot parse "Z" as ".000000"'));
    await rejects(f.create('leases', lease({ renewTime: 5 }), 'coordination.k8s.io'), 400,
      'Lease in version "v1" cannot be handled as a Lease: json: cannot unmarshal number into Go struct field LeaseSpec.spec.renewTime of type string');
    const created = await f.create('leases', lease({ holderIdentity: 'me', renewTime: '2024-01-01T02:00:00.123456+02:00', acquireTime: null }), 'coordination.k8s.io');
    assert.deepEqual(created.spec, { holderIdentity: 'me', renewTime: '2024-01-01T00:00:00.123456Z' });
    await rejects(f.replace('leases', 'l', lease({ renewTime: '2024-01-01T00:00:00.5Z' }), { group: 'coordination.k8s.io' }), 400,
      decodeFailure('2024-01-01T00:00:00.5Z', 'cannot parse ".5Z" as ".000000"'));
    const renewed = await f.replace('leases', 'l', lease({ holderIdentity: 'me', renewTime: '2024-01-01T00:00:02.000001Z' }), { group: 'coordination.k8s.io' });
    assert.deepEqual(renewed.spec, { holderIdentity: 'me', renewTime: '2024-01-01T00:00:02.000001Z' });
  });

  test('durations and transitions are checked; the gated coordinated-election fields are dropped', async () => {
    const f = await fixture();
    await rejects(f.create('leases', lease({ leaseDurationSeconds: 0, leaseTransitions: -1 }), 'coordination.k8s.io'), 422,
      'Lease.coordination.k8s.io "l" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]');
    const created = await f.create('leases', lease({ strategy: 'OldestEmulationVersion', preferredHolder: 'x', holderIdentity: 'me' }), 'coordination.k8s.io');
    assert.deepEqual(created.spec, { holderIdentity: 'me' });
    await rejects(f.list('leases', 'spec.holderIdentity=me', 'coordination.k8s.io'), 400,
      '"spec.holderIdentity" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../http/status.js';
import { decodeProtobufObject } from './decode.js';
import { MessageWriter } from './wire.js';

// Request bodies captured from kubectl 1.32.5 (`kubectl create …`, `kubectl auth can-i …`).
const KUBECTL_132 = {
  secret: '6b3873000a0c0a027631120653656372657412330a120a02733112001a0022002a00320038004200120c0a0270771206733363723374120d0a0475736572120561646d696e1a001a002200',
  configmap: '6b3873000a0f0a0276311209436f6e6669674d6170121c0a120a02633112001a0022002a0032003800420012060a01611201621a002200',
  namespace: '6b3873000a0f0a02763112094e616d657370616365121e0a160a067465616d2d6112001a0022002a0032003800420012001a020a001a002200',
  serviceaccount: '6b3873000a140a027631120e536572766963654163636f756e7412150a130a0373613112001a0022002a003200380042001a002200',
  ssar: '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577123f0a100a0012001a0022002a0032003800420012210a1f0a0764656661756c7412036765741a0022002a077365637265747332003a001a08080012001a0020001a002200',
};
const decode = (hex: string): Record<string, unknown> => decodeProtobufObject(Buffer.from(hex, 'hex'));

test('kubectl create secret: base64 data, zero creationTimestamp as null', () => {
  assert.deepEqual(decode(KUBECTL_132.secret), {
    kind: 'Secret', apiVersion: 'v1',
    metadata: { name: 's1', creationTimestamp: null },
    data: { pw: Buffer.from('s3cr3t').toString('base64'), user: Buffer.from('admin').toString('base64') },
  });
});

test('kubectl create configmap, namespace and serviceaccount', () => {
  assert.deepEqual(decode(KUBECTL_132.configmap), { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c1', creationTimestamp: null }, data: { a: 'b' } });
  assert.deepEqual(decode(KUBECTL_132.namespace), { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'team-a', creationTimestamp: null }, spec: {}, status: {} });
  assert.deepEqual(decode(KUBECTL_132.serviceaccount), { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'sa1', creationTimestamp: null } });
});

test('kubectl auth can-i: SelfSubjectAccessReview with resource attributes and a pointer bool kept', () => {
  assert.deepEqual(decode(KUBECTL_132.ssar), {
    kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'secrets' } },
    status: { allowed: false },
  });
});

function envelope(apiVersion: string, kind: string, raw: MessageWriter): Buffer {
  const unknown = new MessageWriter().bytes(1, new MessageWriter().bytes(1, apiVersion).bytes(2, kind)).bytes(2, raw);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown.finish()]);
}

test('Lease: MicroTime with microseconds, negative int32, pointer string kept when empty', () => {
  const time = new MessageWriter().varint(1, 1_700_000_000).varint(2, 123_456_789);
  const spec = new MessageWriter().bytes(1, '').varint(2, 15).bytes(4, time).varint(5, -1);
  const lease = new MessageWriter().bytes(1, new MessageWriter().bytes(1, 'l1').bytes(3, 'ns').bytes(11, new MessageWriter().bytes(1, 'k').bytes(2, 'v'))).bytes(2, spec);
  assert.deepEqual(decodeProtobufObject(envelope('coordination.k8s.io/v1', 'Lease', lease)), {
    kind: 'Lease', apiVersion: 'coordination.k8s.io/v1',
    metadata: { name: 'l1', namespace: 'ns', labels: { k: 'v' } },
    spec: { holderIdentity: '', leaseDurationSeconds: 15, renewTime: '2023-11-14T22:13:20.123456Z', leaseTransitions: -1 },
  });
});

test('DeleteOptions under any group-version; unknown fields are skipped', () => {
  const options = new MessageWriter().varint(1, 0).varint(99, 7).bytes(4, 'Foreground').bytes(5, 'All');
  assert.deepEqual(decodeProtobufObject(envelope('coordination.k8s.io/v1', 'DeleteOptions', options)), {
    kind: 'DeleteOptions', apiVersion: 'coordination.k8s.io/v1', gracePeriodSeconds: 0, propagationPolicy: 'Foreground', dryRun: ['All'],
  });
});

test('malformed bodies are 400 BadRequest, never a crash', () => {
  for (const bad of [Buffer.from('not protobuf'), Buffer.from('6b387300ff', 'hex'), Buffer.from('6b3873000a0f0a02763112094e616d65', 'hex')]) {
    assert.throws(() => decodeProtobufObject(bad), (e: unknown) => e instanceof ApiError && e.httpCode === 400);
  }
  assert.throws(() => decodeProtobufObject(envelope('example.com/v1', 'Widget', new MessageWriter())), /no kind "Widget" is registered for version "example.com\/v1"/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBuiltinTypes } from '../registry/builtin/index.js';
import type { ResourceType } from '../registry/types.js';
import { humanDuration } from './duration.js';
import { compileJsonPath, evaluateJsonPath, printJsonPathValue } from './jsonpath.js';
import { buildTable, printerFor } from './table.js';

const NOW = Date.parse('2025-01-10T00:00:00Z');

test('humanDuration matches apimachinery HumanDuration', () => {
  const s = 1000;
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'], [-1 * s, '0s'], [0, '0s'], [119 * s, '119s'], [120 * s, '2m'], [200 * s, '3m20s'], [600 * s, '10m'],
    [179 * 60 * s, '179m'], [3 * 3600 * s, '3h'], [(3 * 3600 + 5 * 60) * s, '3h5m'], [8 * 3600 * s, '8h'], [47 * 3600 * s, '47h'],
    [50 * 3600 * s, '2d2h'], [8 * 86400 * s, '8d'], [800 * 86400 * s, '2y70d'], [365 * 9 * 86400 * s, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
});

test('JSONPath subset of printer columns: fields, filters, indexes, slices, wildcards', () => {
  const obj = { status: { conditions: [{ type: 'Synced', status: 'False' }, { type: 'Ready', status: 'True', reason: 'Ok' }] }, spec: { 'a.b': 1, list: [1, 2, 3] } };
  const at = (path: string): unknown[] => evaluateJsonPath(compileJsonPath(path), obj);
  assert.deepEqual(at('.status.conditions[?(@.type=="Ready")].reason'), ['Ok']);
  assert.deepEqual(at(".status.conditions[?(@.type=='Missing')].reason"), []);
  assert.deepEqual(at('.status.conditions[0].type'), ['Synced']);
  assert.deepEqual(at('.spec.list[-1]'), [3]);
  assert.deepEqual(at('.spec.list[0:2]'), [1, 2]);
  assert.deepEqual(at('{.spec.list[*]}'), [1, 2, 3]);
  assert.deepEqual(at(".spec['a.b']"), [1]);
  assert.deepEqual(at('.status.conditions[?(@.reason)].type'), ['Ready']);
  assert.deepEqual(at('.nope.deeper'), []);
  assert.equal(printJsonPathValue({ a: [1] }), '{"a":[1]}');
  assert.equal(printJsonPathValue(1.5), '1.5');
  assert.equal(printJsonPathValue(1e21), '1e+21');
  assert.throws(() => compileJsonPath('.a[?(oops)]'), /unrecognized filter/);
});

test('built-in Secret table: Name, Type, Data (count), Age; rows carry PartialObjectMetadata', () => {
  const secrets = createBuiltinTypes().get('secrets')!;
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default', creationTimestamp: '2025-01-09T23:59:00Z', labels: { a: 'b' } }, type: 'Opaque', data: { x: 'eA==', y: 'eQ==' } };
  const table = buildTable(printerFor(secrets, 'v1'), [secret], { resourceVersion: '7' }, { version: 'v1', includeObject: 'Metadata', nowMs: NOW });
  assert.deepEqual((table.columnDefinitions as { name: string }[]).map((c) => c.name), ['Name', 'Type', 'Data', 'Age']);
  assert.deepEqual(table.rows, [{ cells: ['s', 'Opaque', 2, '60s'], object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: secret.metadata } }]);
  const headless = buildTable(printerFor(secrets, 'v1'), [secret], {}, { version: 'v1', includeObject: 'None', nowMs: NOW, noHeaders: true });
  assert.equal(headless.columnDefinitions, null);
  assert.deepEqual(headless.rows, [{ cells: ['s', 'Opaque', 2, '60s'] }]);
});

test('Event table prints the involved object and defaults the count of singleton events', () => {
  const events = createBuiltinTypes().get('events')!;
  const event = { metadata: { name: 'e1' }, involvedObject: { kind: 'Secret', name: 's' }, reason: 'Synced', message: 'ok', type: 'Normal', source: { component: 'eso' }, eventTime: '2025-01-09T23:00:00.000000Z' };
  const [row] = buildTable(printerFor(events, 'v1'), [event], {}, { version: 'v1', includeObject: 'None', nowMs: NOW }).rows as { cells: unknown[] }[];
  assert.deepEqual(row!.cells, ['60m', 'Normal', 'Synced', 'secret/s', '', 'eso', 'ok', '60m', 1, 'e1']);
});

test('custom resources print their additionalPrinterColumns, or Name and Age', () => {
  const base: ResourceType = { ...createBuiltinTypes().get('leases')!, origin: { kind: 'crd', crdName: 'widgets.example.com' } };
  const withColumns: ResourceType = {
    ...base,
    versions: [{
      name: 'v1', served: true, storage: true, printerColumns: [
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', priority: 1 },
        { name: 'Created', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    }],
  };
  const obj = { metadata: { name: 'w', creationTimestamp: '2025-01-09T22:00:00Z' }, spec: { replicas: 3.0 }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
  const table = buildTable(printerFor(withColumns, 'v1'), [obj], {}, { version: 'v1', includeObject: 'None', nowMs: NOW });
  assert.deepEqual((table.columnDefinitions as { name: string; priority: number }[]).map((c) => [c.name, c.priority]), [['Name', 0], ['Ready', 0], ['Replicas', 1], ['Created', 0]]);
  assert.deepEqual((table.rows as { cells: unknown[] }[])[0]!.cells, ['w', 'True', 3, '120m']);
  const plain = buildTable(printerFor({ ...base, versions: [{ name: 'v1', served: true, storage: true }] }, 'v1'), [{ metadata: { name: 'w' } }], {}, { version: 'v1', includeObject: 'None', nowMs: NOW });
  assert.deepEqual((plain.columnDefinitions as { name: string }[]).map((c) => c.name), ['Name', 'Age']);
  assert.deepEqual((plain.rows as { cells: unknown[] }[])[0]!.cells, ['w', null]);
});

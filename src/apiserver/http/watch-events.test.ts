/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- assertions read untyped JSON watch lines */
// The shared event cache with the negotiated watch encodings: watchers asking for the same form
// share one line per event (printed once), different forms never share, a Table stream's first
// line carries the column definitions, and ERROR Status objects are not re-shaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/object.js';
import type { WatchEvent } from '../../store/index.js';
import { LogicalCluster } from '../clusters.js';
import { createBuiltinTypes } from '../registry/builtin/index.js';
import type { ResourceType } from '../registry/types.js';
import { ObjectCodec, type ResourceScope } from '../storage/codec.js';
import { identityTransformers } from '../storage/transformer.js';
import type { ResponseForm } from './negotiate.js';
import { watchEncoding } from './respond.js';
import { EventLine, JSON_LINES, WatchEventCache } from './watch-events.js';

const NOW = Date.parse('2025-01-10T00:00:00Z');
const builtins = createBuiltinTypes();
const scope: ResourceScope = { cluster: new LogicalCluster('root', 'uid-1', builtins), type: builtins.get('configmaps')!, version: 'v1' };
const TABLE: ResponseForm = { kind: 'table', version: 'v1' };

function configMapEvent(name: string, revision: number): WatchEvent {
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', creationTimestamp: '2025-01-09T23:58:00Z' }, data: { a: '1', b: '2' } };
  return { type: 'create', kv: { key: `/root/configmaps/default/${name}`, value: Buffer.from(JSON.stringify(cm)), createRevision: revision, modRevision: revision } };
}

/** A Table encoding as one watcher negotiates it, counting how often it prints a row. */
function tableWatcher(query = ''): { encoding: ReturnType<typeof watchEncoding>; prints: () => number } {
  let prints = 0;
  const encoding = watchEncoding(TABLE, { scope, query: new URLSearchParams(query), now: () => (prints++, NOW) });
  return { encoding, prints: () => prints };
}

function parsed(line: unknown): any {
  assert.ok(line instanceof EventLine, 'a synchronous line (no conversion involved)');
  return JSON.parse(line.text);
}

test('Table watchers of one form share each event line: printed once, not once per watcher', () => {
  const cache = new WatchEventCache(new ObjectCodec(identityTransformers));
  const event = configMapEvent('a', 7);
  const first = tableWatcher();
  const second = tableWatcher();
  const line = cache.line(event, 'ADDED', scope, first.encoding);
  assert.equal(cache.line(event, 'ADDED', scope, second.encoding), line, 'the second watcher gets the same encoded line');
  assert.equal(first.prints() + second.prints(), 1);
  const table = parsed(line);
  assert.equal(table.type, 'ADDED');
  assert.equal(table.object.kind, 'Table');
  assert.deepEqual(table.object.columnDefinitions.map((c: any) => c.name), ['Name', 'Data', 'Age']);
  assert.deepEqual(table.object.rows, [{
    cells: ['a', 2, '2m'],
    object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'a', namespace: 'default', creationTimestamp: '2025-01-09T23:58:00Z', resourceVersion: '7' } },
  }]);
  assert.equal(table.object.metadata.resourceVersion, '7');
});

test('a Table stream sends column definitions with its first line only; the later form is shared too', () => {
  const cache = new WatchEventCache(new ObjectCodec(identityTransformers));
  const { encoding } = tableWatcher();
  const later = encoding.next;
  assert.ok(later, 'a Table encoding moves on to a headerless one');
  assert.equal(later.next, undefined, 'and stays there');
  const event = configMapEvent('b', 8);
  const withHeaders = parsed(cache.line(event, 'ADDED', scope, encoding));
  const headless = parsed(cache.line(event, 'ADDED', scope, later));
  assert.notEqual(withHeaders.object.columnDefinitions, null);
  assert.equal(headless.object.columnDefinitions, null);
  assert.deepEqual(headless.object.rows, withHeaders.object.rows);
  assert.equal(cache.line(event, 'ADDED', scope, tableWatcher().encoding.next!), cache.line(event, 'ADDED', scope, later));
});

test('different forms never share a line: includeObject, PartialObjectMetadata, plain JSON', () => {
  const cache = new WatchEventCache(new ObjectCodec(identityTransformers));
  const event = configMapEvent('c', 9);
  const none = parsed(cache.line(event, 'ADDED', scope, tableWatcher('includeObject=None').encoding));
  const full = parsed(cache.line(event, 'ADDED', scope, tableWatcher('includeObject=Object').encoding));
  const partial = parsed(cache.line(event, 'ADDED', scope, watchEncoding({ kind: 'partial', version: 'v1' }, { scope, query: new URLSearchParams(), now: () => NOW })));
  const plain = parsed(cache.line(event, 'ADDED', scope, JSON_LINES));
  assert.deepEqual(none.object.rows, [{ cells: ['c', 2, '2m'] }]);
  assert.equal(full.object.rows[0].object.kind, 'ConfigMap');
  assert.deepEqual(full.object.rows[0].object.data, { a: '1', b: '2' });
  assert.deepEqual(partial.object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: plain.object.metadata });
  assert.equal(plain.object.kind, 'ConfigMap');
  assert.equal(watchEncoding({ kind: 'object', encoding: 'json' }, { scope, query: new URLSearchParams(), now: () => NOW }), JSON_LINES);
});

test('custom resources: watchers of a CRD whose printer columns changed do not share printed lines', () => {
  const cache = new WatchEventCache(new ObjectCodec(identityTransformers));
  const base: ResourceType = { ...builtins.get('configmaps')!, origin: { kind: 'crd', crdName: 'configmaps.example.com' } };
  const columns = (jsonPath: string): ResourceScope => ({
    ...scope, type: { ...base, versions: [{ name: 'v1', served: true, storage: true, printerColumns: [{ name: 'A', type: 'string', jsonPath }] }] },
  });
  const event = configMapEvent('d', 10);
  const before = columns('.data.a');
  const after = columns('.data.b');
  const cells = (s: ResourceScope): unknown => parsed(cache.line(event, 'ADDED', s, watchEncoding(TABLE, { scope: s, query: new URLSearchParams(), now: () => NOW }))).object.rows[0].cells;
  assert.deepEqual(cells(before), ['d', '1']);
  assert.deepEqual(cells(after), ['d', '2']);
  assert.deepEqual(cells(columns('.data.a')), ['d', '1']);
});

test('an ERROR Status goes out as is in every form, as kube leaves Status objects untransformed', () => {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 1 (2)', reason: 'Expired', code: 410 };
  for (const encoding of [tableWatcher().encoding, watchEncoding({ kind: 'partial', version: 'v1beta1' }, { scope, query: new URLSearchParams(), now: () => NOW })]) {
    assert.deepEqual(JSON.parse(encoding.encode('ERROR', status)), { type: 'ERROR', object: status });
  }
});

test('an invalid includeObject is a 400 before the watch starts', () => {
  assert.throws(() => tableWatcher('includeObject=Everything'), (e: any) => e.httpCode === 400 && /includeObject: Unsupported value: "Everything"/.test(e.message));
});

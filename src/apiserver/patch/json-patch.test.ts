import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PatchError, applyJsonPatch, applyMergePatch } from './json-patch.js';

test('RFC 6902 operations, including escaped pointers and array insertion', () => {
  const doc = { metadata: { labels: { a: '1' }, finalizers: ['x'] }, data: { 'k/1': 'v' } };
  const out = applyJsonPatch(doc, [
    { op: 'add', path: '/metadata/labels/b', value: '2' },
    { op: 'replace', path: '/metadata/labels/a', value: 'one' },
    { op: 'add', path: '/metadata/finalizers/-', value: 'y' },
    { op: 'add', path: '/metadata/finalizers/0', value: 'w' },
    { op: 'remove', path: '/data/k~11' },
    { op: 'copy', from: '/metadata/labels', path: '/data/copied' },
    { op: 'move', from: '/data/copied/b', path: '/data/moved' },
    { op: 'test', path: '/metadata/finalizers', value: ['w', 'x', 'y'] },
  ]);
  assert.deepEqual(out, { metadata: { labels: { a: 'one', b: '2' }, finalizers: ['w', 'x', 'y'] }, data: { copied: { a: 'one' }, moved: '2' } });
  assert.deepEqual(doc.metadata.labels, { a: '1' }, 'the input is untouched');
});

test('failing JSON patches say why', () => {
  assert.throws(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]), /testing value \/a failed/);
  assert.throws(() => applyJsonPatch({ a: 1 }, [{ op: 'remove', path: '/b' }]), PatchError);
  assert.throws(() => applyJsonPatch({ a: [] }, [{ op: 'add', path: '/a/5', value: 1 }]), PatchError);
  assert.throws(() => applyJsonPatch({}, { op: 'add' }), PatchError);
  assert.throws(() => applyJsonPatch({}, [{ op: 'frob', path: '/a' }]), PatchError);
});

test('RFC 7386 merge patch', () => {
  const doc = { a: 'b', c: { d: 'e', f: 'g' }, list: [1, 2] };
  assert.deepEqual(applyMergePatch(doc, { a: 'z', c: { f: null, h: 1 }, list: [3] }), { a: 'z', c: { d: 'e', h: 1 }, list: [3] });
  assert.deepEqual(applyMergePatch({ a: 1 }, { b: { c: null } }), { a: 1, b: {} });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateFilter, filterFields, parseFilter, type FieldReader } from './list-filter.js';
import { GoogleApiError } from './errors.js';

function reader(fields: Record<string, string[]>): FieldReader {
  return (field) => fields[field];
}

const secret = reader({
  name: ['yoursecret', 'projects/123/secrets/yoursecret'],
  'labels.team': ['a'],
  'labels.env': ['dev'],
  create_time: ['2026-01-02T03:04:05.000Z'],
  'replication.automatic': ['{}'],
});

// Every filter below is one gcloud's rewriter produces (checked with gcloud 528's own module)
// or one of Google's documented examples.
const cases: Array<[string, boolean]> = [
  ['name:yoursecret', true],
  ['name:your', true],
  ['name:YOUR', true],
  ['name:other', false],
  ['name:your*cret', true],
  ['name=yoursecret', true],
  ['name=your', false],
  ['labels.team=a', true],
  ['labels.team=b', false],
  ['labels.team=a AND labels.env=dev', true],
  ['labels.team=a labels.env=prod', false],
  ['name:asecret OR name:yoursecret', true],
  ['labels.team:(a,b)', true],
  ['labels.team:(b,c)', false],
  ['NOT labels.x:*', true],
  ['-labels.team:*', false],
  ['labels.team:*', true],
  ['labels.team!=b', true],
  ['labels.missing!=b', true],
  ['labels.missing=b', false],
  ['create_time<"2027-01-01T00:00:00Z"', true],
  ['create_time>"2027-01-01T00:00:00Z"', false],
  ['create_time>=2026-01-02T03:04:05Z', true],
  ['replication.automatic:*', true],
  ['name="yoursecret"', true],
  ['(name:your OR name:x) AND labels.env=dev', true],
  ['labels.env=dev AND name:x OR name:your', true],
  ['yoursecret', true],
];

for (const [filter, expected] of cases) {
  test(`filter ${filter} -> ${expected}`, () => {
    assert.equal(evaluateFilter(parseFilter(filter), secret), expected);
  });
}

test('OR binds tighter than AND (AIP-160)', () => {
  const node = parseFilter('a=1 AND b=2 OR c=3');
  assert.equal(node.kind, 'and');
  assert.deepEqual(filterFields(node), ['a', 'b', 'c']);
});

test('malformed filters are INVALID_ARGUMENT with the position', () => {
  for (const bad of ['name:(', 'name:"open', '(name:x', 'name:x)', 'labels.k=()']) {
    assert.throws(() => parseFilter(bad), (e: unknown) => e instanceof GoogleApiError && e.status === 'INVALID_ARGUMENT' && /position/.test(e.message), bad);
  }
});

test('versions filter on state, as ESO and gcloud send it', () => {
  const version = reader({ state: ['ENABLED'], name: ['2', 'projects/1/secrets/s/versions/2'] });
  assert.equal(evaluateFilter(parseFilter('state:ENABLED'), version), true);
  assert.equal(evaluateFilter(parseFilter('state:(DISABLED,DESTROYED)'), version), false);
  assert.equal(evaluateFilter(parseFilter('NOT state:DESTROYED'), version), true);
  assert.equal(evaluateFilter(parseFilter('state!=ENABLED'), version), false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleApiError } from './errors.js';
import { EMPTY_POLICY, nextPolicy, policyGrants, roleGrants, type PolicyContext } from './policy.js';

const secretLevel: PolicyContext = { level: 'secret', serviceAccountExists: (email) => email.startsWith('known@') };
const SA = 'serviceAccount:known@p.iam.gserviceaccount.com';

test('roles grant what Google documents for the permissions this server checks', () => {
  assert.ok(roleGrants('roles/secretmanager.secretAccessor', 'secretmanager.versions.access'));
  assert.ok(!roleGrants('roles/secretmanager.secretAccessor', 'secretmanager.secrets.get'));
  assert.ok(roleGrants('roles/secretmanager.viewer', 'secretmanager.secrets.list'));
  assert.ok(!roleGrants('roles/secretmanager.viewer', 'secretmanager.versions.access'));
  assert.ok(roleGrants('roles/secretmanager.secretVersionManager', 'secretmanager.versions.destroy'));
  assert.ok(roleGrants('roles/secretmanager.admin', 'secretmanager.secrets.setIamPolicy'));
  assert.ok(roleGrants('roles/owner', 'iam.serviceAccountKeys.create'));
  assert.ok(roleGrants('roles/editor', 'secretmanager.versions.add'));
  assert.ok(!roleGrants('roles/editor', 'secretmanager.versions.access'));
  assert.ok(roleGrants('roles/secretmanager.viewer', 'secretmanager.secrets.getIamPolicy'));
  assert.ok(roleGrants('roles/secretmanager.secretAccessor', 'resourcemanager.projects.get'));
  assert.ok(!roleGrants('roles/editor', 'secretmanager.secrets.setIamPolicy'));
  assert.ok(!roleGrants('roles/viewer', 'secretmanager.versions.access'));
  assert.ok(!roleGrants('roles/unknown', 'secretmanager.versions.access'));
});

test('policyGrants looks at members and roles together', () => {
  const policy = { etag: 'x', bindings: [{ role: 'roles/secretmanager.secretAccessor', members: [SA] }] };
  assert.ok(policyGrants(policy, [SA], 'secretmanager.versions.access'));
  assert.ok(!policyGrants(policy, ['serviceAccount:other@p.iam.gserviceaccount.com'], 'secretmanager.versions.access'));
  assert.ok(!policyGrants(policy, [SA], 'secretmanager.versions.add'));
  assert.ok(!policyGrants(undefined, [SA], 'secretmanager.versions.access'));
});

test('nextPolicy merges bindings per role, sorts, and issues a new etag', () => {
  const next = nextPolicy(EMPTY_POLICY, {
    etag: 'ACAB',
    bindings: [
      { role: 'roles/secretmanager.viewer', members: [SA] },
      { role: 'roles/secretmanager.secretAccessor', members: ['user:b@example.com', SA] },
      { role: 'roles/secretmanager.secretAccessor', members: ['user:a@example.com', SA] },
    ],
  }, secretLevel);
  assert.deepEqual(next.bindings, [
    { role: 'roles/secretmanager.secretAccessor', members: [SA, 'user:a@example.com', 'user:b@example.com'] },
    { role: 'roles/secretmanager.viewer', members: [SA] },
  ]);
  assert.notEqual(next.etag, 'ACAB');
  assert.deepEqual(nextPolicy(next, { bindings: [] }, secretLevel).bindings, undefined);
});

test('nextPolicy refuses stale etags, unknown roles, bad members and conditions', () => {
  const status = (e: unknown): string => (e instanceof GoogleApiError ? e.status : 'not a GoogleApiError');
  const refuse = (requested: unknown, expected: string, context = secretLevel): void => {
    assert.throws(() => nextPolicy({ etag: 'current' }, requested, context), (e) => status(e) === expected);
  };
  refuse({ etag: 'stale', bindings: [] }, 'ABORTED');
  refuse({ bindings: [{ role: 'roles/owner', members: [SA] }] }, 'INVALID_ARGUMENT');
  refuse({ bindings: [{ role: 'roles/secretmanager.viewer', members: ['nobody'] }] }, 'INVALID_ARGUMENT');
  refuse({ bindings: [{ role: 'roles/secretmanager.viewer', members: ['serviceAccount:ghost@p.iam.gserviceaccount.com'] }] }, 'INVALID_ARGUMENT');
  refuse({ bindings: [{ role: 'roles/secretmanager.viewer', members: [SA], condition: { expression: 'true' } }] }, 'INVALID_ARGUMENT');
  refuse({ bindings: [{ role: 'roles/secretmanager.viewer', members: [] }] }, 'INVALID_ARGUMENT');
  refuse(undefined, 'INVALID_ARGUMENT');
  assert.ok(nextPolicy({ etag: 'current' }, { bindings: [{ role: 'roles/owner', members: [SA] }] }, { ...secretLevel, level: 'project' }));
});

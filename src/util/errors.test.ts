import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlotillaError, UsageError, errorMessage, isFlotillaError } from './errors.js';

class StoreConflictError extends FlotillaError {
  constructor() {
    super('STORE_CONFLICT', 'the object has been modified');
  }
}

test('subclasses keep their code, name and cause', () => {
  const cause = new Error('root');
  const error = new FlotillaError('X_FAILED', 'x failed', { cause });
  assert.equal(error.code, 'X_FAILED');
  assert.equal(error.cause, cause);
  const conflict = new StoreConflictError();
  assert.equal(conflict.name, 'StoreConflictError');
  assert.equal(conflict.code, 'STORE_CONFLICT');
  assert.ok(isFlotillaError(conflict));
  assert.ok(!isFlotillaError(new Error('plain')));
  assert.equal(new UsageError('bad flag').code, 'USAGE');
});

test('errorMessage gives one string for anything thrown', () => {
  assert.equal(errorMessage(new Error('m')), 'm');
  assert.equal(errorMessage('s'), 's');
  assert.equal(errorMessage({ a: 1 }), '{"a":1}');
  assert.equal(errorMessage(undefined), 'undefined');
});

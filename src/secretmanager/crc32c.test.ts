import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c } from './crc32c.js';

test('crc32c matches the Castagnoli check value and the values gcloud sent', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
  assert.equal(crc32c(Buffer.alloc(0)), 0);
  // Observed from gcloud 528 (reference/providers.md §2.3).
  assert.equal(crc32c(Buffer.from('s3cr3t-v1')), 366427462);
  assert.equal(crc32c(Buffer.from('s3cr3t-v2')), 109563570);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../util/index.js';
import { TokenIssuer } from './access-tokens.js';

const subject = { email: 'sa@p.iam.gserviceaccount.com', uniqueId: '123456789012345678901' };

test('tokens verify under the same key until they expire an hour later', async () => {
  const clock = new ManualClock(1_800_000_000_000);
  const key = randomBytes(32);
  const issuer = new TokenIssuer(key, clock);
  const { token, expiresIn } = issuer.issue(subject);
  assert.equal(expiresIn, 3599);
  assert.deepEqual(issuer.verify(token), { ...subject, expiresAt: 1_800_000_000 + 3600 });
  assert.deepEqual(new TokenIssuer(key, clock).verify(token)?.email, subject.email, 'stateless: a restart verifies it');
  assert.equal(new TokenIssuer(randomBytes(32), clock).verify(token), undefined);
  await clock.advance(3_599_000);
  assert.ok(issuer.verify(token));
  await clock.advance(1_000);
  assert.equal(issuer.verify(token), undefined);
});

test('altered or foreign tokens are refused', () => {
  const issuer = new TokenIssuer(randomBytes(32), new ManualClock(1_800_000_000_000));
  const { token } = issuer.issue(subject);
  const [prefix, claims, mac] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ s: 'admin@p.iam.gserviceaccount.com', u: '1', e: 9e9 })).toString('base64url');
  for (const bad of [`${prefix}.${forged}.${mac}`, `${token}x`, 'ya29.', 'flotilla-admin.abc', '', `${prefix}.${claims}`]) {
    assert.equal(issuer.verify(bad), undefined, bad);
  }
});

test('ID tokens carry the audience and the account', () => {
  const issuer = new TokenIssuer(randomBytes(32), new ManualClock(1_800_000_000_000));
  const claims = JSON.parse(Buffer.from(issuer.idToken(subject, 'aud-1', 'https://accounts.google.com').split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  assert.equal(claims.aud, 'aud-1');
  assert.equal(claims.email, subject.email);
  assert.equal(claims.exp, 1_800_000_000 + 3600);
});

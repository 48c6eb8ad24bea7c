import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, parseLogLevel } from './logger.js';
import { createRedactor } from './redact.js';
import { UsageError } from './errors.js';

function memoryDestination(): { lines: () => Array<Record<string, unknown>>; write(text: string): void; raw: () => string } {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
    },
    raw: () => text,
    lines: () => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

test('writes JSON lines at or above the level', () => {
  const out = memoryDestination();
  const log = createLogger({ level: 'warn', destination: out, name: 'unit' });
  log.info('hidden');
  log.warn({ cluster: 'c1' }, 'shown');
  const lines = out.lines();
  assert.equal(lines.length, 1);
  assert.equal(lines[0]?.msg, 'shown');
  assert.equal(lines[0]?.cluster, 'c1');
  assert.equal(lines[0]?.name, 'unit');
  assert.equal(typeof lines[0]?.time, 'string');
});

test('a registered secret value never reaches the output, whatever field carries it', () => {
  const out = memoryDestination();
  const redactor = createRedactor();
  const log = createLogger({ destination: out, redactor });
  redactor.add('canary-7f3a9');
  log.info({ note: 'value canary-7f3a9 here', nested: { deep: 'canary-7f3a9' } }, 'failed for canary-7f3a9');
  log.error(new Error('boom canary-7f3a9'));
  assert.ok(!out.raw().includes('canary-7f3a9'), out.raw());
  assert.equal(out.lines().length, 2);
});

test('fields that hold secrets by name are censored', () => {
  const out = memoryDestination();
  const log = createLogger({ destination: out });
  log.info({ secret: { data: { password: 'cGFzcw==' }, stringData: { a: 'b' } }, token: 't0k3n' }, 'x');
  const text = out.raw();
  assert.ok(!text.includes('cGFzcw=='));
  assert.ok(!text.includes('t0k3n'));
});

test('parseLogLevel accepts pino levels and rejects others with a usage error', () => {
  assert.equal(parseLogLevel('debug'), 'debug');
  assert.throws(() => parseLogLevel('loud'), (e: unknown) => e instanceof UsageError && /trace, debug/.test(e.message));
});

/**
 * Stable hashing of JSON-like values: object keys are sorted, so two objects that are equal as
 * data hash the same whatever order their keys were built in (ESO's data hash and Sveltos'
 * configuration hashes rely on this).
 *
 * @module
 */
import { createHash } from 'node:crypto';

/** JSON text of `value` with object keys sorted at every depth. Undefined members are dropped, as JSON.stringify does. */
export function stableStringify(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(value: unknown, seen: Set<object>): string | undefined {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    return JSON.stringify(value);
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return write(withToJson.toJSON(), seen);
  if (seen.has(value)) throw new TypeError('stableStringify: value contains a cycle');
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v) => write(v, seen) ?? 'null').join(',')}]`;
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const text = write(record[key], seen);
      if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}

/** Hex digest of {@link stableStringify}(value). Defaults to SHA-256. */
export function stableHash(value: unknown, algorithm: 'sha256' | 'sha1' | 'md5' = 'sha256'): string {
  return createHash(algorithm).update(stableStringify(value)).digest('hex');
}

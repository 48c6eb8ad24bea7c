/**
 * Reading request bodies the way Google's JSON mapping of protobuf does: every field may be
 * spelled lowerCamelCase (`dataCrc32c`) or with its proto name (`data_crc32c`), int64 values
 * arrive as strings or numbers, and a wrong type is an INVALID_ARGUMENT naming the field.
 *
 * @module
 */
import { invalidArgument } from './errors.js';

export type JsonObject = Readonly<Record<string, unknown>>;

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The value of field `name` (camelCase) of `object`, under either spelling. */
export function field(object: JsonObject, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : object[snakeCase(name)];
}

/** True when `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The body as an object; INVALID_ARGUMENT otherwise. */
export function objectBody(body: unknown): JsonObject {
  if (body === undefined || body === null) return {};
  if (!isObject(body)) throw invalidArgument('Invalid JSON payload received. Expected an object.');
  return body;
}

/** An optional object field. */
export function optionalObject(object: JsonObject, name: string, path = name): JsonObject | undefined {
  const value = field(object, name);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidArgument(`Invalid value at '${path}': expected an object.`);
  return value;
}

/** An optional string field. */
export function optionalString(object: JsonObject, name: string, path = name): string | undefined {
  const value = field(object, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`Invalid value at '${path}' (TYPE_STRING).`);
  return value;
}

/** An optional map<string, string> field. */
export function optionalStringMap(object: JsonObject, name: string, path = name): Record<string, string> | undefined {
  const value = optionalObject(object, name, path);
  if (!value) return undefined;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw invalidArgument(`Invalid value at '${path}[${key.slice(0, 63)}]' (TYPE_STRING).`);
  }
  return { ...(value as Record<string, string>) };
}

/** An optional int64 field (JSON string or number) as a safe integer. */
export function optionalInt64(object: JsonObject, name: string, path = name): number | undefined {
  const value = field(object, name);
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw invalidArgument(`Invalid value at '${path}' (TYPE_INT64).`);
  return number;
}

/**
 * libsveltos' funcmap extras (lib/funcmap/funcmap.go): toYaml fromYaml fromYamlArray toJson
 * fromJson fromJsonArray toToml fromToml. They never fail: encoders return `""` (or, for
 * toToml, the error text) and decoders put the error text into the result (`Error` key, or
 * the only element of the array).
 *
 * @module
 */
import { T } from '../values/types.js';
import { GoMap, GoSlice, type GoAny } from '../values/value.js';
import { defineFunc, FuncError, type FuncDef } from './registry.js';
import { marshalJson } from './encoding/json-encode.js';
import { unmarshalJson } from './encoding/json-decode.js';

/** Runs an encoder; a Go error becomes `onError(message)`. */
export function swallow(run: () => string, onError: (message: string) => string = () => ''): string {
  try {
    return run();
  } catch (e) {
    if (e instanceof FuncError) return onError(e.message);
    throw e;
  }
}

/**
 * Decodes into a fresh `map[string]interface {}` as libsveltos does: on error the map (empty, or
 * partly filled) gets an `Error` key; a document that is null leaves a nil map.
 */
export function decodeIntoMap(decoded: { value: GoAny | undefined; error: string | undefined }): GoMap {
  let m = new GoMap(T.mapStringAny, new Map());
  if (decoded.value instanceof GoMap) m = decoded.value;
  else if (decoded.value === null && decoded.error === undefined) return new GoMap(T.mapStringAny, null);
  if (decoded.error !== undefined) {
    const entries = m.entries ?? new Map<string, GoAny>();
    entries.set('Error', decoded.error);
    m = new GoMap(T.mapStringAny, entries);
  }
  return m;
}

/** Decodes into a fresh `[]interface {}`: on error the slice is `[errorText]`; null leaves a nil slice. */
export function decodeIntoSlice(decoded: { value: GoAny | undefined; error: string | undefined }): GoSlice {
  if (decoded.error !== undefined) return new GoSlice(T.sliceAny, [decoded.error]);
  if (decoded.value instanceof GoSlice) return decoded.value;
  return new GoSlice(T.sliceAny, decoded.value === null ? null : []);
}

/** libsveltos' JSON helpers. */
export const sveltosJsonFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'toJson', params: ['interface {}'], result: 'string', impl: (_ctx, v) => swallow(() => marshalJson(v)) }),
  defineFunc({
    name: 'fromJson',
    params: ['string'],
    result: 'map[string]interface {}',
    impl: (_ctx, text) => decodeIntoMap(unmarshalJson(text, T.mapStringAny)),
  }),
  defineFunc({
    name: 'fromJsonArray',
    params: ['string'],
    result: '[]interface {}',
    impl: (_ctx, text) => decodeIntoSlice(unmarshalJson(text, T.sliceAny)),
  }),
];

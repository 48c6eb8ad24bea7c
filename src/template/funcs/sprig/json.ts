/**
 * sprig's JSON functions (defaults.go): fromJson toJson toPrettyJson toRawJson and their must*
 * forms, over Go's encoding/json (see ../encoding/json-*.ts).
 *
 * @module
 */
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { indentJson, marshalJson } from '../encoding/json-encode.js';
import { unmarshalJson } from '../encoding/json-decode.js';
import type { GoAny } from '../../values/value.js';

/** json.Marshal, or "" on error (sprig's toJson swallows errors). */
function orEmpty(run: () => string): string {
  try {
    return run();
  } catch (e) {
    if (e instanceof FuncError) return '';
    throw e;
  }
}

const compact = (v: GoAny): string => marshalJson(v);
const pretty = (v: GoAny): string => indentJson(marshalJson(v), '', '  ');
// An Encoder with SetEscapeHTML(false); sprig trims the Encoder's trailing newline.
const raw = (v: GoAny): string => marshalJson(v, { escapeHTML: false });

function mustFromJson(text: string): GoAny {
  const { value, error } = unmarshalJson(text);
  if (error !== undefined) throw new FuncError(error);
  return value ?? null;
}

export const jsonFuncs: readonly FuncDef[] = [
  defineFunc({
    name: 'fromJson',
    params: ['string'],
    result: 'interface {}',
    // Errors are ignored: a syntax error gives nil, a range error the partial value.
    impl: (_ctx, text) => unmarshalJson(text).value ?? null,
  }),
  defineFunc({ name: 'mustFromJson', params: ['string'], result: 'interface {}', returnsError: true, impl: (_ctx, text) => mustFromJson(text) }),
  defineFunc({ name: 'toJson', params: ['interface {}'], result: 'string', impl: (_ctx, v) => orEmpty(() => compact(v)) }),
  defineFunc({ name: 'mustToJson', params: ['interface {}'], result: 'string', returnsError: true, impl: (_ctx, v) => compact(v) }),
  defineFunc({ name: 'toPrettyJson', params: ['interface {}'], result: 'string', impl: (_ctx, v) => orEmpty(() => pretty(v)) }),
  defineFunc({ name: 'mustToPrettyJson', params: ['interface {}'], result: 'string', returnsError: true, impl: (_ctx, v) => pretty(v) }),
  // toRawJson panics on error, which the template reports like a returned error.
  defineFunc({ name: 'toRawJson', params: ['interface {}'], result: 'string', impl: (_ctx, v) => raw(v) }),
  defineFunc({ name: 'mustToRawJson', params: ['interface {}'], result: 'string', returnsError: true, impl: (_ctx, v) => raw(v) }),
];

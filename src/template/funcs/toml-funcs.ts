/**
 * libsveltos' TOML helpers: toToml (BurntSushi/toml's Encoder; on an encoder error the error's
 * text is the result) and fromToml (toml.Unmarshal into a map; on failure the map holds an
 * `Error` key).
 *
 * @module
 */
import { defineFunc, type FuncDef } from './registry.js';
import { marshalToml, TomlEncodeError } from './encoding/toml-encode.js';
import { unmarshalToml } from './encoding/toml-decode.js';
import { decodeIntoMap } from './sveltos-data.js';

export const tomlFuncs: readonly FuncDef[] = [
  defineFunc({
    name: 'toToml',
    params: ['interface {}'],
    result: 'string',
    impl: (_ctx, v) => {
      try {
        return marshalToml(v);
      } catch (e) {
        if (e instanceof TomlEncodeError) return e.message;
        throw e;
      }
    },
  }),
  defineFunc({ name: 'fromToml', params: ['string'], result: 'map[string]interface {}', impl: (_ctx, text) => decodeIntoMap(unmarshalToml(text)) }),
];

/**
 * The YAML helpers libsveltos and ESO add to sprig (same code in both): toYaml
 * (sigs.k8s.io/yaml.Marshal, trailing newline trimmed, `""` on error), fromYaml (a map with an
 * `Error` key on failure) and, for Sveltos, fromYamlArray (`[errorText]` on failure).
 *
 * @module
 */
import { T } from '../values/types.js';
import { defineFunc, type FuncDef } from './registry.js';
import { marshalYaml } from './encoding/yaml-marshal.js';
import { unmarshalYaml } from './encoding/yaml-parse.js';
import { decodeIntoMap, decodeIntoSlice, swallow } from './sveltos-data.js';

export const toYaml = defineFunc({
  name: 'toYaml',
  params: ['interface {}'],
  result: 'string',
  impl: (_ctx, v) => swallow(() => marshalYaml(v).replace(/\n$/, '')),
});

export const fromYaml = defineFunc({
  name: 'fromYaml',
  params: ['string'],
  result: 'map[string]interface {}',
  impl: (_ctx, text) => decodeIntoMap(unmarshalYaml(text, T.mapStringAny)),
});

export const fromYamlArray = defineFunc({
  name: 'fromYamlArray',
  params: ['string'],
  result: '[]interface {}',
  impl: (_ctx, text) => decodeIntoSlice(unmarshalYaml(text, T.sliceAny)),
});

/** toYaml, fromYaml, fromYamlArray. */
export const yamlFuncs: readonly FuncDef[] = [toYaml, fromYaml, fromYamlArray];

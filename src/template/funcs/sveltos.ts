/**
 * libsveltos' funcmap extras (toYaml, fromYaml, fromYamlArray, toJson, fromJson, fromJsonArray,
 * toToml, fromToml) and addon-controller's root-bound resource functions (getResource, copy,
 * getField, setField, removeField, chainSetField, chainRemoveField). The resource functions
 * read `ctx.root` (the *currentClusterObjects struct, see ../roots.ts).
 *
 * @module
 */
import type { FuncDef } from './registry.js';
import { sveltosJsonFuncs } from './sveltos-data.js';
import { yamlFuncs } from './yaml-funcs.js';
import { sveltosResourceFuncs } from './sveltos-resources.js';
import { tomlFuncs } from './toml-funcs.js';

/** Sveltos' additions to sprig, in the order libsveltos registers them. */
export const sveltosFuncs: readonly FuncDef[] = [...yamlFuncs, ...sveltosJsonFuncs, ...tomlFuncs, ...sveltosResourceFuncs];

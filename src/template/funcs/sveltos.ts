/**
 * libsveltos' funcmap extras (toYaml, fromYaml, fromYamlArray, toJson, fromJson, fromJsonArray,
 * toToml, fromToml) and addon-controller's root-bound resource functions (getResource, copy,
 * getField, setField, removeField, chainSetField, chainRemoveField). The resource functions
 * read `ctx.root` (the *currentClusterObjects struct, see ../roots.ts).
 *
 * To be filled by the function-library work (issue 3, second half).
 *
 * @module
 */
import type { FuncDef } from './registry.js';

/** Sveltos' additions to sprig, in the order libsveltos registers them. */
export const sveltosFuncs: readonly FuncDef[] = [];

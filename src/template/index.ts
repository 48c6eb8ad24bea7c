/**
 * Go text/template for Flotilla: parse once, execute many times, with Go's exact output and
 * errors. See README.md beside this file.
 *
 * @module
 */
export { Template, DEFAULT_MAX_DEPTH, DEFAULT_MAX_OUTPUT, DEFAULT_MAX_STEPS, type TemplateOptions, type ExecuteOptions } from './template.js';
export { TemplateParseError, TemplateExecError, type ExecLimit } from './exec/errors.js';
export type { MissingKey } from './exec/eval.js';
export { profileLibrary, isProfileName, PROFILE_NAMES, type ProfileName } from './funcs/profiles.js';
export { defineFunc, FuncError, library, without, seededRandom, cryptoRandom, type FuncDef, type FuncContext, type FuncLibrary, type RandomSource } from './funcs/registry.js';
export { parseGoJson, fromPlain, GoJsonSyntaxError } from './values/json.js';
export { makeRoot, sveltosRoot, stringMapRoot, ROOT_KINDS, type RootKind } from './roots.js';
export type { GoAny, GoValue, Reflected } from './values/value.js';

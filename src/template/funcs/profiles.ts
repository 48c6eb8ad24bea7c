/**
 * Function profiles: the FuncMaps Sveltos and ESO hand to text/template. Go's built-ins (and,
 * index, printf…) are always present and are not part of a profile; a profile's function of the
 * same name overrides the built-in (sprig's `slice` does).
 *
 * - `builtins`: nothing beyond Go's built-ins.
 * - `sprig`: sprig v3.3.0's TxtFuncMap.
 * - `sveltos`: sprig plus libsveltos' funcmap extras (toYaml, fromYaml, …) and the root-bound
 *   resource functions (getResource, copy, getField, setField, removeField, chain*).
 * - `eso`: sprig without env, expandenv and getHostByName, plus ESO's extras (hexdec, toYaml,
 *   fromYaml, pkcs12*, pem, jwk, rsaDecrypt).
 *
 * @module
 */
import { library, without, type FuncLibrary } from './registry.js';
import { sprigFuncs } from './sprig/index.js';
import { sveltosFuncs } from './sveltos.js';
import { esoFuncs } from './eso.js';

/** Profile names accepted by the CLI (`--profile`) and the batch protocol (`funcs`). */
export const PROFILE_NAMES = ['builtins', 'sprig', 'sveltos', 'eso'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Functions ESO removes from its vendored sprig "for security reasons". */
export const ESO_REMOVED = ['env', 'expandenv', 'getHostByName'] as const;

/** True when `name` is a profile name. */
export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** The function library of a profile, assembled from whatever function modules exist. */
export function profileLibrary(name: ProfileName): FuncLibrary {
  switch (name) {
    case 'builtins':
      return library();
    case 'sprig':
      return library(sprigFuncs);
    case 'sveltos':
      return library(sprigFuncs, sveltosFuncs);
    case 'eso':
      return library(without(library(sprigFuncs), ...ESO_REMOVED), esoFuncs);
  }
}

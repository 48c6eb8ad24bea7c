/**
 * The data roots Sveltos and ESO hand to their templates. The root's Go type decides errors
 * and missing-key results, so these are built exactly:
 *
 * - Sveltos (addon-controller): a `*controllers.currentClusterObjects` struct pointer with map
 *   fields `Cluster`, `KubeadmControlPlane`, `InfrastructureProvider` (`map[string]interface {}`)
 *   and `MgmtResources` (`map[string]map[string]interface {}`). Unknown fields are errors;
 *   absent maps are typed nil maps (print `map[]`).
 * - ESO: `map[string]string`, each secret value as a string.
 *
 * @module
 */
import { formatValue } from './fmt/print.js';
import { mapStringMapStringAny } from './funcs/registry.js';
import { T, ptrTo, structType } from './values/types.js';
import { GoMap, GoStruct, type GoAny } from './values/value.js';

/** Root shapes of the batch protocol: `""` (the JSON value itself), `sveltos`, `stringmap`. */
export const ROOT_KINDS = ['', 'sveltos', 'stringmap'] as const;
export type RootKind = (typeof ROOT_KINDS)[number];

/** addon-controller's currentClusterObjects (controllers/template_instantiation.go). */
export const sveltosRootType = ptrTo(structType('controllers.currentClusterObjects', [
  { name: 'Cluster', type: T.mapStringAny },
  { name: 'KubeadmControlPlane', type: T.mapStringAny },
  { name: 'InfrastructureProvider', type: T.mapStringAny },
  { name: 'MgmtResources', type: mapStringMapStringAny },
]));

function asMap(v: GoAny | undefined): GoMap {
  return v instanceof GoMap && v.type === T.mapStringAny ? v : new GoMap(T.mapStringAny, null);
}

/**
 * Wraps JSON-shaped data (`{"Cluster": {...}, "MgmtResources": {"id": {...}}}`) in Sveltos'
 * root struct. Fields that are absent or not objects become nil maps, as in addon-controller
 * when an object is not fetched.
 */
export function sveltosRoot(data: GoAny): GoStruct {
  const m = data instanceof GoMap ? data : undefined;
  const get = (k: string): GoAny | undefined => m?.entries?.get(k);
  const mgmt = get('MgmtResources');
  let resources = new GoMap(mapStringMapStringAny, null);
  if (mgmt instanceof GoMap && mgmt.entries !== null) {
    resources = new GoMap(mapStringMapStringAny, new Map([...mgmt.entries].map(([k, v]) => [k, asMap(v)])));
  }
  return new GoStruct(sveltosRootType, new Map<string, GoAny>([
    ['Cluster', asMap(get('Cluster'))],
    ['KubeadmControlPlane', asMap(get('KubeadmControlPlane'))],
    ['InfrastructureProvider', asMap(get('InfrastructureProvider'))],
    ['MgmtResources', resources],
  ]));
}

/**
 * ESO's root: `map[string]string`. Non-string values are printed with `%v` (the oracle's
 * fmt.Sprint), which is how a JSON test fixture stands in for secret bytes.
 */
export function stringMapRoot(data: GoAny): GoMap {
  const entries = new Map<string, GoAny>();
  if (data instanceof GoMap && data.entries !== null) {
    for (const [k, v] of data.entries) entries.set(k, formatValue(v));
  }
  return new GoMap(T.mapStringString, entries);
}

/** Builds the root of the given kind from decoded JSON data. */
export function makeRoot(kind: RootKind, data: GoAny): GoAny {
  switch (kind) {
    case 'sveltos': return sveltosRoot(data);
    case 'stringmap': return stringMapRoot(data);
    default: return data;
  }
}

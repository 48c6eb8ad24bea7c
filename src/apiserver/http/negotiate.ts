/**
 * Content negotiation on `Accept`, as kube-apiserver's `endpoints/handlers/negotiation`: the
 * client lists media types in preference order (q values respected), and the first one the
 * server can produce wins. Besides plain JSON (and YAML) a type can ask for another *form* of
 * the answer through media-type parameters:
 *
 * - `application/json;as=Table;v=v1;g=meta.k8s.io` (and `v1beta1`): the server-side printing
 *   format kubectl uses for `get`;
 * - `application/json;as=PartialObjectMetadata[List];v=v1;g=meta.k8s.io`: metadata only;
 * - `application/json;as=APIGroupDiscoveryList;v=v2|v2beta1;g=apidiscovery.k8s.io`: aggregated
 *   discovery on `/api` and `/apis`.
 *
 * Protobuf responses are never produced (clients always accept JSON as well), so a protobuf
 * entry is skipped and the next acceptable one is used.
 *
 * @module
 */
import { notAcceptable } from './status.js';

/** One entry of an Accept header. */
export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly params: Readonly<Record<string, string>>;
  readonly q: number;
}

/** The answer form a request negotiated. */
export type ResponseForm =
  | { readonly kind: 'object'; readonly encoding: 'json' | 'yaml' }
  | { readonly kind: 'table'; readonly version: 'v1' | 'v1beta1' }
  | { readonly kind: 'partial'; readonly version: 'v1' | 'v1beta1' }
  | { readonly kind: 'discovery'; readonly version: 'v2' | 'v2beta1' };

/** What an endpoint can produce, besides plain JSON. */
export interface Producible {
  readonly table?: boolean;
  readonly partial?: boolean;
  readonly discovery?: boolean;
}

/** Media types listed in 406 answers, as kube-apiserver lists them. */
const SUPPORTED = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** Parses an Accept header into ranges ordered by q (stable for equal q). */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header || header.trim() === '') return [];
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [full = '', ...paramTexts] = part.split(';').map((s) => s.trim());
    const slash = full.indexOf('/');
    if (slash <= 0) continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const text of paramTexts) {
      const eq = text.indexOf('=');
      if (eq <= 0) continue;
      const key = text.slice(0, eq).trim().toLowerCase();
      const value = text.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
      else params[key] = value;
    }
    ranges.push({ type: full.slice(0, slash).toLowerCase(), subtype: full.slice(slash + 1).toLowerCase(), params, q });
  }
  return ranges.map((r, i) => ({ r, i })).sort((a, b) => b.r.q - a.r.q || a.i - b.i).map(({ r }) => r).filter((r) => r.q > 0);
}

function isJsonLike(range: MediaRange): boolean {
  return (range.type === 'application' && (range.subtype === 'json' || range.subtype === '*')) || (range.type === '*' && range.subtype === '*');
}

const META_VERSIONS = new Set(['v1', 'v1beta1']);
const DISCOVERY_VERSIONS = new Set(['v2', 'v2beta1']);

/** The forms an `as=` parameter can name: group, versions, and what the endpoint must support. */
const FORMS: Readonly<Record<string, { group: string; versions: ReadonlySet<string>; kind: 'table' | 'partial' | 'discovery' }>> = {
  Table: { group: 'meta.k8s.io', versions: META_VERSIONS, kind: 'table' },
  PartialObjectMetadata: { group: 'meta.k8s.io', versions: META_VERSIONS, kind: 'partial' },
  PartialObjectMetadataList: { group: 'meta.k8s.io', versions: META_VERSIONS, kind: 'partial' },
  APIGroupDiscoveryList: { group: 'apidiscovery.k8s.io', versions: DISCOVERY_VERSIONS, kind: 'discovery' },
};

/** The special form a range asks for through `as`/`v`/`g`, or undefined for none or an unsupported one. */
function formOf(range: MediaRange, can: Producible): ResponseForm | undefined | 'unsupported' {
  const { as, v, g } = range.params;
  if (as === undefined) return undefined;
  const known = Object.hasOwn(FORMS, as) ? FORMS[as] : undefined;
  if (!known || known.group !== g || v === undefined || !known.versions.has(v) || !can[known.kind]) return 'unsupported';
  return { kind: known.kind, version: v } as ResponseForm;
}

function rangeForm(range: MediaRange, can: Producible): ResponseForm | undefined {
  if (range.type === 'application' && range.subtype === 'yaml' && range.params.as === undefined) return { kind: 'object', encoding: 'yaml' };
  if (!isJsonLike(range)) return undefined;
  const form = formOf(range, can);
  if (form === 'unsupported') return undefined;
  return form ?? { kind: 'object', encoding: 'json' };
}

/**
 * Picks the answer form for `accept`. An absent or empty header means JSON.
 * @throws ApiError 406 when nothing acceptable can be produced.
 */
export function negotiate(accept: string | undefined, can: Producible = {}): ResponseForm {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return { kind: 'object', encoding: 'json' };
  for (const range of ranges) {
    const form = rangeForm(range, can);
    if (form) return form;
  }
  throw notAcceptable(SUPPORTED);
}

/** The Content-Type that announces a negotiated form (`list` picks PartialObjectMetadataList). */
export function contentTypeOf(form: ResponseForm, list = false): string {
  switch (form.kind) {
    case 'object': return form.encoding === 'yaml' ? 'application/yaml' : 'application/json';
    case 'table': return `application/json;as=Table;v=${form.version};g=meta.k8s.io`;
    case 'partial': return `application/json;as=PartialObjectMetadata${list ? 'List' : ''};v=${form.version};g=meta.k8s.io`;
    case 'discovery': return `application/json;g=apidiscovery.k8s.io;v=${form.version};as=APIGroupDiscoveryList`;
  }
}

/**
 * sigs.k8s.io/yaml's Unmarshal into `map[string]interface {}` or `[]interface {}`: go-yaml v2
 * reads the first document (YAML 1.1 implicit types, merge keys, aliases), keys become strings
 * (`1`, `true`, floats printed as float32), the result is re-encoded as JSON and decoded by
 * encoding/json, so every number ends up float64 and timestamps stay strings.
 *
 * The YAML syntax is read by the `yaml` package (with no implicit typing: every scalar a string,
 * tagged with its style); go-yaml's typing is applied here. Syntax error texts follow go-yaml's
 * for the common cases (`yaml: line N: mapping values are not allowed in this context`);
 * others keep go-yaml's `yaml: line N:` prefix with the parser's own description.
 *
 * @module
 */
import { Alias, isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, type Document, type Node } from 'yaml';
import { formatFloat } from '../../fmt/strconv.js';
import { T, type GoType } from '../../values/types.js';
import { GoFloat, GoMap, GoSlice, type GoAny } from '../../values/value.js';
import { resolvePlain } from './yaml-resolve.js';
import { kindWord } from './json-decode.js';

/** The decoded value (undefined: target untouched) and the error text sigs.k8s.io/yaml returns. */
export interface YamlDecoded {
  readonly value: GoAny | undefined;
  readonly error: string | undefined;
}

class YamlFailure extends Error {}

/** An intermediate go-yaml value: keys may still be non-strings. */
type Raw = null | string | boolean | bigint | number | RawMap | Raw[];
class RawMap {
  readonly entries = new Map<string, Raw>();
}

const STR_TAG = 'tag:yaml.org,2002:str';

/** [what the yaml package says, what go-yaml says, whether go-yaml names a line]. */
const GO_MESSAGES: ReadonlyArray<readonly [RegExp, string, boolean?]> = [
  [/Nested mappings are not allowed|Implicit map keys need to be|mapping values/i, 'mapping values are not allowed in this context', false],
  [/Tabs are not allowed|tab/i, 'found character that cannot start any token'],
  [/Missing closing "?quote|Missing closing/i, 'found unexpected end of stream'],
  [/flow sequence|Expected , or \]/i, "did not find expected ',' or ']'"],
  [/flow map|Expected , or \}/i, "did not find expected ',' or '}'"],
];

function goYamlError(doc: Document.Parsed, text: string): string | undefined {
  const err = doc.errors[0];
  if (err === undefined) return undefined;
  const first = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const known = GO_MESSAGES.find(([re]) => re.test(first));
  if (known?.[2] === false) return `yaml: ${known[1]}`;
  let line = err.linePos?.[0].line ?? 1;
  // go-yaml names the line where an unclosed flow collection starts.
  if (known !== undefined && known[1].startsWith('did not find')) {
    const open = Math.max(text.lastIndexOf('[', err.pos[0]), text.lastIndexOf('{', err.pos[0]));
    if (open >= 0) line = text.slice(0, open).split('\n').length;
  }
  return `yaml: line ${line}: ${known?.[1] ?? first}`;
}

class Converter {
  constructor(private readonly doc: Document.Parsed) {}

  value(node: unknown, depth = 0): Raw {
    if (depth > 10000) throw new YamlFailure('yaml: exceeded max depth');
    if (node === null || node === undefined) return null;
    if (node instanceof Alias) return this.value(node.resolve(this.doc), depth + 1);
    if (isScalar(node)) return this.scalar(node);
    if (isSeq(node)) return node.items.map((item) => this.value(item, depth + 1));
    if (isMap(node)) return this.map(node.items, depth);
    return null;
  }

  private scalar(node: Scalar): Raw {
    const text = typeof node.value === 'string' ? node.value : '';
    if (node.tag === STR_TAG || node.type !== Scalar.PLAIN) return text;
    const r = resolvePlain(text);
    return r.tag === 'timestamp' ? text : r.value;
  }

  private map(items: readonly unknown[], depth: number): RawMap {
    const out = new RawMap();
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (isScalar(key) && key.type === Scalar.PLAIN && key.value === '<<') {
        this.merge(out, pair.value, depth);
        continue;
      }
      out.entries.set(keyString(this.value(key, depth + 1)), this.value(pair.value, depth + 1));
    }
    return out;
  }

  /** go-yaml v2's merge: a map, or a list of maps where earlier ones win. */
  private merge(out: RawMap, node: unknown, depth: number): void {
    const v = this.value(node, depth + 1);
    const maps = Array.isArray(v) ? [...v].reverse() : [v];
    for (const m of maps) {
      if (!(m instanceof RawMap)) throw new YamlFailure('yaml: map merge requires map or sequence of maps as the value');
      for (const [k, x] of m.entries) out.entries.set(k, x);
    }
  }
}

/** sigs.k8s.io/yaml's key conversion (ints in decimal, floats as float32 %g, bools as words). */
function keyString(k: Raw): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number') {
    const s = formatFloat(k, 'g', -1, 32);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  throw new YamlFailure(`unsupported map key of type: ${k === null ? '<nil>' : Array.isArray(k) ? '[]interface {}' : 'map[interface {}]interface {}'}`);
}

/** The JSON round trip: numbers to float64; NaN and infinities are JSON errors. */
function toGo(v: Raw): GoAny {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return new GoFloat(T.float64, Number(v));
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new YamlFailure(`json: unsupported value: ${formatFloat(v, 'g', -1, 64)}`);
    return new GoFloat(T.float64, v);
  }
  if (Array.isArray(v)) return new GoSlice(T.sliceAny, v.map(toGo));
  return new GoMap(T.mapStringAny, new Map([...v.entries].map(([k, x]) => [k, toGo(x)] as const)));
}


/** sigs.k8s.io/yaml.Unmarshal(text, &target) with target of type `into` (a map or slice type). */
export function unmarshalYaml(text: string, into: GoType): YamlDecoded {
  let value: GoAny;
  try {
    const doc = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, strict: false })[0];
    if (doc === undefined) return { value: undefined, error: undefined };
    if (!('errors' in doc)) return { value: undefined, error: undefined };
    const syntax = goYamlError(doc, text);
    if (syntax !== undefined) return { value: undefined, error: `error converting YAML to JSON: ${syntax}` };
    value = toGo(new Converter(doc).value(doc.contents));
  } catch (e) {
    if (e instanceof YamlFailure) return { value: undefined, error: `error converting YAML to JSON: ${e.message}` };
    throw e;
  }
  // JSON null leaves the target untouched (encoding/json decodes it into the outer interface).
  if (value === null) return { value: undefined, error: undefined };
  const fits = into.kind === 'map' ? value instanceof GoMap : value instanceof GoSlice;
  if (!fits) {
    return { value: undefined, error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kindWord(value)} into Go value of type ${into.name}` };
  }
  return { value, error: undefined };
}

/**
 * sigs.k8s.io/yaml's Marshal: the value goes through encoding/json (so only what JSON can say
 * survives: struct fields by JSON rules, []byte as base64, floats as JSON prints them), the JSON
 * is read back by go-yaml v2 (numbers become int or float by go-yaml's rules) and emitted by
 * go-yaml v2. This walks the Go value once, applying both conversions, and feeds the emitter.
 *
 * @module
 */
import { formatFloat } from '../../fmt/strconv.js';
import { compareGoStrings } from '../../fmt/sort.js';
import { T } from '../../values/types.js';
import { GoFloat, GoInt, GoMap, GoSlice, GoStruct, bytesOf, type GoAny } from '../../values/value.js';
import { fromPlain } from '../../values/json.js';
import { FuncError } from '../registry.js';
import { jsonFloat, marshalJson, visitOnce, type JsonMarshaler } from './json-encode.js';
import { emitYaml, type YamlNode } from './yaml-emit.js';
import { plainReadsAsString, resolvePlain } from './yaml-resolve.js';

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);

/** go-yaml v2's keyList.Less for two string keys: letters by code point, digit runs by value. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    return digitRunLess(ar, br, i);
  }
  return ar.length < br.length;
}

function digitRunLess(ar: readonly string[], br: readonly string[], i: number): boolean {
  let an = 0n;
  let bn = 0n;
  if (ar[i] === '0' || br[i] === '0') {
    for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
      if (ar[j] !== '0') {
        an = bn = 1n;
        break;
      }
    }
  }
  let ai = i;
  let bi = i;
  for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48));
  for (; bi < br.length && isDigit(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48));
  if (an !== bn) return an < bn;
  if (ai !== bi) return ai < bi;
  return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
}

/**
 * encoding/json leaves U+0085 (NEL) unescaped, and go-yaml, reading the JSON back as YAML,
 * takes it for a line break inside a quoted scalar and folds it: one break (with the blanks
 * around it) becomes a space, n breaks become n-1 newlines.
 */
function foldNel(s: string): string {
  if (!s.includes('\u0085')) return s;
  return s.replace(/[ \t]*(?:\u0085[ \t]*)+/g, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

const scalar = (text: string, isString: boolean): YamlNode => ({ kind: 'scalar', text, isString });
const NULL = scalar('null', false);

/** A float as JSON prints it, then as go-yaml reads and re-prints that text. */
function floatNode(v: GoFloat): YamlNode {
  const text = jsonFloat(v.v, v.type === T.float32 ? 32 : 64);
  const r = resolvePlain(text);
  if (r.tag === 'int') return scalar(r.value.toString(), false);
  return scalar(formatFloat(Number(text), 'g', -1, 64), false);
}

class TreeBuilder {
  private readonly path = new Set<object>();

  node(v: GoAny): YamlNode {
    if (v === null) return NULL;
    if (typeof v === 'string') return scalar(foldNel(v), true);
    if (typeof v === 'boolean') return scalar(v ? 'true' : 'false', false);
    if (v instanceof GoInt) return scalar(v.v.toString(), false);
    if (v instanceof GoFloat) return floatNode(v);
    if (v instanceof GoMap) return v.entries === null ? NULL : this.guarded(v, v.entries, () => this.map(v.entries!));
    if (v instanceof GoSlice) return v.items === null ? NULL : this.guarded(v, v.items, () => this.slice(v));
    if (v instanceof GoStruct) return this.struct(v);
    // Complex numbers and functions: let encoding/json say why.
    marshalJson(v);
    throw new FuncError(`json: unsupported type: ${v.type.name}`);
  }

  private guarded(v: GoMap | GoSlice, key: object, run: () => YamlNode): YamlNode {
    return visitOnce(this.path, v, key, run);
  }

  private map(entries: ReadonlyMap<string, GoAny>): YamlNode {
    const keys = [...entries.keys()].sort(compareGoStrings).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
    return { kind: 'map', entries: keys.map((k) => [k, this.node(entries.get(k)!)] as const) };
  }

  private slice(s: GoSlice): YamlNode {
    const bytes = bytesOf(s);
    if (bytes !== undefined) return scalar(Buffer.from(bytes).toString('base64'), true);
    return { kind: 'seq', items: s.items!.map((item) => this.node(item)) };
  }

  private struct(s: GoStruct): YamlNode {
    const payload = s.payload as Partial<JsonMarshaler> | undefined;
    if (typeof payload?.marshalGoJson === 'function') return this.node(fromPlain(JSON.parse(payload.marshalGoJson())));
    if (s.fields === null) return NULL;
    const struct = s.type.kind === 'ptr' ? s.type.elem! : s.type;
    const fields = new Map((struct.fields ?? []).map((f) => [f.name, s.fields!.get(f.name) ?? null] as const));
    return this.map(fields);
  }
}

/** go-yaml v2's style for a scalar: strings that would read back as another type are quoted. */
function preferredStyle(n: YamlNode & { kind: 'scalar' }): 'plain' | 'double' | 'literal' {
  if (!n.isString) return 'plain';
  if (n.text.includes('\n')) return 'literal';
  return plainReadsAsString(n.text) ? 'plain' : 'double';
}

/** sigs.k8s.io/yaml.Marshal(v) as text (with its trailing newline). Throws FuncError like json.Marshal. */
export function marshalYaml(v: GoAny): string {
  return emitYaml(new TreeBuilder().node(v), preferredStyle);
}

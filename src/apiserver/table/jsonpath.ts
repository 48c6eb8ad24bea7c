/**
 * The JSONPath subset CRD `additionalPrinterColumns` use (client-go `util/jsonpath` syntax
 * without the template braces): `.a.b`, `['a.b']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `.*` and
 * filters `[?(@.type=="Ready")]` / `[?(@.field)]`. Evaluation returns every match in order;
 * a path that misses returns no match (never an error).
 *
 * @module
 */
import { isPlainObject } from '../../api/object.js';

type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number }
  | { readonly kind: 'filter'; readonly path: readonly Step[]; readonly op?: string; readonly value?: unknown };

/** A compiled JSONPath. */
export interface JsonPath {
  readonly text: string;
  readonly steps: readonly Step[];
}

export class JsonPathError extends Error {}

const NAME = /^[^.[\]\s]+/;

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (/^'.*'$/.test(t) || /^".*"$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  throw new JsonPathError(`unrecognized literal ${t}`);
}

function parseFilter(body: string): Step {
  const m = /^\?\(\s*@((?:\.[^\s=!<>)]+)*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*\)$/.exec(body);
  if (!m) throw new JsonPathError(`unrecognized filter ${body}`);
  const path = m[1] ? parseSteps(m[1]) : [];
  return m[2] ? { kind: 'filter', path, op: m[2], value: parseLiteral(m[3]!) } : { kind: 'filter', path };
}

function parseBracket(body: string): Step {
  const inner = body.trim();
  if (inner === '*') return { kind: 'wildcard' };
  if (inner.startsWith('?')) return parseFilter(inner);
  if (/^'.*'$|^".*"$/.test(inner)) return { kind: 'field', name: inner.slice(1, -1) };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const slice = /^(-?\d*):(-?\d*)$/.exec(inner);
  if (slice) {
    return { kind: 'slice', ...(slice[1] ? { start: Number(slice[1]) } : {}), ...(slice[2] ? { end: Number(slice[2]) } : {}) };
  }
  throw new JsonPathError(`unrecognized bracket expression [${body}]`);
}

/** Index of the `]` closing the bracket opened at `open`, skipping quoted text and parentheses. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ']' && depth === 0) return i;
  }
  throw new JsonPathError(`unclosed bracket in ${text}`);
}

function parseSteps(text: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '.') {
      i++;
      if (text[i] === '*') {
        steps.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      const m = NAME.exec(text.slice(i));
      if (!m) continue;
      steps.push({ kind: 'field', name: m[0] });
      i += m[0].length;
    } else if (ch === '[') {
      const close = closingBracket(text, i);
      steps.push(parseBracket(text.slice(i + 1, close)));
      i = close + 1;
    } else {
      throw new JsonPathError(`unexpected ${JSON.stringify(ch)} at ${i} in ${text}`);
    }
  }
  return steps;
}

/** Compiles a path such as `.status.conditions[?(@.type=="Ready")].status` (an optional `{…}` or `$` is accepted). */
export function compileJsonPath(text: string): JsonPath {
  let body = text.trim();
  if (body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1).trim();
  if (body.startsWith('$')) body = body.slice(1);
  if (body !== '' && !body.startsWith('.') && !body.startsWith('[')) body = `.${body}`;
  return { text, steps: parseSteps(body) };
}

function compare(left: unknown, op: string, right: unknown): boolean {
  switch (op) {
    case '==': return left === right;
    case '!=': return left !== right;
    default: {
      if (typeof left !== 'number' || typeof right !== 'number') return false;
      if (op === '<') return left < right;
      if (op === '>') return left > right;
      if (op === '<=') return left <= right;
      return left >= right;
    }
  }
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) return Object.values(value);
  return [];
}

function sliceOf(value: unknown[], start: number | undefined, end: number | undefined): unknown[] {
  const norm = (n: number): number => (n < 0 ? Math.max(0, value.length + n) : Math.min(n, value.length));
  return value.slice(start === undefined ? 0 : norm(start), end === undefined ? value.length : norm(end));
}

function indexOf(value: unknown, index: number): unknown[] {
  if (!Array.isArray(value)) return [];
  const i = index < 0 ? value.length + index : index;
  return i >= 0 && i < value.length ? [value[i]] : [];
}

function applyStep(value: unknown, step: Step): unknown[] {
  switch (step.kind) {
    case 'field': return isPlainObject(value) && Object.hasOwn(value, step.name) ? [value[step.name]] : [];
    case 'wildcard': return children(value);
    case 'index': return indexOf(value, step.index);
    case 'slice': return Array.isArray(value) ? sliceOf(value, step.start, step.end) : [];
    case 'filter': return children(value).filter((item) => {
      const found = evaluateSteps(item, step.path);
      if (step.op === undefined) return found.length > 0;
      return found.length > 0 && compare(found[0], step.op, step.value);
    });
  }
}

function evaluateSteps(root: unknown, steps: readonly Step[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) current = current.flatMap((v) => applyStep(v, step));
  return current;
}

/** Every value `path` selects in `root`. */
export function evaluateJsonPath(path: JsonPath, root: unknown): unknown[] {
  return evaluateSteps(root, path.steps);
}

/**
 * A value as client-go's `PrintResults` prints it: objects and arrays as compact JSON, strings
 * raw, numbers and booleans as Go's `fmt.Print` would.
 */
export function printJsonPathValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'string') return value;
  return typeof value === 'boolean' ? String(value) : JSON.stringify(value) ?? '';
}

/** A float64 as Go's `%v` prints it (exponent form from 1e21, like strconv 'g' with shortest digits). */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

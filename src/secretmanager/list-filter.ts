/**
 * The `filter` of list calls: the subset of Google's filter language (AIP-160) that Secret
 * Manager documents and gcloud's `--filter` rewriter sends: restrictions `field:value`,
 * `field=value`, `!=`, `<`, `<=`, `>`, `>=`, `field:*` (present), value lists `field:(a,b)`,
 * `AND` (or juxtaposition), `OR`, `NOT`/`-`, and parentheses. As in AIP-160, OR binds tighter
 * than AND. `:` matches a substring, case-insensitively, and `*` in a value matches anything.
 *
 * gcloud applies its filter again on what the server returns, so a server must never return
 * less than the filter selects; where Google's exact semantics are unrecorded this one errs on
 * the side of selecting more (case-insensitive `:`).
 *
 * @module
 */
import { invalidArgument } from './errors.js';

type Comparator = ':' | '=' | '!=' | '<' | '<=' | '>' | '>=';

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'restriction'; readonly field: string; readonly comparator: Comparator; readonly values: readonly string[] };

/**
 * Values of a field of the listed resource: strings, or undefined when the field is absent.
 * A `name` field may offer several forms (the short ID and the full resource name).
 */
export type FieldReader = (field: string) => readonly string[] | undefined;

const COMPARATORS: readonly Comparator[] = ['<=', '>=', '!=', ':', '=', '<', '>'];
const FIELD = /^[A-Za-z_][A-Za-z0-9_.-]*/;

class Parser {
  #pos = 0;
  constructor(private readonly text: string) {}

  parse(): FilterNode {
    const node = this.#expression();
    this.#skipSpace();
    if (this.#pos < this.text.length) throw this.#error(`unexpected '${this.text.slice(this.#pos, this.#pos + 10)}'`);
    return node;
  }

  // expression: sequence (('AND')? sequence)*
  #expression(): FilterNode {
    let left = this.#disjunction();
    for (;;) {
      this.#skipSpace();
      if (this.#pos >= this.text.length || this.#peek(')')) return left;
      this.#keyword('AND');
      left = { kind: 'and', left, right: this.#disjunction() };
    }
  }

  // disjunction: unary ('OR' unary)*
  #disjunction(): FilterNode {
    let left = this.#unary();
    while (this.#keyword('OR')) left = { kind: 'or', left, right: this.#unary() };
    return left;
  }

  // unary: ('NOT' | '-')? primary
  #unary(): FilterNode {
    this.#skipSpace();
    if (this.#keyword('NOT')) return { kind: 'not', operand: this.#primary() };
    if (this.#peek('-')) {
      this.#pos++;
      return { kind: 'not', operand: this.#primary() };
    }
    return this.#primary();
  }

  // primary: '(' expression ')' | field comparator argument | bare value
  #primary(): FilterNode {
    this.#skipSpace();
    if (this.#peek('(')) {
      this.#pos++;
      const inner = this.#expression();
      this.#expect(')');
      return inner;
    }
    const field = FIELD.exec(this.text.slice(this.#pos))?.[0];
    if (!field) {
      const bare = this.#value();
      return { kind: 'restriction', field: 'name', comparator: ':', values: [bare] };
    }
    this.#pos += field.length;
    this.#skipSpace();
    const comparator = COMPARATORS.find((c) => this.text.startsWith(c, this.#pos));
    if (!comparator) return { kind: 'restriction', field: 'name', comparator: ':', values: [field] };
    this.#pos += comparator.length;
    return { kind: 'restriction', field, comparator, values: this.#argument() };
  }

  // argument: value | '(' value ((',' | ' ') value)* ')'
  #argument(): string[] {
    this.#skipSpace();
    if (!this.#peek('(')) return [this.#value()];
    this.#pos++;
    const values: string[] = [];
    for (;;) {
      this.#skipSpace();
      if (this.#peek(')')) break;
      values.push(this.#value());
      this.#skipSpace();
      if (this.#peek(',')) this.#pos++;
    }
    this.#expect(')');
    if (values.length === 0) throw this.#error('empty value list');
    return values;
  }

  #value(): string {
    this.#skipSpace();
    const quote = this.text[this.#pos];
    if (quote === '"' || quote === "'") {
      const end = this.text.indexOf(quote, this.#pos + 1);
      if (end < 0) throw this.#error('unterminated string');
      const value = this.text.slice(this.#pos + 1, end);
      this.#pos = end + 1;
      return value;
    }
    const match = /^[^\s(),]+/.exec(this.text.slice(this.#pos));
    if (!match) throw this.#error('expected a value');
    this.#pos += match[0].length;
    return match[0];
  }

  #keyword(word: string): boolean {
    this.#skipSpace();
    const after = this.text[this.#pos + word.length];
    if (this.text.startsWith(word, this.#pos) && (after === undefined || /[\s(]/.test(after))) {
      this.#pos += word.length;
      return true;
    }
    return false;
  }

  #peek(char: string): boolean {
    return this.text[this.#pos] === char;
  }

  #expect(char: string): void {
    this.#skipSpace();
    if (!this.#peek(char)) throw this.#error(`expected '${char}'`);
    this.#pos++;
  }

  #skipSpace(): void {
    while (this.#pos < this.text.length && /\s/.test(this.text[this.#pos]!)) this.#pos++;
  }

  #error(what: string): Error {
    return invalidArgument(`Invalid filter [${this.text.slice(0, 500)}]: ${what} at position ${this.#pos}.`);
  }
}

/** Parses a filter; throws INVALID_ARGUMENT with the position of the mistake. */
export function parseFilter(text: string): FilterNode {
  return new Parser(text).parse();
}

/** The fields a filter mentions, so a caller can reject unknown ones before evaluating. */
export function filterFields(node: FilterNode): string[] {
  if (node.kind === 'restriction') return [node.field];
  if (node.kind === 'not') return filterFields(node.operand);
  return [...filterFields(node.left), ...filterFields(node.right)];
}

function wildcard(value: string, whole: boolean): RegExp {
  const body = value.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(whole ? `^${body}$` : body, whole ? '' : 'i');
}

/** Orders timestamps as instants and numbers as numbers; anything else as text. */
function compare(a: string, b: string): number {
  const [x, y] = [Date.parse(a), Date.parse(b)];
  if (!Number.isNaN(x) && !Number.isNaN(y) && /^\d{4}-/.test(a) && /^\d{4}-/.test(b)) return x - y;
  if (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function matchOne(actual: string, comparator: Comparator, expected: string): boolean {
  switch (comparator) {
    case ':': return expected === '*' ? actual !== '' : wildcard(expected, false).test(actual);
    case '=': return expected.includes('*') ? wildcard(expected, true).test(actual) : actual === expected;
    case '!=': return actual !== expected;
    case '<': return compare(actual, expected) < 0;
    case '<=': return compare(actual, expected) <= 0;
    case '>': return compare(actual, expected) > 0;
    default: return compare(actual, expected) >= 0;
  }
}

function restrictionHolds(node: Extract<FilterNode, { kind: 'restriction' }>, read: FieldReader): boolean {
  const actual = read(node.field);
  if (node.comparator === '!=') return !actual || node.values.every((v) => actual.every((a) => matchOne(a, '!=', v)));
  if (!actual) return false;
  return node.values.some((v) => actual.some((a) => matchOne(a, node.comparator, v)));
}

/** True when the resource whose fields `read` returns satisfies the filter. */
export function evaluateFilter(node: FilterNode, read: FieldReader): boolean {
  switch (node.kind) {
    case 'and': return evaluateFilter(node.left, read) && evaluateFilter(node.right, read);
    case 'or': return evaluateFilter(node.left, read) || evaluateFilter(node.right, read);
    case 'not': return !evaluateFilter(node.operand, read);
    default: return restrictionHolds(node, read);
  }
}

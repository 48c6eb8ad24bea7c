/**
 * Kubernetes label selectors: the string grammar of `?labelSelector=` (apimachinery
 * `pkg/labels/selector.go`) and the structured `LabelSelector` of API objects
 * (`matchLabels`/`matchExpressions`), both compiled to one matcher. Shared by the API server and
 * the controllers (informer filters, Sveltos cluster selection).
 *
 * Grammar (comma means AND, whitespace is free around tokens):
 *   requirement := '!' key | key | key ('=' | '==' | '!=') value? | key ('in' | 'notin') '(' values ')' | key ('<' | '>') integer
 *
 * @module
 */
import { FlotillaError } from '../util/index.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

/** One clause; the selector matches when every clause does. */
export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A compiled selector. `requirements` is empty for "everything". */
export interface LabelSelector {
  readonly requirements: readonly Requirement[];
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
  /** Canonical text form, as apimachinery prints it. */
  toString(): string;
}

/** The structured form found in API objects (`spec.selector`, `clusterSelector`). */
export interface LabelSelectorSpec {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

/** A malformed selector; the API server answers it with 400 BadRequest and this message. */
export class SelectorParseError extends FlotillaError {
  constructor(message: string) {
    super('SELECTOR_INVALID', message);
  }
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label key (a qualified name), or undefined when it is. */
export function labelKeyError(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!NAME_PART.test(name)) {
    return `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
  }
  return undefined;
}

/** Why `value` is not a valid label value, or undefined when it is. */
export function labelValueError(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (value.length > 0 && !NAME_PART.test(value)) {
    return `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
  }
  return undefined;
}

type Token = { kind: 'id' | 'op' | 'eos'; text: string };
const OPERATOR_CHARS = new Set(['!', '=', ',', '(', ')', '<', '>']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (OPERATOR_CHARS.has(ch)) {
      const two = input.slice(i, i + 2);
      const op = two === '==' || two === '!=' ? two : ch;
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      let j = i;
      while (j < input.length && !OPERATOR_CHARS.has(input[j]!) && !/\s/.test(input[j]!)) j++;
      tokens.push({ kind: 'id', text: input.slice(i, j) });
      i = j;
    }
  }
  tokens.push({ kind: 'eos', text: '' });
  return tokens;
}

const SET_OPERATORS: Record<string, SelectorOperator | undefined> = { in: 'In', notin: 'NotIn' };
const VALUE_OPERATORS: Record<string, SelectorOperator | undefined> = { '=': 'In', '==': 'In', '!=': 'NotIn', '>': 'Gt', '<': 'Lt' };

class Parser {
  #pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.#pos]!;
  }

  next(): Token {
    return this.tokens[this.#pos++]!;
  }

  parse(): Requirement[] {
    const out: Requirement[] = [];
    if (this.peek().kind === 'eos') return out;
    for (;;) {
      out.push(this.requirement());
      const t = this.next();
      if (t.kind === 'eos') return out;
      if (t.text !== ',') throw new SelectorParseError(`found '${t.text}', expected: ',' or 'end of string'`);
    }
  }

  requirement(): Requirement {
    const t = this.next();
    if (t.text === '!') {
      const key = this.next();
      if (key.kind !== 'id') throw new SelectorParseError(`found '${key.text}', expected: identifier after '!'`);
      return requirement(key.text, 'DoesNotExist', []);
    }
    if (t.kind !== 'id') throw new SelectorParseError(`found '${t.text}', expected: !, identifier, or 'end of string'`);
    const op = this.peek();
    if (op.kind === 'eos' || op.text === ',') return requirement(t.text, 'Exists', []);
    this.next();
    const setOperator = op.kind === 'id' ? SET_OPERATORS[op.text] : undefined;
    if (setOperator) return requirement(t.text, setOperator, this.valueSet());
    const operator = op.kind === 'op' ? VALUE_OPERATORS[op.text] : undefined;
    if (!operator) throw new SelectorParseError(`found '${op.text}', expected: '=', '!=', '==', 'in', notin'`);
    return requirement(t.text, operator, [this.exactValue()]);
  }

  exactValue(): string {
    const t = this.peek();
    if (t.kind === 'eos' || t.text === ',') return '';
    if (t.kind !== 'id') throw new SelectorParseError(`found '${t.text}', expected: identifier`);
    this.next();
    return t.text;
  }

  valueSet(): string[] {
    const open = this.next();
    if (open.text !== '(') throw new SelectorParseError(`found '${open.text}', expected: '('`);
    const values: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'id') {
        values.push(t.text);
        const sep = this.next();
        if (sep.text === ')') return values;
        if (sep.text !== ',') throw new SelectorParseError(`found '${sep.text}', expected: ',' or ')'`);
      } else if (t.text === ')' ) {
        values.push('');
        return values;
      } else if (t.text === ',') {
        values.push('');
      } else {
        throw new SelectorParseError(`found '${t.text}', expected: ',', ')' or identifier`);
      }
    }
  }
}

function requirement(key: string, operator: SelectorOperator, values: string[]): Requirement {
  const keyError = labelKeyError(key);
  if (keyError) throw new SelectorParseError(`unable to parse requirement: key: Invalid value: "${key}": ${keyError}`);
  if (operator === 'Gt' || operator === 'Lt') {
    if (!/^-?\d+$/.test(values[0] ?? '')) {
      throw new SelectorParseError(`unable to parse requirement: values[0]: Invalid value: "${values[0] ?? ''}": for 'Gt', 'Lt' operators, the value must be an integer`);
    }
  } else {
    values.forEach((v, i) => {
      const valueError = labelValueError(v);
      if (valueError) throw new SelectorParseError(`unable to parse requirement: values[${i}][${key}]: Invalid value: "${v}": ${valueError}`);
    });
  }
  return { key, operator, values: operator === 'In' || operator === 'NotIn' ? [...new Set(values)].sort() : values };
}

function compareInteger(r: Requirement, value: string | undefined): boolean {
  if (value === undefined || !/^-?\d+$/.test(value)) return false;
  const n = Number(value);
  const bound = Number(r.values[0]);
  return r.operator === 'Gt' ? n > bound : n < bound;
}

function matchesOne(r: Requirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const value = labels !== undefined && Object.hasOwn(labels, r.key) ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'In': return value !== undefined && r.values.includes(value);
    case 'NotIn': return value === undefined || !r.values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    default: return compareInteger(r, value);
  }
}

function requirementText(r: Requirement): string {
  switch (r.operator) {
    case 'Exists': return r.key;
    case 'DoesNotExist': return `!${r.key}`;
    case 'Gt': return `${r.key}>${r.values[0]}`;
    case 'Lt': return `${r.key}<${r.values[0]}`;
    case 'In': return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
    case 'NotIn': return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${r.values.join(',')})`;
  }
}

function compile(requirements: Requirement[]): LabelSelector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    requirements: sorted,
    matches: (labels) => sorted.every((r) => matchesOne(r, labels)),
    toString: () => sorted.map(requirementText).join(','),
  };
}

/** Parses the string form. Throws {@link SelectorParseError} on bad input. */
export function parseLabelSelector(text: string): LabelSelector {
  return compile(new Parser(tokenize(text)).parse());
}

const OPERATORS: Record<string, SelectorOperator> = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' };

/**
 * Compiles the structured form (metav1.LabelSelectorAsSelector). An absent spec matches
 * nothing in Kubernetes' API conventions only when documented so; here `undefined` and `{}`
 * both match everything, as LabelSelectorAsSelector does for an empty selector.
 */
export function labelSelectorFromSpec(spec: LabelSelectorSpec | undefined): LabelSelector {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(spec?.matchLabels ?? {})) reqs.push(requirement(key, 'In', [value]));
  for (const expr of spec?.matchExpressions ?? []) reqs.push(expressionRequirement(expr));
  return compile(reqs);
}

function expressionRequirement(expr: { key: string; operator: string; values?: readonly string[] }): Requirement {
  const operator = OPERATORS[expr.operator];
  if (!operator) throw new SelectorParseError(`"${expr.operator}" is not a valid label selector operator`);
  const values = [...(expr.values ?? [])];
  const isSet = operator === 'In' || operator === 'NotIn';
  if (isSet && values.length === 0) throw new SelectorParseError(`for 'in', 'notin' operators, values set can't be empty`);
  if (!isSet && values.length > 0) throw new SelectorParseError(`values set must be empty for exists and does not exist`);
  return requirement(expr.key, operator, values);
}

/** A selector that matches every object. */
export const EVERYTHING: LabelSelector = compile([]);

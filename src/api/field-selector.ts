/**
 * Field selectors (`?fieldSelector=`), as apimachinery `pkg/fields/selector.go`: comma-separated
 * `key=value`, `key==value` or `key!=value` terms, all of which must hold. `\` escapes `,`, `=`,
 * `!` and `\` inside values.
 *
 * @module
 */
import { SelectorParseError } from './label-selector.js';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1]!;
      i++;
    } else if (ch === ',') {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function parseTerm(term: string, whole: string): FieldRequirement {
  for (const [op, operator] of [['!=', '!='], ['==', '='], ['=', '=']] as const) {
    const at = unescapedIndex(term, op);
    if (at >= 0) return { field: term.slice(0, at).trim(), operator, value: unescape(term.slice(at + op.length)) };
  }
  throw new SelectorParseError(`invalid selector: '${whole}'; can't understand '${term}'`);
}

function unescapedIndex(term: string, op: string): number {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i++;
    } else if (term.startsWith(op, i)) {
      return i;
    }
  }
  return -1;
}

/** Parses a field selector; the empty string selects everything. Throws {@link SelectorParseError}. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  if (text.trim() === '') return [];
  return splitTerms(text).map((term) => parseTerm(term, text));
}

/** True when every requirement holds for the values `get` returns. */
export function fieldsMatch(requirements: readonly FieldRequirement[], get: (field: string) => string | undefined): boolean {
  return requirements.every((r) => ((get(r.field) ?? '') === r.value) === (r.operator === '='));
}

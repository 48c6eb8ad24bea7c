/**
 * Go's `json.Unmarshal(data, &map[string]interface{}{})` verdict on bytes, with Go's exact
 * error text, for the Secret types whose content kube-apiserver checks that way
 * (`kubernetes.io/dockercfg`, `kubernetes.io/dockerconfigjson`). A port of the state machine of
 * Go's `encoding/json` scanner: the first byte that cannot continue the document is reported
 * with the scanner's context ("after object key", "in string literal", ...).
 *
 * @module
 */

type Step = (c: number) => Step | string;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const ch = (s: string): number => s.charCodeAt(0);

const SHORT_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

/** Go's scanner quoteChar: the byte as a rune, in single quotes, escaped like strconv.Quote. */
export function goQuoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  if (c === 0x5c) return "'\\\\'";
  if (SHORT_ESCAPES[c]) return `'${SHORT_ESCAPES[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // Latin-1 runes: Go prints the printable ones and escapes C1 controls, NBSP and the soft hyphen.
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u${c.toString(16).padStart(4, '0')}'`;
  return `'${String.fromCharCode(c)}'`;
}

/** Parses a JSON document the way Go's scanner does; returns Go's error text or undefined. */
class GoJsonScanner {
  /** What the enclosing containers expect next: an object key, an object value or an array element. */
  readonly #stack: ('key' | 'value' | 'element')[] = [];
  #endTop = false;

  error(c: number, context: string): string {
    return `invalid character ${goQuoteChar(c)} ${context}`;
  }

  readonly beginValue: Step = (c) => {
    if (isSpace(c)) return this.beginValue;
    switch (c) {
      case ch('{'): this.#stack.push('key'); return this.beginStringOrEmpty;
      case ch('['): this.#stack.push('element'); return this.beginValueOrEmpty;
      case ch('"'): return this.inString;
      case ch('-'): return this.neg;
      case ch('0'): return this.zero;
      case ch('t'): return this.literal('true', 1);
      case ch('f'): return this.literal('false', 1);
      case ch('n'): return this.literal('null', 1);
      default: return c >= ch('1') && c <= ch('9') ? this.digits : this.error(c, 'looking for beginning of value');
    }
  };

  readonly beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return this.beginValueOrEmpty;
    return c === ch(']') ? this.endValue(c) : this.beginValue(c);
  };

  readonly beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return this.beginStringOrEmpty;
    if (c === ch('}')) {
      this.#stack[this.#stack.length - 1] = 'value';
      return this.endValue(c);
    }
    return this.beginString(c);
  };

  readonly beginString: Step = (c) => {
    if (isSpace(c)) return this.beginString;
    return c === ch('"') ? this.inString : this.error(c, 'looking for beginning of object key string');
  };

  /** After a complete value: what the enclosing container allows next. */
  readonly endValue: Step = (c) => {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) {
      this.#endTop = true;
      return this.endTop(c);
    }
    if (isSpace(c)) return this.endValue;
    if (top === 'key') {
      if (c !== ch(':')) return this.error(c, 'after object key');
      this.#stack[this.#stack.length - 1] = 'value';
      return this.beginValue;
    }
    const [separator, close, context, next] = top === 'value'
      ? [ch(','), ch('}'), 'after object key:value pair', 'key' as const]
      : [ch(','), ch(']'), 'after array element', 'element' as const];
    if (c === separator) {
      this.#stack[this.#stack.length - 1] = next;
      return next === 'key' ? this.beginString : this.beginValue;
    }
    if (c !== close) return this.error(c, context);
    this.#stack.pop();
    if (this.#stack.length > 0) return this.endValue;
    this.#endTop = true;
    return this.endTop;
  };

  readonly endTop: Step = (c) => (isSpace(c) ? this.endTop : this.error(c, 'after top-level value'));

  readonly inString: Step = (c) => {
    if (c === ch('"')) return this.endValue;
    if (c === ch('\\')) return this.inStringEscape;
    return c < 0x20 ? this.error(c, 'in string literal') : this.inString;
  };

  readonly inStringEscape: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) return this.inString;
    return c === ch('u') ? this.unicodeEscape(0) : this.error(c, 'in string escape code');
  };

  unicodeEscape(seen: number): Step {
    return (c) => {
      if (!isHex(c)) return this.error(c, 'in \\u hexadecimal character escape');
      return seen === 3 ? this.inString : this.unicodeEscape(seen + 1);
    };
  }

  readonly neg: Step = (c) => {
    if (c === ch('0')) return this.zero;
    return c >= ch('1') && c <= ch('9') ? this.digits : this.error(c, 'in numeric literal');
  };

  readonly digits: Step = (c) => (isDigit(c) ? this.digits : this.zero(c));

  readonly zero: Step = (c) => {
    if (c === ch('.')) return this.dot;
    return c === ch('e') || c === ch('E') ? this.exponent : this.endValue(c);
  };

  readonly dot: Step = (c) => (isDigit(c) ? this.fraction : this.error(c, 'after decimal point in numeric literal'));

  readonly fraction: Step = (c) => {
    if (isDigit(c)) return this.fraction;
    return c === ch('e') || c === ch('E') ? this.exponent : this.endValue(c);
  };

  readonly exponent: Step = (c) => (c === ch('+') || c === ch('-') ? this.exponentSign : this.exponentSign(c));

  readonly exponentSign: Step = (c) => (isDigit(c) ? this.exponentDigits : this.error(c, 'in exponent of numeric literal'));

  readonly exponentDigits: Step = (c) => (isDigit(c) ? this.exponentDigits : this.endValue(c));

  /** `true`, `false`, `null`: each further byte must be the expected one. */
  literal(word: string, at: number): Step {
    return (c) => {
      const expected = word.charCodeAt(at);
      if (c !== expected) return this.error(c, `in literal ${word} (expecting ${goQuoteChar(expected)})`);
      return at === word.length - 1 ? this.endValue : this.literal(word, at + 1);
    };
  }

  /** Runs the document through the scanner; Go feeds one space at EOF to end a number or literal. */
  scan(data: Uint8Array): string | undefined {
    let state: Step = this.beginValue;
    for (const c of [...data, 0x20]) {
      const next = state(c);
      if (typeof next === 'string') return next;
      state = next;
    }
    return this.#endTop ? undefined : 'unexpected end of JSON input';
  }
}

const GO_KINDS: Record<number, string> = { [ch('[')]: 'array', [ch('"')]: 'string', [ch('t')]: 'bool', [ch('f')]: 'bool' };

/**
 * What Go's `json.Unmarshal(data, &map[string]interface{}{})` returns as an error, or
 * undefined when it succeeds (an object, or `null`).
 */
export function goUnmarshalMapError(data: Uint8Array): string | undefined {
  const syntax = new GoJsonScanner().scan(data);
  if (syntax) return syntax;
  const first = data.find((c) => !isSpace(c))!;
  if (first === ch('{') || first === ch('n')) return undefined;
  return `json: cannot unmarshal ${GO_KINDS[first] ?? 'number'} into Go value of type map[string]interface {}`;
}

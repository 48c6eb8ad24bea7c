/**
 * go-yaml v2's emitter (libyaml's emitterc.go as go-yaml v2.4 configures it: 2-space indent,
 * line width 80, unicode output), for the trees sigs.k8s.io/yaml produces: block mappings with
 * keys in go-yaml's "natural" order, block sequences flush with their key, `{}`/`[]` for empty
 * collections, and libyaml's choice between plain, single-quoted, double-quoted and literal
 * scalars, including folding of long lines.
 *
 * @module
 */

/** A node of the document to emit. Scalars say whether they came from a string. */
export type YamlNode =
  | { readonly kind: 'scalar'; readonly text: string; readonly isString: boolean }
  | { readonly kind: 'seq'; readonly items: readonly YamlNode[] }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<readonly [string, YamlNode]> };

type Style = 'plain' | 'single' | 'double' | 'literal';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

interface ScalarAnalysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === '\0' || isBlank(c) || isBreak(c);

/** libyaml's is_printable, by code point. */
function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

const FIRST_INDICATORS = new Set('#,[]{}&*!|>\'"%@`');

interface Flags {
  block: boolean; flow: boolean; breaks: boolean; special: boolean; leadSpace: boolean; leadBreak: boolean;
  trailSpace: boolean; trailBreak: boolean; breakSpace: boolean; spaceBreak: boolean;
}

/** yaml_emitter_analyze_scalar over code points. */
function analyzeScalar(chars: readonly string[]): ScalarAnalysis {
  if (chars.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  const f: Flags = { block: false, flow: false, breaks: false, special: false, leadSpace: false, leadBreak: false, trailSpace: false, trailBreak: false, breakSpace: false, spaceBreak: false };
  const s3 = chars.slice(0, 3).join('');
  if (s3 === '---' || s3 === '...') f.block = f.flow = true;
  let precededByWs = true;
  const prev = { space: false, brk: false };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWs = i + 1 >= chars.length || isBlankz(chars[i + 1]);
    if (i === 0) firstIndicators(f, c, followedByWs);
    else laterIndicators(f, c, followedByWs, precededByWs);
    if (!isPrintable(c.codePointAt(0)!)) f.special = true;
    spacing(f, prev, c, i === 0, i + 1 === chars.length);
    precededByWs = isBlankz(c);
  }
  return verdict(f);
}

/** Tracks leading/trailing spaces and breaks, and a space next to a break. */
function spacing(f: Flags, prev: { space: boolean; brk: boolean }, c: string, first: boolean, last: boolean): void {
  if (c === ' ') {
    if (first) f.leadSpace = true;
    if (last) f.trailSpace = true;
    if (prev.brk) f.breakSpace = true;
    prev.space = true;
    prev.brk = false;
  } else if (isBreak(c)) {
    f.breaks = true;
    if (first) f.leadBreak = true;
    if (last) f.trailBreak = true;
    if (prev.space) f.spaceBreak = true;
    prev.space = false;
    prev.brk = true;
  } else {
    prev.space = prev.brk = false;
  }
}

function firstIndicators(f: Flags, c: string, followedByWs: boolean): void {
  if (FIRST_INDICATORS.has(c)) f.flow = f.block = true;
  else if (c === '?' || c === ':') {
    f.flow = true;
    if (followedByWs) f.block = true;
  } else if (c === '-' && followedByWs) f.flow = f.block = true;
}

function laterIndicators(f: Flags, c: string, followedByWs: boolean, precededByWs: boolean): void {
  if (',?[]{}'.includes(c)) {
    f.flow = true;
  } else if (c === ':') {
    f.flow = true;
    if (followedByWs) f.block = true;
  } else if (c === '#' && precededByWs) {
    f.flow = f.block = true;
  }
}

function verdict(f: Flags): ScalarAnalysis {
  const a: ScalarAnalysis = { multiline: f.breaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (f.leadSpace || f.leadBreak || f.trailSpace || f.trailBreak) a.flowPlain = a.blockPlain = false;
  if (f.trailSpace) a.block = false;
  if (f.breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (f.spaceBreak || f.special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (f.breaks) a.flowPlain = a.blockPlain = false;
  if (f.flow) a.flowPlain = false;
  if (f.block) a.blockPlain = false;
  return a;
}

const DOUBLE_ESCAPES: Readonly<Record<number, string>> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

/** Emits one document as go-yaml v2's Marshal does (ending with a newline). */
export function emitYaml(root: YamlNode, preferredStyle: (node: YamlNode & { kind: 'scalar' }) => Style): string {
  const e = new Emitter(preferredStyle);
  e.node(root, { root: true, sequence: false, mapping: false, simpleKey: false });
  e.writeIndent();
  return e.out;
}

interface NodeContext {
  root: boolean;
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;

  constructor(private readonly preferredStyle: (node: YamlNode & { kind: 'scalar' }) => Style) {}

  private put(s: string): void {
    this.out += s;
    this.column += 1;
  }

  private write(c: string): void {
    this.out += c;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.out += text;
    this.column += text.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  node(n: YamlNode, ctx: NodeContext): void {
    if (n.kind === 'scalar') this.scalar(n, ctx);
    else if (n.kind === 'seq') this.sequence(n.items, ctx);
    else this.mapping(n.entries, ctx);
  }

  private sequence(items: readonly YamlNode[], ctx: NodeContext): void {
    if (this.flowLevel > 0 || items.length === 0) {
      this.emptyFlow('[', ']');
      return;
    }
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private mapping(entries: ReadonlyArray<readonly [string, YamlNode]>, _ctx: NodeContext): void {
    if (this.flowLevel > 0 || entries.length === 0) {
      this.emptyFlow('{', '}');
      return;
    }
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      const keyNode: YamlNode & { kind: 'scalar' } = { kind: 'scalar', text: key, isString: true };
      const keyChars = Array.from(key);
      const simple = !analyzeScalar(keyChars).multiline && Buffer.byteLength(key) <= 128;
      if (simple) {
        this.node(keyNode, { root: false, sequence: false, mapping: true, simpleKey: true });
        this.indicator(':', false, false, false);
      } else {
        this.indicator('?', true, false, true);
        this.node(keyNode, { root: false, sequence: false, mapping: true, simpleKey: false });
        this.writeIndent();
        this.indicator(':', true, false, true);
      }
      this.node(value, { root: false, sequence: false, mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  /** An empty collection in flow style (`[]`, `{}`), the only flow output sigs.k8s.io/yaml produces. */
  private emptyFlow(open: string, close: string): void {
    this.indicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.indicator(close, false, false, false);
  }

  private scalar(n: YamlNode & { kind: 'scalar' }, ctx: NodeContext): void {
    const chars = Array.from(n.text);
    const a = analyzeScalar(chars);
    const style = this.selectStyle(this.preferredStyle(n), a, chars.length === 0, ctx);
    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    if (style === 'plain') this.plain(chars, allowBreaks);
    else if (style === 'single') this.singleQuoted(chars, allowBreaks);
    else if (style === 'double') this.doubleQuoted(chars, allowBreaks);
    else this.literal(chars);
    this.popIndent();
  }

  private selectStyle(preferred: Style, a: ScalarAnalysis, empty: boolean, ctx: NodeContext): Style {
    let style = ctx.simpleKey && a.multiline ? 'double' : preferred;
    if (style === 'plain' && !this.plainAllowed(a, empty, ctx)) style = 'single';
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || this.flowLevel > 0 || ctx.simpleKey)) style = 'double';
    return style;
  }

  private plainAllowed(a: ScalarAnalysis, empty: boolean, ctx: NodeContext): boolean {
    if (this.flowLevel > 0 ? !a.flowPlain : !a.blockPlain) return false;
    return !(empty && (this.flowLevel > 0 || ctx.simpleKey));
  }

  /** A space inside a quoted scalar: folded onto a new line when past the width, else written. */
  private quotedSpace(chars: readonly string[], i: number, fold: boolean, escapeNextSpace: boolean): void {
    if (fold && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
      this.writeIndent();
      if (escapeNextSpace && chars[i + 1] === ' ') this.put('\\');
    } else {
      this.write(chars[i]!);
    }
  }

  /** A line break inside a plain or single-quoted scalar (a lone \n is written twice, as YAML folds it). */
  private foldedBreak(c: string, breaks: boolean): void {
    if (!breaks && c === '\n') this.putBreak();
    this.writeBreak(c);
    this.indention = true;
  }

  private plain(chars: readonly string[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent();
        else this.write(c);
        spaces = true;
      } else if (isBreak(c)) {
        this.foldedBreak(c, breaks);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        spaces = breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private singleQuoted(chars: readonly string[], allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        this.quotedSpace(chars, i, allowBreaks && !spaces && chars[i + 1] !== ' ', false);
        spaces = true;
      } else if (isBreak(c)) {
        this.foldedBreak(c, breaks);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.write(c);
        this.indention = false;
        spaces = breaks = false;
      }
    }
    this.closeQuote("'");
  }

  private closeQuote(q: string): void {
    this.indicator(q, false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private doubleQuoted(chars: readonly string[], allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    let spaces = false;
    // libyaml's is_bom looks at the start of the value, not at i: after a leading BOM every
    // character is escaped.
    const bom = chars[0] === '\ufeff';
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const cp = c.codePointAt(0)!;
      if (bom || !isPrintable(cp) || isBreak(c) || c === '"' || c === '\\') {
        this.escape(cp);
        spaces = false;
      } else if (c === ' ') {
        this.quotedSpace(chars, i, allowBreaks && !spaces, true);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.closeQuote('"');
  }

  private escape(cp: number): void {
    this.put('\\');
    const short = DOUBLE_ESCAPES[cp];
    if (short !== undefined) {
      this.put(short);
      return;
    }
    const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
    this.put(letter);
    for (const digit of cp.toString(16).toUpperCase().padStart(width, '0')) this.put(digit);
  }

  private literal(chars: readonly string[]): void {
    this.indicator('|', true, false, false);
    if (chars[0] === ' ' || isBreak(chars[0])) this.indicator(String(BEST_INDENT), false, false, false);
    const chomp = chompHint(chars);
    if (chomp !== '') this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** The block scalar chomping indicator: `-` without a final break, `+` with two or more, none with one. */
function chompHint(chars: readonly string[]): string {
  if (chars.length === 0 || !isBreak(chars[chars.length - 1])) return '-';
  if (chars.length === 1) return '+';
  return isBreak(chars[chars.length - 2]) ? '+' : '';
}

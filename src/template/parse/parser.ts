/**
 * The parser: Go's text/template/parse recursive descent, with the grammar production above
 * each method, the same three-token lookahead (error lines come from the last token read) and
 * the same checks (undefined variables and functions, break outside range, non-executable
 * pipeline stages). `define` and `block` add trees to a shared set.
 *
 * @module
 */
import { quote } from '../fmt/strconv.js';
import { Item, Lexer, type Token } from './lex.js';
import { INVALID_SYNTAX, parseNumber, unquote } from './literals.js';
import { isEmptyTree, nodeString, type ArgNode, type BranchNode, type CommandNode, type ElseNode, type EndNode, type ListNode, type Node, type PipeNode, type TemplateNode, type VariableNode } from './nodes.js';

/** A parsed template: its name and body. */
export interface Tree {
  readonly name: string;
  readonly root: ListNode;
}

/** A parse failure, with Go's message (`template: NAME:LINE: msg`). */
export class ParseError extends Error {
  override readonly name = 'ParseError';
}

/** What parsing needs besides the text. */
export interface ParseOptions {
  /** Name of the top-level template (Go's ParseName). */
  readonly name: string;
  /** True for names of functions the template may call (user functions and Go's built-ins). */
  readonly hasFunction: (name: string) => boolean;
  readonly leftDelim?: string;
  readonly rightDelim?: string;
}

/** Go's maxStackDepth for nested parenthesized pipelines. */
const MAX_STACK_DEPTH = 10000;

type ItemNode = Node | EndNode | ElseNode;

/** Shared by the trees of one Parse call. */
interface Shared {
  readonly lex: Lexer;
  readonly opts: ParseOptions;
  readonly treeSet: Map<string, Tree>;
}

/** One tree being parsed (the top level, a define, or a block body). */
class TreeParser {
  private readonly token: Token[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;
  root: ListNode | null = null;

  constructor(
    private name: string,
    private readonly shared: Shared,
  ) {}

  // --- token buffer (Go's next/backup/peek) ---

  private next(): Token {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.shared.lex.nextItem();
    return this.token[this.peekCount]!;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Token): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Token, t1: Token): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.shared.lex.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Token {
    let token: Token;
    do token = this.next(); while (token.typ === Item.Space);
    return token;
  }

  private peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // --- errors ---

  errorf(message: string): never {
    this.root = null;
    throw new ParseError(`template: ${this.shared.opts.name}:${this.token[0]?.line ?? 1}: ${message}`);
  }

  private expect(expected: Item, context: string): Token {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Token, context: string): never {
    if (token.typ === Item.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.shared.opts.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(token)} in ${context}`);
  }

  // --- structure ---

  /** Top level: (text | action | define)* EOF. */
  parse(): void {
    this.root = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== Item.EOF) {
      if (this.peek().typ === Item.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === Item.Define) {
          new TreeParser('definition', this.shared).parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  /** define: {{define stringValue}} itemList {{end}} — the leading tokens are consumed. */
  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.typ !== Item.String && token.typ !== Item.RawString) this.unexpected(token, context);
    this.name = unquote(token.val) ?? this.errorf(INVALID_SYNTAX);
    this.expect(Item.RightDelim, context);
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.root = list;
    this.add();
  }

  /** Adds this tree to the set unless a non-empty one of the same name exists. */
  add(): void {
    const existing = this.shared.treeSet.get(this.name);
    const root = this.root!;
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.shared.treeSet.set(this.name, { name: this.name, root });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuoted(this.name)}`);
  }

  /** itemList: textOrAction* ; stops at {{end}} or {{else}}, which it returns. */
  private itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== Item.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  /** textOrAction: text | comment | action. */
  private textOrAction(): ItemNode {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Text:
        return { type: 'text', pos: token.pos, text: token.val };
      case Item.LeftDelim:
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      case Item.Comment:
        return { type: 'comment', pos: token.pos, text: token.val };
      default:
        this.unexpected(token, 'input');
    }
  }

  /** action: control | command ("|" command)* — the left delimiter is consumed. */
  private action(): ItemNode {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Block: return this.blockControl();
      case Item.Break: return this.breakControl(token, 'break');
      case Item.Continue: return this.breakControl(token, 'continue');
      case Item.Else: return this.elseControl();
      case Item.End: return { type: 'end', pos: this.expect(Item.RightDelim, 'end').pos };
      case Item.If: return this.control('if');
      case Item.Range: return this.control('range');
      case Item.Template: return this.templateControl();
      case Item.With: return this.control('with');
    }
    this.backup();
    const t = this.peek();
    return { type: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', Item.RightDelim) };
  }

  /** {{break}} / {{continue}}: only inside a range. */
  private breakControl(token: Token, kind: 'break' | 'continue'): ItemNode {
    const next = this.nextNonSpace();
    if (next.typ !== Item.RightDelim) this.unexpected(next, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos: token.pos, line: token.line };
  }

  /** {{else}}, or the `else` of `else if` / `else with` (the keyword is left for the caller). */
  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    if (peek.typ === Item.If || peek.typ === Item.With) return { type: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect(Item.RightDelim, 'else');
    return { type: 'else', pos: token.pos, line: token.line };
  }

  /** if/range/with: {{KEYWORD pipeline}} itemList ({{else}} itemList)? {{end}}. */
  private control(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, Item.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') elseList = this.elseBranch(context, next);
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  /** The else part; `else if` and `else with` nest a control inside a one-node list. */
  private elseBranch(context: string, elseNode: ElseNode): ListNode {
    const keyword = this.peek().typ;
    if ((context === 'if' && keyword === Item.If) || (context === 'with' && keyword === Item.With)) {
      this.next();
      return { type: 'list', pos: elseNode.pos, nodes: [this.control(context)] };
    }
    const [list, next] = this.itemList();
    if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
    return list;
  }

  /** Block: {{block stringValue pipeline}} itemList {{end}}, defining and invoking a template. */
  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, Item.RightDelim);
    const block = new TreeParser(name, this.shared);
    const [list, end] = block.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.root = list;
    block.add();
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  /** Template: {{template stringValue pipeline?}}. */
  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== Item.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, Item.RightDelim);
    }
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private templateName(token: Token, context: string): string {
    if (token.typ !== Item.String && token.typ !== Item.RawString) this.unexpected(token, context);
    return unquote(token.val) ?? this.errorf(INVALID_SYNTAX);
  }

  // --- pipelines ---

  /** Pipeline: declarations? command ('|' command)*. */
  private pipeline(context: string, end: Item): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(t.typ)) this.unexpected(t, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  /** Variable declarations or assignments at the start of a pipeline: `$x :=`, `$i, $e :=`, `$x =`. */
  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== Item.Variable) return;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === Item.Assign || next.typ === Item.Declare) {
        pipe.isAssign = next.typ === Item.Assign;
        this.nextNonSpace();
        this.declare(pipe, v);
        return;
      }
      if (next.typ !== Item.Char || next.val !== ',') {
        this.unreadVariable(v, tokenAfterVariable);
        return;
      }
      this.nextNonSpace();
      this.declare(pipe, v);
      if (context !== 'range' || pipe.decl.length >= 2) this.errorf(`too many declarations in ${context}`);
      const after = this.peekNonSpace().typ;
      if (after !== Item.Variable && after !== Item.RightDelim && after !== Item.RightParen) this.errorf('range can only initialize variables');
    }
  }

  /** Not a declaration after all: push the variable (and a following space) back. */
  private unreadVariable(v: Token, after: Token): void {
    if (after.typ === Item.Space) this.backup3(v, after);
    else this.backup2(v);
  }

  private declare(pipe: PipeNode, v: Token): void {
    pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
    this.vars.push(v.val);
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.forEach((c, i) => {
      if (i > 0 && NON_EXECUTABLE.has(c.args[0]!.type)) this.errorf(`non executable command in pipeline stage ${i + 1}`);
    });
  }

  /** Command: operand (space operand)*; ends at a right delimiter, a right paren or '|'. */
  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace(); // skip leading spaces
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === Item.Space) continue;
      if (token.typ === Item.RightDelim || token.typ === Item.RightParen) this.backup();
      else if (token.typ !== Item.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  /** Operand: term .Field*. */
  private operand(): ArgNode | null {
    const node = this.term();
    if (node === null || this.peek().typ !== Item.Field) return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === Item.Field) fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field': return { type: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable': return { type: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        return this.errorf(`unexpected . after term ${goQuoted(nodeString(node))}`);
      default: return { type: 'chain', pos, node, field: fields };
    }
  }

  /** Term: literal | function | variable | .Field | . | '(' pipeline ')'. */
  private term(): ArgNode | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Identifier:
        if (!this.shared.opts.hasFunction(token.val)) this.errorf(`function ${goQuoted(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, ident: token.val };
      case Item.Dot: return { type: 'dot', pos: token.pos };
      case Item.Nil: return { type: 'nil', pos: token.pos };
      case Item.Variable: return this.useVar(token);
      case Item.Field: return { type: 'field', pos: token.pos, ident: [token.val.slice(1)] };
      case Item.Bool: return { type: 'bool', pos: token.pos, value: token.val === 'true' };
      case Item.LeftParen: return this.parenthesized();
    }
    return this.literal(token);
  }

  /** Number, character and string literals; anything else is not a term (backed up). */
  private literal(token: Token): ArgNode | null {
    switch (token.typ) {
      case Item.CharConstant: case Item.Complex: case Item.Number: return this.number(token);
      case Item.String: case Item.RawString:
        return { type: 'string', pos: token.pos, quoted: token.val, text: unquote(token.val) ?? this.errorf(INVALID_SYNTAX) };
    }
    this.backup();
    return null;
  }

  private number(token: Token): ArgNode {
    const kind = token.typ === Item.CharConstant ? 'char' : token.typ === Item.Complex ? 'complex' : 'number';
    const value = parseNumber(token.val, kind);
    if (typeof value === 'string') this.errorf(value);
    return { type: 'number', pos: token.pos, text: token.val, ...value };
  }

  private parenthesized(): PipeNode {
    if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf('max expression depth exceeded');
    this.stackDepth++;
    try {
      return this.pipeline('parenthesized pipeline', Item.RightParen);
    } finally {
      this.stackDepth--;
    }
  }

  private useVar(token: Token): VariableNode {
    const ident = token.val.split('.');
    if (!this.vars.includes(ident[0]!)) this.errorf(`undefined variable ${goQuoted(ident[0]!)}`);
    return { type: 'variable', pos: token.pos, ident };
  }
}

const OPERAND_START: ReadonlySet<Item> = new Set([
  Item.Bool, Item.CharConstant, Item.Complex, Item.Dot, Item.Field, Item.Identifier,
  Item.Number, Item.Nil, Item.RawString, Item.String, Item.Variable, Item.LeftParen,
]);

const NON_EXECUTABLE: ReadonlySet<string> = new Set(['bool', 'dot', 'nil', 'number', 'string']);

function goQuoted(s: string): string {
  return `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Go's item.String(): how a token is quoted in "unexpected X in Y". */
function tokenString(t: Token): string {
  if (t.typ === Item.EOF) return 'EOF';
  if (t.typ === Item.Error) return t.val;
  if (t.typ > Item.Keyword) return `<${t.val}>`;
  const chars = [...t.val];
  if (chars.length > 10) return `${goQuoteFmt(chars.slice(0, 10).join(''))}...`;
  return goQuoteFmt(t.val);
}

function goQuoteFmt(s: string): string {
  return quote(s);
}

/**
 * Parses template text into a set of trees (the top-level template under `opts.name`, plus
 * one per define/block). Throws {@link ParseError} with Go's message.
 */
export function parseTrees(text: string, opts: ParseOptions): Map<string, Tree> {
  const lex = new Lexer(text, opts.leftDelim || '{{', opts.rightDelim || '}}', {
    breakOK: !opts.hasFunction('break'),
    continueOK: !opts.hasFunction('continue'),
  });
  const shared: Shared = { lex, opts, treeSet: new Map() };
  const top = new TreeParser(opts.name, shared);
  top.parse();
  top.add();
  return shared.treeSet;
}

/**
 * The syntax tree of text/template/parse, as a discriminated union of plain objects, and
 * {@link nodeString}, which reproduces Go's `String()` forms: error messages quote the failing
 * node that way (`executing "tpl" at <index .l 9>`).
 *
 * @module
 */
import { quote } from '../fmt/strconv.js';
import type { NumberValue } from './literals.js';

interface At {
  /** Offset of the node in the template text (UTF-16 units). */
  readonly pos: number;
}

export interface TextNode extends At { readonly type: 'text'; readonly text: string }
export interface CommentNode extends At { readonly type: 'comment'; readonly text: string }
export interface ListNode extends At { readonly type: 'list'; readonly nodes: Node[] }
export interface PipeNode extends At {
  readonly type: 'pipe';
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}
export interface ActionNode extends At { readonly type: 'action'; readonly line: number; readonly pipe: PipeNode }
export interface CommandNode extends At { readonly type: 'command'; readonly args: ArgNode[] }
export interface IdentifierNode extends At { readonly type: 'identifier'; readonly ident: string }
export interface VariableNode extends At { readonly type: 'variable'; readonly ident: string[] }
export interface DotNode extends At { readonly type: 'dot' }
export interface NilNode extends At { readonly type: 'nil' }
export interface FieldNode extends At { readonly type: 'field'; readonly ident: string[] }
export interface ChainNode extends At { readonly type: 'chain'; readonly node: ArgNode; readonly field: string[] }
export interface BoolNode extends At { readonly type: 'bool'; readonly value: boolean }
export interface NumberNode extends At, NumberValue { readonly type: 'number'; readonly text: string }
export interface StringNode extends At { readonly type: 'string'; readonly quoted: string; readonly text: string }
export interface BranchNode extends At {
  readonly type: 'if' | 'range' | 'with';
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | null;
}
export interface TemplateNode extends At { readonly type: 'template'; readonly line: number; readonly name: string; readonly pipe: PipeNode | null }
export interface BreakNode extends At { readonly type: 'break'; readonly line: number }
export interface ContinueNode extends At { readonly type: 'continue'; readonly line: number }
/** `{{end}}` and `{{else}}`: returned by the parser's item list, never stored in a tree. */
export interface EndNode extends At { readonly type: 'end' }
export interface ElseNode extends At { readonly type: 'else'; readonly line: number }

/** An operand of a command. */
export type ArgNode = FieldNode | ChainNode | IdentifierNode | VariableNode | DotNode | NilNode | BoolNode | NumberNode | StringNode | PipeNode;

/** Any node. */
export type Node = TextNode | CommentNode | ListNode | ActionNode | CommandNode | BranchNode | TemplateNode | BreakNode | ContinueNode | EndNode | ElseNode | ArgNode;

function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length > 0) {
    s = p.decl.map(nodeString).join(', ') + (p.isAssign ? ' = ' : ' := ');
  }
  return s + p.cmds.map(nodeString).join(' | ');
}

function commandString(c: CommandNode): string {
  return c.args.map((arg) => (arg.type === 'pipe' ? `(${pipeString(arg)})` : nodeString(arg))).join(' ');
}

function branchString(b: BranchNode): string {
  let s = `{{${b.type} ${pipeString(b.pipe)}}}${nodeString(b.list)}`;
  if (b.elseList !== null) s += `{{else}}${nodeString(b.elseList)}`;
  return `${s}{{end}}`;
}

type Stringers = { [K in Node['type']]: (n: Extract<Node, { type: K }>) => string };

const STRINGERS: Stringers = {
  text: (n) => n.text,
  comment: (n) => `{{${n.text}}}`,
  list: (n) => n.nodes.map(nodeString).join(''),
  pipe: pipeString,
  action: (n) => `{{${pipeString(n.pipe)}}}`,
  command: commandString,
  identifier: (n) => n.ident,
  variable: (n) => n.ident.join('.'),
  dot: () => '.',
  nil: () => 'nil',
  field: (n) => n.ident.map((id) => `.${id}`).join(''),
  chain: (n) => (n.node.type === 'pipe' ? `(${pipeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => `.${f}`).join(''),
  bool: (n) => (n.value ? 'true' : 'false'),
  number: (n) => n.text,
  string: (n) => n.quoted,
  if: branchString,
  range: branchString,
  with: branchString,
  template: (n) => `{{template ${quote(n.name)}${n.pipe === null ? '' : ` ${pipeString(n.pipe)}`}}}`,
  break: () => '{{break}}',
  continue: () => '{{continue}}',
  end: () => '{{end}}',
  else: () => '{{else}}',
};

/** Go's Node.String(): the canonical text of a node. */
export function nodeString(n: Node): string {
  return (STRINGERS[n.type] as (n: Node) => string)(n);
}

/** unicode.IsSpace characters only (bytes.TrimSpace leaves nothing). */
const GO_SPACE_ONLY = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** parse.IsEmptyTree: only whitespace text and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.type) {
    case 'comment': return true;
    case 'list': return n.nodes.every(isEmptyTree);
    case 'text': return GO_SPACE_ONLY.test(n.text);
    default: return false;
  }
}

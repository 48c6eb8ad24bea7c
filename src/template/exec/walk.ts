/**
 * Statement execution (text/template's walk*): text, actions, if/with/else, range over
 * slices, maps (sorted keys), integers, with break/continue and else; template invocation
 * with Go's depth bound. Output is bounded, as is the number of evaluation steps.
 *
 * @module
 */
import { compareGoStrings } from '../fmt/sort.js';
import { formatValue } from '../fmt/print.js';
import { quote } from '../fmt/strconv.js';
import { nodeString, type BranchNode, type ListNode, type Node, type TemplateNode } from '../parse/nodes.js';
import type { Tree } from '../parse/parser.js';
import { T } from '../values/types.js';
import { GoFunc, GoInt, GoMap, GoSlice, GoStruct, goInt, int, isTrue, type Reflected } from '../values/value.js';
import { describe } from './builtins.js';
import { ExecFailure } from './errors.js';
import { Evaluator, type EvalSetup } from './eval.js';

/** Control-flow signals for {{break}} and {{continue}} (Go panics with sentinels too). */
class LoopSignal extends Error {}
const BREAK = new LoopSignal('break');
const CONTINUE = new LoopSignal('continue');

/** Everything an execution needs besides its data. */
export interface ExecSetup extends EvalSetup {
  readonly trees: ReadonlyMap<string, Tree>;
  readonly maxDepth: number;
  readonly maxOutput: number;
}

/** One execution of a template set. */
export class Executor extends Evaluator {
  out = '';
  depth = 0;
  tmplName: string;

  constructor(
    protected override readonly setup: ExecSetup,
    name: string,
  ) {
    super(setup);
    this.tmplName = name;
  }

  private write(text: string): void {
    this.out += text;
    if (this.out.length > this.setup.maxOutput) {
      throw new ExecFailure(`output exceeds the limit of ${this.setup.maxOutput} characters (maxOutput)`, 'output');
    }
  }

  /** Runs the named template's body with `data` as dot and `$`. */
  run(tree: Tree, data: Reflected): void {
    this.vars = [{ name: '$', value: data, iface: false }];
    this.walk(data, tree.root);
  }

  walk(dot: Reflected, node: Node): void {
    this.at(node);
    this.countStep();
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'text': return this.write(node.text);
      case 'list': return this.walkList(dot, node);
      case 'if': case 'with': return this.walkIfOrWith(dot, node);
      case 'range': return this.walkRange(dot, node);
      case 'template': return this.walkTemplate(dot, node);
      case 'break': throw BREAK;
      case 'continue': throw CONTINUE;
      default: return;
    }
  }

  private walkList(dot: Reflected, list: ListNode): void {
    for (const n of list.nodes) this.walk(dot, n);
  }

  private printValue(node: Node, v: Reflected): void {
    this.at(node);
    if (v instanceof GoFunc) this.errorf(`can't print ${nodeString(node)} of type ${v.type.name}`);
    if (v === undefined || v === null) {
      this.write('<no value>');
      return;
    }
    if (typeof v === 'string') return this.write(v);
    if (v instanceof GoInt && v.type.methods.size === 0) return this.write(v.v.toString());
    // printableValue indirects pointers: a *struct prints as the struct.
    if (v instanceof GoStruct && v.type.kind === 'ptr' && v.fields !== null) return this.write(formatValue(new GoStruct(v.type.elem!, v.fields, v.payload)));
    this.write(formatValue(v));
  }

  private walkIfOrWith(dot: Reflected, node: BranchNode): void {
    const mark = this.vars.length;
    const saved = this.dotIface;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) {
        if (node.type === 'with') {
          this.dotIface = false;
          this.walk(val, node.list);
        } else this.walk(dot, node.list);
      } else if (node.elseList !== null) {
        this.walk(dot, node.elseList);
      }
    } finally {
      this.pop(mark);
      this.dotIface = saved;
    }
  }

  private walkRange(dot: Reflected, r: BranchNode): void {
    this.at(r);
    const mark = this.vars.length;
    const saved = this.dotIface;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const ran = this.rangeOver(r, val);
      if (!ran && r.elseList !== null) {
        this.dotIface = saved;
        this.walk(dot, r.elseList);
      }
    } catch (signal) {
      if (signal !== BREAK) throw signal;
    } finally {
      this.pop(mark);
      this.dotIface = saved;
    }
  }

  /** Iterates; returns false when there was nothing to iterate (so the else branch runs). */
  private rangeOver(r: BranchNode, val: Reflected): boolean {
    if (val === undefined || val === null) return false;
    if (val instanceof GoInt) return this.rangeInt(r, val);
    if (val instanceof GoSlice) {
      const items = val.items ?? [];
      const iface = val.type.elem === T.any;
      for (let i = 0; i < items.length; i++) this.iteration(r, int(i), items[i], iface);
      return items.length > 0;
    }
    if (val instanceof GoMap) {
      if (val.size === 0) return false;
      const iface = val.type.elem === T.any;
      const keys = [...val.entries!.keys()].sort(compareGoStrings);
      for (const k of keys) this.iteration(r, k, val.entries!.get(k), iface);
      return true;
    }
    return this.errorf(`range can't iterate over ${describe(val)}`);
  }

  private rangeInt(r: BranchNode, val: GoInt): boolean {
    if (r.pipe.decl.length > 1) this.errorf(`can't use ${describe(val)} to iterate over more than one variable`);
    if (val.v <= 0n) return false;
    for (let i = 0n; i < val.v; i++) this.iteration(r, undefined, goInt(val.type, i), false);
    return true;
  }

  /** One range iteration: set the range variables, walk the body, consume a continue. */
  private iteration(r: BranchNode, index: Reflected, elem: Reflected, iface: boolean): void {
    const mark = this.vars.length;
    const decl = r.pipe.decl;
    if (decl.length > 0) {
      // With two variables the index comes first; with one, the element.
      if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
      else this.setTopVar(1, elem, iface);
    }
    if (decl.length > 1) {
      if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
      else this.setTopVar(2, index, false);
    }
    try {
      this.dotIface = iface;
      this.walk(elem, r.list);
    } catch (signal) {
      if (signal !== CONTINUE) throw signal;
    } finally {
      this.pop(mark);
    }
  }

  /** The innermost {{template}} node being entered, to report JS stack exhaustion where Go would. */
  templateNode: TemplateNode | null = null;

  private walkTemplate(dot: Reflected, t: TemplateNode): void {
    this.at(t);
    this.templateNode = t;
    const tree = this.setup.trees.get(t.name);
    if (tree === undefined) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth >= this.setup.maxDepth) {
      throw new ExecFailure(`exceeded maximum template depth (${this.setup.maxDepth})`, 'depth');
    }
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.tmplName, iface: this.dotIface };
    this.vars = [{ name: '$', value: newDot, iface: false }];
    this.tmplName = t.name;
    this.dotIface = false;
    this.depth++;
    this.walk(newDot, tree.root);
    this.depth--;
    this.vars = saved.vars;
    this.tmplName = saved.name;
    this.dotIface = saved.iface;
  }
}

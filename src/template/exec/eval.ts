/**
 * Evaluation of pipelines, commands and operands (text/template's exec.go eval* functions):
 * field chains with missingkey handling, function calls with Go's argument rules
 * (validateType, untyped constants), and the `and`/`or`/`call` special cases.
 *
 * Values are Reflected (undefined = Go's invalid value). Go tracks each value's static type;
 * only "is it interface {}" is observable (error texts), so field evaluation records it in
 * {@link Evaluator.resultIface}.
 *
 * @module
 */
import { formatValue } from '../fmt/print.js';
import { quote } from '../fmt/strconv.js';
import { FuncError, type FuncContext, type FuncDef, type FuncLibrary } from '../funcs/registry.js';
import { nodeString, type ArgNode, type ChainNode, type CommandNode, type FieldNode, type IdentifierNode, type Node, type NumberNode, type PipeNode, type VariableNode } from '../parse/nodes.js';
import { T, type GoType } from '../values/types.js';
import { GoComplex, GoFloat, GoMap, GoStruct, goInt, int, typeOf, wrapInt, zeroOf, type Reflected } from '../values/value.js';
import { builtinFuncs, callFunction, sliceBuiltin, truth } from './builtins.js';
import { ExecFailure } from './errors.js';

/** The "no final argument" marker (Go's missingVal). */
export const MISSING: unique symbol = Symbol('missing');
export type Final = Reflected | typeof MISSING;

/** missingkey option. */
export type MissingKey = 'default' | 'zero' | 'error';

interface Variable {
  name: string;
  value: Reflected;
  /** The variable's static type is interface {} (range variables over []interface {} and maps). */
  iface: boolean;
}

/** What an evaluation needs from its template set. */
export interface EvalSetup {
  readonly funcs: FuncLibrary;
  readonly missingKey: MissingKey;
  readonly ctx: FuncContext;
  readonly maxSteps: number;
}

const INTERFACE_NAME = 'interface {}';

/** Per-execution evaluator state; {@link Executor} adds the statement walkers. */
export class Evaluator {
  vars: Variable[] = [];
  node: Node | null = null;
  steps = 0;
  /** Static type of the last field result is interface {}. */
  resultIface = false;

  constructor(protected readonly setup: EvalSetup) {}

  /** Records the node being evaluated, for error messages. */
  at(node: Node): void {
    this.node = node;
  }

  errorf(message: string): never {
    throw new ExecFailure(message);
  }

  countStep(): void {
    if (++this.steps > this.setup.maxSteps) {
      throw new ExecFailure(`evaluation exceeds the limit of ${this.setup.maxSteps} steps (maxSteps)`, 'steps');
    }
  }

  // --- variables ---

  push(name: string, value: Reflected, iface = false): void {
    this.vars.push({ name, value, iface });
  }

  pop(mark: number): void {
    this.vars.length = mark;
  }

  setVar(name: string, value: Reflected): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) {
        v.value = value;
        v.iface = false;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  setTopVar(n: number, value: Reflected, iface: boolean): void {
    const v = this.vars[this.vars.length - n]!;
    v.value = value;
    v.iface = iface;
  }

  private variable(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) return v;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  // --- pipelines and commands ---

  evalPipeline(dot: Reflected, pipe: PipeNode | null): Reflected {
    if (pipe === null) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface{} result digs down to the invalid value, as Go's pipeline does.
      if (value === null) value = undefined;
    }
    const result = value as Reflected;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0]!, result);
      else this.push(d.ident[0]!, result);
    }
    return result;
  }

  private notAFunction(args: readonly ArgNode[] | null, final: Final): void {
    if ((args !== null && args.length > 1) || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args![0]!)}`);
  }

  evalCommand(dot: Reflected, cmd: CommandNode, final: Final): Reflected {
    this.countStep();
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': return this.errorf('nil is not a command');
      case 'number': return this.idealConstant(first);
      default: return first.text;
    }
  }

  /** A number in a context without a type: int, float64 or complex128 by its syntax. */
  idealConstant(n: NumberNode): Reflected {
    this.at(n);
    if (n.isComplex) return new GoComplex(T.complex128, n.complex.re, n.complex.im);
    const hexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && n.text[0] !== "'" && /[.eEpP]/.test(n.text)) return new GoFloat(T.float64, n.float64);
    if (n.isInt) return int(n.int64);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  // --- fields ---

  evalFieldNode(dot: Reflected, field: FieldNode, args: readonly ArgNode[] | null, final: Final): Reflected {
    this.at(field);
    return this.evalFieldChain(dot, dot, this.dotIface, field, field.ident, args, final);
  }

  /** Whether dot's static type is interface {} (set by range over interface elements). */
  dotIface = false;

  evalChainNode(dot: Reflected, chain: ChainNode, args: readonly ArgNode[] | null, final: Final): Reflected {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    const iface = chain.node.type === 'identifier' && this.lookup(chain.node.ident)?.def.result.kind === 'interface';
    return this.evalFieldChain(dot, pipe, iface, chain, chain.field, args, final);
  }

  evalVariableNode(dot: Reflected, v: VariableNode, args: readonly ArgNode[] | null, final: Final): Reflected {
    this.at(v);
    const variable = this.variable(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      this.resultIface = variable.iface;
      return variable.value;
    }
    return this.evalFieldChain(dot, variable.value, variable.iface, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: Reflected, receiver: Reflected, iface: boolean, node: Node, ident: readonly string[], args: readonly ArgNode[] | null, final: Final): Reflected {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver, iface);
      iface = this.resultIface;
    }
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver, iface);
  }

  private evalField(dot: Reflected, name: string, node: Node, args: readonly ArgNode[] | null, final: Final, receiver: Reflected, iface: boolean): Reflected {
    this.resultIface = false;
    if (receiver === undefined) {
      if (this.setup.missingKey === 'error') this.errorf(`nil data; no entry for key ${quote(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating ${INTERFACE_NAME}.${name}`);
    const typeName = iface ? INTERFACE_NAME : typeOf(receiver).name;
    const method = typeof receiver === 'object' ? receiver.type.methods.get(name) : undefined;
    if (method !== undefined) return this.evalCall(dot, bindMethod(method, receiver), false, node, name, args, final);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoMap) return this.mapField(receiver, name, hasArgs);
    if (receiver instanceof GoStruct) {
      const field = receiver.type.field(name);
      if (field !== undefined) return this.structField(receiver, field, hasArgs, typeName);
    }
    return this.errorf(`can't evaluate field ${name} in type ${typeName}`);
  }

  private mapField(m: GoMap, name: string, hasArgs: boolean): Reflected {
    if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
    const elem = m.type.elem!;
    this.resultIface = elem === T.any;
    const v = m.entries?.get(name);
    if (v !== undefined) return v;
    if (this.setup.missingKey === 'zero') return zeroOf(elem);
    if (this.setup.missingKey === 'error') this.errorf(`map has no entry for key ${quote(name)}`);
    return undefined;
  }

  private structField(s: GoStruct, field: { name: string; type: GoType }, hasArgs: boolean, typeName: string): Reflected {
    if (s.fields === null) this.errorf(`nil pointer evaluating ${typeName}.${field.name}`);
    if (hasArgs) this.errorf(`${field.name} has arguments but cannot be invoked as function`);
    this.resultIface = field.type.kind === 'interface';
    const v = s.fields.get(field.name);
    return v === undefined ? zeroOf(field.type) : v;
  }

  // --- functions ---

  private lookup(name: string): { def: FuncDef; builtin: boolean } | undefined {
    const user = this.setup.funcs.get(name);
    if (user !== undefined) return { def: user, builtin: false };
    const builtin = builtinFuncs.get(name);
    return builtin === undefined ? undefined : { def: builtin, builtin: true };
  }

  evalFunction(dot: Reflected, node: IdentifierNode, cmd: Node, args: readonly ArgNode[] | null, final: Final): Reflected {
    this.at(node);
    const fn = this.lookup(node.ident);
    if (fn === undefined) return this.errorf(`${quote(node.ident)} is not a defined function`);
    const v = this.evalCall(dot, fn.def, fn.builtin, cmd, node.ident, args, final);
    this.resultIface = fn.def.result.kind === 'interface';
    return v;
  }

  private checkArity(def: FuncDef, name: string, argCount: number, numIn: number): void {
    if (def.variadic !== undefined) {
      if (numIn < def.params.length) this.errorf(`wrong number of args for ${name}: want at least ${def.params.length} got ${argCount}`);
    } else if (numIn !== def.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${def.params.length} got ${numIn}`);
    }
  }

  evalCall(dot: Reflected, def: FuncDef, builtin: boolean, node: Node, name: string, args: readonly ArgNode[] | null, final: Final): Reflected {
    const argNodes = args === null ? [] : args.slice(1);
    const numIn = argNodes.length + (final === MISSING ? 0 : 1);
    this.checkArity(def, name, argNodes.length, numIn);
    if (builtin && (name === 'and' || name === 'or')) return this.andOr(dot, name, argNodes, final);
    const argv = this.evalArgs(dot, def, argNodes, final, numIn);
    try {
      return builtin ? this.invokeBuiltin(def, name, argv, argNodes, final) : def.invoke(this.setup.ctx, argv);
    } catch (error) {
      if (error instanceof ExecFailure) throw error;
      this.at(node);
      return this.errorf(`error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Built-ins with special calling conventions: slice sees static types, call names its callee. */
  private invokeBuiltin(def: FuncDef, name: string, argv: Reflected[], argNodes: readonly ArgNode[], final: Final): Reflected {
    if (name === 'slice') return sliceBuiltin(argv[0], argv.slice(1), this.argIface.slice(1));
    if (name === 'call') return callFunction(argNodes.length === 0 ? formatValue(final as never) : nodeString(argNodes[0]!), argv[0], argv.slice(1));
    return def.invoke(this.setup.ctx, argv);
  }

  /** Whether each argument of the last call had static type interface {} (Go's slice sees it). */
  argIface: boolean[] = [];

  private evalArgs(dot: Reflected, def: FuncDef, argNodes: readonly ArgNode[], final: Final, numIn: number): Reflected[] {
    const argv: Reflected[] = [];
    const iface: boolean[] = [];
    const fixed = def.variadic !== undefined ? def.params.length : argNodes.length;
    for (let i = 0; i < argNodes.length; i++) {
      const typ = i < fixed ? def.params[i]! : def.variadic!;
      argv.push(this.evalArg(dot, typ, argNodes[i]!));
      iface.push(this.resultIface);
    }
    this.argIface = iface;
    if (final !== MISSING) {
      let t: GoType;
      if (def.variadic === undefined) t = def.params[def.params.length - 1]!;
      else t = numIn - 1 < fixed ? def.params[numIn - 1]! : def.variadic;
      argv.push(this.validateType(final, t));
    }
    return argv;
  }

  /** and/or short-circuit: the first operand that decides, else the last. */
  private andOr(dot: Reflected, name: string, argNodes: readonly ArgNode[], final: Final): Reflected {
    let v: Reflected;
    for (const arg of argNodes) {
      v = this.evalArg(dot, T.reflectValue, arg);
      if (truth(v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = this.validateType(final, T.reflectValue);
    return v;
  }

  // --- arguments ---

  /** Go's validateType: the value must be valid and assignable to typ. */
  validateType(value: Reflected, typ: GoType | null): Reflected {
    if (value === undefined) return this.invalidFor(typ);
    if (typ === null || typ === T.reflectValue || typ === T.any) return value;
    if (value === null) return this.errorf(`wrong type for value; expected ${typ.name}; got ${INTERFACE_NAME}`);
    const vt = typeOf(value);
    if (vt === typ) return value;
    if (vt.kind === 'ptr' && vt.elem === typ && value instanceof GoStruct) {
      if (value.fields === null) this.errorf(`dereference of nil pointer of type ${typ.name}`);
      return new GoStruct(typ, value.fields, value.payload);
    }
    return this.errorf(`wrong type for value; expected ${typ.name}; got ${vt.name}`);
  }

  /** The invalid value passed as an argument: nil of a nillable type, else an error. */
  private invalidFor(typ: GoType | null): Reflected {
    if (typ === null || typ === T.reflectValue) return undefined;
    if (typ.canBeNil) return zeroOf(typ);
    return this.errorf(`invalid value; expected ${typ.name}`);
  }

  private nilArg(typ: GoType | null): Reflected {
    if (typ === null || typ === T.reflectValue) return undefined;
    if (typ.canBeNil) return zeroOf(typ);
    return this.errorf(`cannot assign nil to ${typ.name}`);
  }

  evalArg(dot: Reflected, typ: GoType | null, n: ArgNode): Reflected {
    this.at(n);
    switch (n.type) {
      case 'dot':
        this.resultIface = this.dotIface;
        return this.validateType(dot, typ);
      case 'nil': return this.nilArg(typ);
      case 'field': return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable': return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe': {
        const v = this.evalPipeline(dot, n);
        this.resultIface = false;
        return this.validateType(v, typ);
      }
      case 'identifier': return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain': return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    this.resultIface = false;
    return this.evalLiteralArg(typ!, n);
  }

  /** A literal (bool, number, string) passed to a parameter of type typ. */
  private evalLiteralArg(typ: GoType, n: ArgNode): Reflected {
    if (typ === T.any || typ === T.reflectValue) return this.evalEmptyInterface(n);
    if (typ.kind === 'bool') return n.type === 'bool' ? n.value : this.errorf(`expected bool; found ${nodeString(n)}`);
    if (typ.kind === 'string') return n.type === 'string' ? n.text : this.errorf(`expected string; found ${nodeString(n)}`);
    if (typ.isInt) return this.evalInteger(typ, n);
    return this.evalFloatOrComplex(typ, n);
  }

  private evalFloatOrComplex(typ: GoType, n: ArgNode): Reflected {
    const num = n.type === 'number' ? n : undefined;
    if (typ.isFloat) return num?.isFloat ? new GoFloat(typ, num.float64) : this.errorf(`expected float; found ${nodeString(n)}`);
    if (typ.isComplex) return num?.isComplex ? new GoComplex(typ, num.complex.re, num.complex.im) : this.errorf(`expected complex; found ${nodeString(n)}`);
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ.name}`);
  }

  private evalInteger(typ: GoType, n: ArgNode): Reflected {
    if (typ.isUnsigned) {
      if (n.type === 'number' && n.isUint) return goInt(typ, wrapInt(typ, n.uint64));
      return this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
    }
    if (n.type === 'number' && n.isInt) return goInt(typ, wrapInt(typ, n.int64));
    return this.errorf(`expected integer; found ${nodeString(n)}`);
  }

  private evalEmptyInterface(n: ArgNode): Reflected {
    switch (n.type) {
      case 'bool': return n.value;
      case 'number': return this.idealConstant(n);
      case 'string': return n.text;
      default: return this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
    }
  }
}

/** A method with its receiver bound: the receiver parameter is dropped from the signature. */
function bindMethod(def: FuncDef, receiver: Reflected): FuncDef {
  return {
    ...def,
    params: def.params.slice(1),
    invoke: (ctx, args) => def.invoke(ctx, [receiver, ...args]),
  };
}

export { FuncError };

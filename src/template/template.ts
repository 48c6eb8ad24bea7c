/**
 * The public engine: parse a template text once, execute it many times.
 *
 * @example
 * const t = Template.parse('{{ .name | upper }}', { funcs: profileLibrary('sprig'), missingKey: 'error' });
 * t.execute(parseGoJson('{"name":"web"}')); // "WEB"
 *
 * @module
 */
import { systemClock, type Clock } from '../util/index.js';
import { builtinFuncs } from './exec/builtins.js';
import { ExecFailure, TemplateExecError, TemplateParseError, execMessage } from './exec/errors.js';
import type { MissingKey } from './exec/eval.js';
import { Executor } from './exec/walk.js';
import { cryptoRandom, type FuncLibrary, type RandomSource } from './funcs/registry.js';
import { ParseError, parseTrees, type Tree } from './parse/parser.js';
import type { Reflected } from './values/value.js';

/** Go's maxExecDepth: nested {{template}} calls. */
export const DEFAULT_MAX_DEPTH = 100000;
/** Default bound on evaluation steps (actions, commands and nodes walked) per execution. */
export const DEFAULT_MAX_STEPS = 10_000_000;
/** Default bound on output size, in UTF-16 code units (64 Mi). */
export const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

/** How a template is parsed. */
export interface TemplateOptions {
  /** Template name, used in error messages (Go's `template.New(name)`). Default `tpl`. */
  readonly name?: string;
  /** User functions (a profile); Go's built-ins are always available. Default: none. */
  readonly funcs?: FuncLibrary;
  /** Go's Option("missingkey=…"). Default `default`. */
  readonly missingKey?: MissingKey;
  /** Action delimiters (Go's Delims). Default `{{` and `}}`. */
  readonly leftDelim?: string;
  readonly rightDelim?: string;
}

/** Per-execution settings: injected time and randomness, and the safety bounds. */
export interface ExecuteOptions {
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Zone for functions that use Go's time.Local. Default `UTC`. */
  readonly zone?: string;
  /** Maximum nesting of {{template}} calls (Go: 100000). */
  readonly maxDepth?: number;
  /** Maximum evaluation steps; a template that loops too long stops with an error naming this bound. */
  readonly maxSteps?: number;
  /** Maximum output size in characters. */
  readonly maxOutput?: number;
}

/** A parsed template set: the top-level template and every define/block in its text. */
export class Template {
  private constructor(
    readonly name: string,
    readonly text: string,
    private readonly trees: ReadonlyMap<string, Tree>,
    private readonly funcs: FuncLibrary,
    private readonly missingKey: MissingKey,
  ) {}

  /** Parses `text`. Throws {@link TemplateParseError} with Go's message. */
  static parse(text: string, options: TemplateOptions = {}): Template {
    const name = options.name ?? 'tpl';
    const funcs = options.funcs ?? new Map();
    try {
      const trees = parseTrees(text, {
        name,
        hasFunction: (fn) => funcs.has(fn) || builtinFuncs.has(fn),
        leftDelim: options.leftDelim,
        rightDelim: options.rightDelim,
      });
      return new Template(name, text, trees, funcs, options.missingKey ?? 'default');
    } catch (error) {
      if (error instanceof ParseError) throw new TemplateParseError(error.message);
      throw error;
    }
  }

  /** Names of the templates in the set. */
  get templateNames(): string[] {
    return [...this.trees.keys()];
  }

  /**
   * Executes the top-level template (or `templateName`) with `data` as dot. Returns the output;
   * throws {@link TemplateExecError} (Go's message, partial output in `.output`).
   */
  execute(data: Reflected, options: ExecuteOptions = {}, templateName = this.name): string {
    const tree = this.trees.get(templateName);
    if (tree === undefined) {
      throw new TemplateExecError(`template: no template ${JSON.stringify(templateName)} associated with template ${JSON.stringify(this.name)}`, '');
    }
    // Go's Execute(nil) runs on the invalid value, not on a nil interface.
    const root = data === null ? undefined : data;
    const executor = new Executor({
      trees: this.trees,
      funcs: this.funcs,
      missingKey: this.missingKey,
      ctx: { clock: options.clock ?? systemClock, random: options.random ?? cryptoRandom, zone: options.zone ?? 'UTC', root },
      maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
      maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
      maxOutput: options.maxOutput ?? DEFAULT_MAX_OUTPUT,
    }, templateName);
    try {
      executor.run(tree, root);
      return executor.out;
    } catch (error) {
      throw this.execError(executor, error);
    }
  }

  private execError(executor: Executor, error: unknown): TemplateExecError {
    const context = { parseName: this.name, text: this.text, tmplName: executor.tmplName, node: executor.node };
    if (error instanceof ExecFailure) {
      return new TemplateExecError(execMessage({ ...context, message: error.message }), executor.out, error.limit);
    }
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      // The JS stack ran out before Go's depth bound: report it as the depth bound it stands for.
      const message = `exceeded maximum template depth (JS stack exhausted at depth ${executor.depth})`;
      return new TemplateExecError(execMessage({ ...context, node: executor.templateNode ?? context.node, message }), executor.out, 'depth');
    }
    throw error;
  }
}

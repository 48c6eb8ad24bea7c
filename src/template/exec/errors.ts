/**
 * Template errors. Both carry Go's exact text: parse errors `template: NAME:LINE: msg`, exec
 * errors `template: NAME:LINE:COL: executing "TNAME" at <NODE>: msg`. An exec error keeps the
 * output rendered before the failure (Go writes it before stopping).
 *
 * @module
 */
import { FlotillaError } from '../../util/index.js';
import { quote, utf8Length } from '../fmt/strconv.js';
import { nodeString, type Node } from '../parse/nodes.js';

/** A template that does not parse. `message` is Go's text. */
export class TemplateParseError extends FlotillaError {
  constructor(message: string) {
    super('TEMPLATE_PARSE', message);
  }
}

/** Which safety bound stopped an execution, if any. */
export type ExecLimit = 'depth' | 'steps' | 'output';

/** A failed execution. `message` is Go's text; `output` is what was rendered before the failure. */
export class TemplateExecError extends FlotillaError {
  constructor(
    message: string,
    readonly output: string,
    /** Set when a safety bound (not a template mistake) stopped the execution. */
    readonly limit?: ExecLimit,
  ) {
    super('TEMPLATE_EXEC', message);
  }
}

/** Thrown inside the evaluator; becomes a TemplateExecError with the partial output at the top. */
export class ExecFailure extends Error {
  constructor(
    message: string,
    readonly limit?: ExecLimit,
  ) {
    super(message);
  }
}

/** Where a node is, as Go prints it: `NAME:LINE:COL`, COL a 0-based UTF-8 byte offset in the line. */
export function location(parseName: string, text: string, pos: number): string {
  const before = text.slice(0, pos);
  const lastNewline = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  const col = utf8Length(before.slice(lastNewline + 1));
  return `${parseName}:${line}:${col}`;
}

/** Go's state.errorf text for a failure at `node` while executing template `tmplName`. */
export function execMessage(opts: { parseName: string; text: string; tmplName: string; node: Node | null; message: string }): string {
  if (opts.node === null) return `template: ${opts.tmplName}: ${opts.message}`;
  const where = location(opts.parseName, opts.text, opts.node.pos);
  return `template: ${where}: executing ${quote(opts.tmplName)} at <${nodeString(opts.node)}>: ${opts.message}`;
}

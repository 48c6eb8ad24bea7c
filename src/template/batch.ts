/**
 * The batch protocol of `flotilla template render --batch` and of the Go oracle: one JSON case
 * per line in (`{"id","name","template","data","missingkey","funcs","root","left","right"}`),
 * one result per line out (`{"id","output","phase":""|"parse"|"exec"|"data"|"setup"|"input","error"}`).
 * `data` keeps Go's number typing because the whole line is decoded with parseGoJson.
 *
 * @module
 */
import { TemplateExecError, TemplateParseError } from './exec/errors.js';
import type { MissingKey } from './exec/eval.js';
import { goText } from './fmt/gostring.js';
import { isProfileName, profileLibrary } from './funcs/profiles.js';
import { ROOT_KINDS, makeRoot, type RootKind } from './roots.js';
import { Template, type ExecuteOptions } from './template.js';
import { parseGoJson } from './values/json.js';
import { GoMap, type GoAny } from './values/value.js';

/** One result line. */
export interface BatchResult {
  readonly id: string;
  readonly output: string;
  readonly phase: '' | 'parse' | 'exec' | 'data' | 'setup' | 'input';
  readonly error: string;
}

/** A decoded case. */
export interface BatchCase {
  readonly id: string;
  readonly name: string;
  readonly template: string;
  readonly data: GoAny;
  readonly missingkey: string;
  readonly funcs: string;
  readonly root: string;
  readonly left: string;
  readonly right: string;
}

function str(m: GoMap, key: string): string {
  const v = m.entries?.get(key);
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new Error(`field "${key}" must be a string`);
  return v;
}

/** Decodes one input line. Throws with a clear message on malformed input. */
export function parseBatchLine(line: string): BatchCase {
  const v = parseGoJson(line);
  if (!(v instanceof GoMap)) throw new Error('a case must be a JSON object');
  const data = v.entries?.get('data');
  return {
    id: str(v, 'id'), name: str(v, 'name'), template: str(v, 'template'), data: data === undefined ? null : data,
    missingkey: str(v, 'missingkey'), funcs: str(v, 'funcs'), root: str(v, 'root'), left: str(v, 'left'), right: str(v, 'right'),
  };
}

const MISSING_KEYS = new Map<string, MissingKey>([['', 'default'], ['default', 'default'], ['invalid', 'default'], ['zero', 'zero'], ['error', 'error']]);

/** Runs one case. Never throws for template or data problems: they are reported in the result. */
export function runBatchCase(c: BatchCase, options: ExecuteOptions = {}): BatchResult {
  const funcs = c.funcs === '' ? 'builtins' : c.funcs;
  if (!isProfileName(funcs)) return { id: c.id, output: '', phase: 'setup', error: `unknown funcs profile ${funcs}` };
  const missingKey = MISSING_KEYS.get(c.missingkey);
  if (missingKey === undefined) return { id: c.id, output: '', phase: 'setup', error: `unrecognized option: missingkey=${c.missingkey}` };
  if (!(ROOT_KINDS as readonly string[]).includes(c.root)) return { id: c.id, output: '', phase: 'setup', error: `unknown root ${c.root}` };
  const data = makeRoot(c.root as RootKind, c.data);
  let template: Template;
  try {
    template = Template.parse(c.template, { name: c.name || 'tpl', funcs: profileLibrary(funcs), missingKey, leftDelim: c.left, rightDelim: c.right });
  } catch (error) {
    if (error instanceof TemplateParseError) return { id: c.id, output: '', phase: 'parse', error: error.message };
    throw error;
  }
  try {
    // Output is JSON text here, as the Go oracle's is: a raw (non-UTF-8) byte reads as U+FFFD.
    return { id: c.id, output: goText(template.execute(data, options)), phase: '', error: '' };
  } catch (error) {
    if (error instanceof TemplateExecError) return { id: c.id, output: goText(error.output), phase: 'exec', error: error.message };
    throw error;
  }
}

/** Runs one raw input line (decoding errors become an `input` result). */
export function runBatchLine(line: string, options: ExecuteOptions = {}): BatchResult {
  let c: BatchCase;
  try {
    c = parseBatchLine(line);
  } catch (error) {
    return { id: '', output: '', phase: 'input', error: error instanceof Error ? error.message : String(error) };
  }
  return runBatchCase(c, options);
}

// Shared shape of the sprig set A suites: a template, optionally with JSON data, run with the
// sprig profile.
import type { CaseSpec } from './types.js';

/** Cases with positional ids `PREFIX-000`…; an entry is a template or [template, data]. */
export function sprigCases(prefix: string, entries: ReadonlyArray<string | readonly [template: string, data: string]>): CaseSpec[] {
  return entries.map((entry, i) => {
    const [template, data] = typeof entry === 'string' ? [entry, undefined] : entry;
    return { id: `${prefix}-${String(i).padStart(3, '0')}`, template, funcs: 'sprig', ...(data === undefined ? {} : { data }) };
  });
}

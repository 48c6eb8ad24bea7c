/** One golden case as authored; `data` is raw JSON text so Go's number typing survives. */
export interface CaseSpec {
  readonly id: string;
  readonly template: string;
  readonly data?: string;
  readonly missingkey?: '' | 'default' | 'zero' | 'error';
  readonly funcs?: 'builtins' | 'sprig' | 'sveltos' | 'eso';
  readonly root?: '' | 'sveltos' | 'stringmap';
  readonly name?: string;
  readonly left?: string;
  readonly right?: string;
}

/** A named group of cases, written to testdata/cases/<name>.jsonl. */
export interface Suite {
  readonly name: string;
  readonly cases: readonly CaseSpec[];
}

/** The same templates under every missingkey option. */
export function underEachMissingKey(prefix: string, templates: readonly string[], data: string, extra: Partial<CaseSpec> = {}): CaseSpec[] {
  const out: CaseSpec[] = [];
  templates.forEach((template, i) => {
    for (const mk of ['', 'zero', 'error'] as const) {
      out.push({ id: `${prefix}-${String(i).padStart(3, '0')}${mk === '' ? '' : `-${mk}`}`, template, data, missingkey: mk, ...extra });
    }
  });
  return out;
}

// Helpers for the set-B function suites (hashes, crypto, semver, dates, OS, JSON, Sveltos and
// ESO extras). Cases have the CaseSpec shape of ./types.ts; each template runs under every
// missingkey option only where that matters, so most run once.

/** One golden case (structurally the CaseSpec of ./types.ts). */
export interface FuncCase {
  readonly id: string;
  readonly template: string;
  readonly data?: string;
  readonly missingkey?: '' | 'default' | 'zero' | 'error';
  readonly funcs?: 'builtins' | 'sprig' | 'sveltos' | 'eso';
  readonly root?: '' | 'sveltos' | 'stringmap';
}

/** A suite (structurally the Suite of ./types.ts). */
export interface FuncSuite {
  readonly name: string;
  readonly cases: readonly FuncCase[];
}

/** Numbered cases `prefix-000…` for templates run with one data document and profile. */
export function group(prefix: string, templates: readonly string[], base: Omit<FuncCase, 'id' | 'template'> = {}): FuncCase[] {
  return templates.map((template, i) => ({ missingkey: 'error', funcs: 'sprig', ...base, id: `${prefix}-${String(i).padStart(3, '0')}`, template }));
}

// Helpers for the set-B function suites (hashes, crypto, semver, dates, OS, JSON, TOML, Sveltos
// and ESO extras). Each template runs once, under missingkey=error (what Sveltos and ESO use),
// unless a case says otherwise.
import type { CaseSpec } from './types.js';

/** Numbered cases `prefix-000…` for templates run with one data document and profile. */
export function group(prefix: string, templates: readonly string[], base: Omit<CaseSpec, 'id' | 'template'> = {}): CaseSpec[] {
  return templates.map((template, i) => ({ missingkey: 'error', funcs: 'sprig', ...base, id: `${prefix}-${String(i).padStart(3, '0')}`, template }));
}

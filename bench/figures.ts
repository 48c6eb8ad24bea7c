/**
 * The benchmark contract: each capability adds a {@link BenchSuite} to `suites.ts`; `run.ts`
 * runs the suites, prints a table and writes `bench/results.json` as a list of {@link Figure}.
 * Names are stable and dotted (`template.exec_ratio_sveltos`): scripts and closing notes cite them.
 */

export interface Figure {
  /** Stable dotted name, prefixed by the suite's prefix. */
  readonly name: string;
  readonly value: number;
  /** `ratio`, `ms`, `ops/s`, `MiB`, `KiB` … */
  readonly unit: string;
  /** The target, as text such as `<= 1.0` or `>= 20000`; null when the figure is informative only. */
  readonly goal: string | null;
  /** One short line saying what exactly is measured, printed under the table. */
  readonly note?: string;
}

export interface BenchSuite {
  /** Every figure this suite reports starts with this prefix (for example `template.`). */
  readonly prefix: string;
  readonly run: () => Promise<readonly Figure[]>;
}

/** True when `value` satisfies `goal` (`<= x`, `< x`, `>= x`, `> x`). */
export function meetsGoal(value: number, goal: string | null): boolean | null {
  if (goal === null) return null;
  const match = /^\s*(<=|>=|<|>)\s*(-?[\d.e+]+)\s*$/.exec(goal);
  if (!match) return null;
  const target = Number(match[2]);
  switch (match[1]) {
    case '<=': return value <= target;
    case '<': return value < target;
    case '>=': return value >= target;
    default: return value > target;
  }
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns operations per second. */
export function opsPerSecond(fn: () => void, ms = 1000): number {
  const deadline = performance.now() + ms / 4;
  while (performance.now() < deadline) fn();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i++) fn();
    count += 100;
    elapsed = performance.now() - start;
  }
  return (count * 1000) / elapsed;
}

/** The p-th percentile (0..100) of `samples`, by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

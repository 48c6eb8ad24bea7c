/**
 * A {@link RevisionLog} in memory: for tests, benchmarks and throwaway servers. It keeps every
 * version of every key until compaction, exactly like the SQLite log.
 *
 * @module
 */
import type { LogRow, NewRow, RevisionLog, RowWithPrev } from './revision-log.js';
import { prefixEnd } from './types.js';

/** Index of the first element of sorted `keys` that is greater than `key` (or >= when `inclusive`). */
function lowerBound(keys: readonly string[], key: string, inclusive: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k < key || (!inclusive && k === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Newest version with `rev <= atRevision` in an ascending list of versions. */
function versionAt(versions: readonly LogRow[] | undefined, atRevision: number): LogRow | undefined {
  if (!versions) return undefined;
  for (let i = versions.length - 1; i >= 0; i--) {
    const row = versions[i]!;
    if (row.rev <= atRevision) return row;
  }
  return undefined;
}

export class MemoryLog implements RevisionLog {
  #rev = 0;
  #compactRev = 0;
  /** Every row, ascending by revision. */
  #rows: LogRow[] = [];
  /** Versions of each key, ascending by revision. */
  #byKey = new Map<string, LogRow[]>();
  /** Every key that has at least one row, sorted. */
  #keys: string[] = [];
  #byRev = new Map<number, LogRow>();

  currentRevision(): number {
    return this.#rev;
  }

  compactRevision(): number {
    return this.#compactRev;
  }

  transaction<T>(fn: () => T): T {
    return fn();
  }

  append(newRow: NewRow): number {
    const rev = ++this.#rev;
    const row: LogRow = { ...newRow, rev, createRev: newRow.created ? rev : newRow.createRev };
    this.#rows.push(row);
    this.#byRev.set(rev, row);
    const versions = this.#byKey.get(row.key);
    if (versions) {
      versions.push(row);
    } else {
      this.#byKey.set(row.key, [row]);
      this.#keys.splice(lowerBound(this.#keys, row.key, true), 0, row.key);
    }
    return rev;
  }

  latest(key: string, atRevision: number): LogRow | undefined {
    return versionAt(this.#byKey.get(key), atRevision);
  }

  liveRows(options: { prefix: string; revision: number; startAfter: string; limit: number }): LogRow[] {
    const { prefix, revision, startAfter, limit } = options;
    const end = prefixEnd(prefix);
    const from = startAfter > prefix ? lowerBound(this.#keys, startAfter, false) : lowerBound(this.#keys, prefix, true);
    const out: LogRow[] = [];
    for (let i = from; i < this.#keys.length; i++) {
      const key = this.#keys[i]!;
      if (key >= end) break;
      const row = versionAt(this.#byKey.get(key), revision);
      if (!row || row.deleted) continue;
      out.push(row);
      if (limit > 0 && out.length >= limit) break;
    }
    return out;
  }

  countLive(prefix: string): number {
    return this.liveRows({ prefix, revision: this.#rev, startAfter: '', limit: 0 }).length;
  }

  rowsAfter(prefix: string, afterRevision: number): RowWithPrev[] {
    const out: RowWithPrev[] = [];
    for (let i = this.#firstRowAfter(afterRevision); i < this.#rows.length; i++) {
      const row = this.#rows[i]!;
      if (!row.key.startsWith(prefix)) continue;
      const prev = row.prevRev > 0 ? this.#byRev.get(row.prevRev) : undefined;
      out.push(prev ? { row, prev } : { row });
    }
    return out;
  }

  #firstRowAfter(revision: number): number {
    let lo = 0;
    let hi = this.#rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#rows[mid]!.rev <= revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  compact(revision: number): void {
    const superseded = new Set<number>();
    for (const row of this.#rows) {
      if (row.rev > revision) break;
      if (row.prevRev > 0) superseded.add(row.prevRev);
      if (row.deleted) superseded.add(row.rev);
    }
    if (superseded.size > 0) {
      this.#rows = this.#rows.filter((r) => !superseded.has(r.rev));
      for (const rev of superseded) this.#byRev.delete(rev);
      for (const [key, versions] of this.#byKey) {
        const kept = versions.filter((r) => !superseded.has(r.rev));
        if (kept.length === versions.length) continue;
        if (kept.length > 0) {
          this.#byKey.set(key, kept);
        } else {
          this.#byKey.delete(key);
          this.#keys.splice(lowerBound(this.#keys, key, true), 1);
        }
      }
    }
    this.#compactRev = Math.max(this.#compactRev, revision);
  }

  close(): void {
    this.#rows = [];
    this.#byKey.clear();
    this.#byRev.clear();
    this.#keys = [];
  }
}

#!/usr/bin/env node
// Finds every *.test.ts under the given roots (default: src, test) and runs them with Node's test
// runner through tsx. Node 20's `--test` neither expands globs nor finds .ts files, so an empty
// list would silently pass: we fail instead.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const skipDirs = new Set(['node_modules', 'fixtures', 'testdata', '.git']);

function collect(dir, out) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (!skipDirs.has(entry)) collect(path, out);
    } else if (entry.endsWith('.test.ts')) {
      out.push(relative(process.cwd(), path));
    }
  }
  return out;
}

const files = (roots.length > 0 ? roots : ['src', 'test', 'bench'])
  .flatMap((root) => (statSync(root).isDirectory() ? collect(root, []) : [root]))
  .sort();
if (files.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${roots.join(', ') || 'src, test, bench'}; refusing to report success`);
  process.exit(1);
}

// Most tests wait on sockets and child processes, not the CPU: run more files than cores.
const concurrency = Math.max(4, availableParallelism() * 2);
const result = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec',
  ...passThrough, ...files,
], { stdio: 'inherit' });
process.exit(result.status ?? 1);

/**
 * Finds third-party binaries (kubectl.1.NN, gcloud, aws, moto_server) for tests that drive them.
 * On a developer machine that lacks one, the test is skipped with a printed reason; with
 * CI=true a missing tool fails the test instead, so CI can never pass by skipping.
 */
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { TestContext } from 'node:test';

export const IN_CI = process.env.CI === 'true';

/** Absolute path of `name` on PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * Versioned kubectl binaries (`kubectl.1.29` …) live beside the real gcloud binary, not on PATH.
 * Returns the path of `kubectl.<minor>` for `minor` like "1.32", or undefined.
 */
export function versionedKubectl(minor: string): string | undefined {
  const gcloud = which('gcloud');
  if (!gcloud) return undefined;
  const candidate = join(dirname(realpathSync(gcloud)), `kubectl.${minor}`);
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return undefined;
  }
}

/**
 * Returns the tool's path; when it is missing, skips the test with a reason (or, under CI=true,
 * throws so the test fails).
 */
export function requireTool(t: TestContext, name: string, path: string | undefined): string | undefined {
  if (path) return path;
  const reason = `${name} is not installed on this machine`;
  if (IN_CI) throw new Error(`${reason}; CI=true requires it`);
  t.skip(reason);
  return undefined;
}

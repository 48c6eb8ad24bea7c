/**
 * One server per data directory: a second one would not see the first one's changes (watchers
 * would miss events). The lock is a file holding the owner's PID; a lock left by a process that
 * no longer exists is taken over.
 *
 * @module
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { FlotillaError } from '../util/index.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes the lock at `path`; returns its release. Throws when a live process holds it. */
export function lockDataDir(path: string, dataDir: string): () => void {
  if (!tryCreate(path)) {
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new FlotillaError('SECRETMANAGER_DATA_DIR_LOCKED', `another secret manager (pid ${owner}) is serving ${dataDir}; stop it first, or use another --data-dir`);
    }
    unlinkSync(path);
    if (!tryCreate(path)) throw new FlotillaError('SECRETMANAGER_DATA_DIR_LOCKED', `another secret manager started on ${dataDir} at the same time`);
  }
  return () => {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
}

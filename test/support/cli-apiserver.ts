/** Runs `flotilla apiserver` as a child process, as users run it, and waits until it serves. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/flotilla.js', import.meta.url));

export interface CliApiserver {
  readonly child: ChildProcess;
  /** The base URL the server announced (`https://127.0.0.1:PORT`, or http with --insecure-http). */
  readonly url: string;
}

/** Starts `flotilla apiserver --data-dir dir --listen listen …args`; resolves once it prints where it serves. */
export function startCliApiserver(dir: string, listen: string, args: readonly string[] = []): Promise<CliApiserver> {
  const child = spawn(process.execPath, [bin, 'apiserver', '--data-dir', dir, '--listen', listen, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /serving (https?:\/\/[\d.:]+)/.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`apiserver exited with ${code}: ${err}`)));
  });
}

/** Stops it with SIGTERM and waits for the exit. */
export async function stopCliApiserver(server: CliApiserver): Promise<void> {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
}

/**
 * `flotilla secretmanager --data-dir DIR [--listen HOST:PORT]`: serves the embedded Google
 * Secret Manager until SIGTERM/SIGINT, after writing `DIR/secretmanager.env` for gcloud.
 * `flotilla secretmanager audit --data-dir DIR [--secret NAME]`: prints the audit log.
 *
 * @module
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  DATA_FILES,
  formatAuditEvent,
  openDatabase,
  readAuditEvents,
  startSecretManager,
  writeEnvFile,
} from '../../secretmanager/index.js';
import { FlotillaError, UsageError, createLogger, parseLogLevel } from '../../util/index.js';
import type { CliContext, CommandModule } from '../context.js';

/** Default address: loopback, on a fixed port so that key files' `token_uri` stays valid across restarts. */
export const DEFAULT_LISTEN = '127.0.0.1:8181';
export const ENV_FILE = 'secretmanager.env';

/** Parses `HOST:PORT` (`[::1]:PORT` for IPv6). */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) throw new UsageError(`invalid --listen '${text}': expected HOST:PORT, for example 127.0.0.1:8181 (port 0 picks a free one)`);
  return { host: match[1] ?? match[2]!, port };
}

interface ServeOptions {
  readonly dataDir?: string;
  readonly listen: string;
}

async function serve(options: ServeOptions, command: Command, context: CliContext): Promise<void> {
  // Checked here, not by commander: a required option on this command would also be demanded
  // of `secretmanager audit`, which has its own.
  if (!options.dataDir) throw new UsageError("required option '--data-dir <dir>' not specified");
  const dataDir = resolve(options.dataDir);
  const { host, port } = parseListen(options.listen);
  const logger = createLogger({ level: parseLogLevel(String(command.optsWithGlobals().logLevel ?? 'info')), name: 'secretmanager' });
  const server = await startSecretManager({ dataDir, host, port, logger });
  const envFile = join(dataDir, ENV_FILE);
  try {
    writeEnvFile(envFile, server.gcloudEnvironment, `Written by 'flotilla secretmanager': source this file to point gcloud at ${server.url}`);
    context.stdout(`secret manager listening on ${server.url}\nto point gcloud at it: source ${envFile}\n`);
    await new Promise<void>((done) => {
      if (context.shutdown.aborted) done();
      else context.shutdown.addEventListener('abort', () => done(), { once: true });
    });
  } finally {
    rmSync(envFile, { force: true });
    await server.stop();
  }
}

interface AuditOptions {
  readonly dataDir?: string;
  readonly secret?: string;
}

function audit(options: AuditOptions, context: CliContext): void {
  if (!options.dataDir) throw new UsageError("required option '--data-dir <dir>' not specified");
  const dataDir = resolve(options.dataDir);
  if (options.secret !== undefined && !/^(projects\/[^/]+\/secrets\/)?[A-Za-z0-9_-]{1,255}$/.test(options.secret)) {
    throw new UsageError(`invalid --secret '${options.secret}': expected a secret ID or projects/PROJECT/secrets/ID`);
  }
  const path = join(dataDir, DATA_FILES.database);
  if (!existsSync(path)) {
    throw new FlotillaError('SECRETMANAGER_NO_DATA', `no secret manager data in ${dataDir} (${path} not found); start one with 'flotilla secretmanager --data-dir ${options.dataDir}'`);
  }
  const db = openDatabase(path, { readonly: true });
  try {
    let lines: string[] = [];
    for (const event of readAuditEvents(db, options.secret ? { secret: options.secret } : {})) {
      lines.push(formatAuditEvent(event));
      if (lines.length === 1000) {
        context.stdout(`${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) context.stdout(`${lines.join('\n')}\n`);
  } finally {
    db.close();
  }
}

export const secretManagerCommand: CommandModule = {
  register(program, context) {
    const command = program
      .command('secretmanager')
      .description('serve a Google Secret Manager-compatible API (and the IAM/OAuth subset gcloud needs) from a data directory')
      .option('--data-dir <dir>', 'directory holding the encrypted state, keys, admin token and gcloud config (required)')
      .option('--listen <host:port>', 'address to listen on; port 0 picks a free one', DEFAULT_LISTEN)
      .action((options: ServeOptions, self: Command) => serve(options, self, context));
    // `--data-dir` is the parent's option (commander gives an option defined on both to the
    // parent, wherever it is written), read here through optsWithGlobals.
    command
      .command('audit')
      .description('print the audit log of --data-dir, one event per line: time principal method resource allowed|denied status')
      .option('--secret <name>', 'only events about this secret (ID or projects/PROJECT/secrets/ID)')
      .action((options: { secret?: string }, self: Command) => audit({ ...options, dataDir: self.optsWithGlobals<ServeOptions>().dataDir }, context));
  },
};

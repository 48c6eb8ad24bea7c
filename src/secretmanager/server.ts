/**
 * The embedded secret manager: one HTTP server speaking Google Secret Manager v1, the IAM and
 * OAuth subset its example needs, and the watch endpoint, over a data directory that holds
 * everything (database, keys, admin token, gcloud config). Used by `flotilla secretmanager`
 * and, in-process, by `flotilla up`.
 *
 * Files in the data directory:
 * - `secretmanager.db` (+ `-wal`, `-shm`): state; payloads only as AES-256-GCM ciphertext.
 * - `encryption.key` (0600): the 32-byte payload key. Losing it loses every payload.
 * - `token-signing.key` (0600): the HMAC key of issued access tokens.
 * - `admin.token` (0600): the admin bearer token (gcloud reads it via `auth/access_token_file`).
 * - `gcloud/`: the private `CLOUDSDK_CONFIG` directory.
 * - `secretmanager.lock`: the PID of the serving process.
 *
 * @module
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createLogger, systemClock, type Clock, type Logger } from '../util/index.js';
import { AccessControl } from './access.js';
import { TokenIssuer } from './access-tokens.js';
import { AuditLog } from './audit-log.js';
import { Authenticator } from './authenticator.js';
import { ChangeFeed } from './change-feed.js';
import { lockDataDir } from './data-dir-lock.js';
import { openDatabase, type Db } from './database.js';
import { gcloudEnvironment } from './gcloud-env.js';
import { createRequestHandler } from './http/handler.js';
import { iamRoutes, oauthRoutes, projectRoutes } from './http/iam-routes.js';
import { secretRoutes } from './http/secret-routes.js';
import { watchRoutes } from './http/watch-routes.js';
import { IamService } from './iam-service.js';
import { IamStore } from './iam-store.js';
import { loadOrCreateKey, loadOrCreateToken } from './key-files.js';
import { OAuthService } from './oauth-service.js';
import { createPayloadCipher } from './payload-cipher.js';
import { ProjectServices } from './project-services.js';
import { SecretStore } from './secret-store.js';
import { SecretsService } from './secrets-service.js';
import type { ServiceDeps } from './service-context.js';
import { VersionsService } from './versions-service.js';
import { WatchService } from './watch-service.js';

/** File names inside the data directory. */
export const DATA_FILES = {
  database: 'secretmanager.db',
  encryptionKey: 'encryption.key',
  signingKey: 'token-signing.key',
  adminToken: 'admin.token',
  gcloudConfig: 'gcloud',
  lock: 'secretmanager.lock',
} as const;

export interface SecretManagerOptions {
  /** Directory holding all state; created (0700) when absent. */
  readonly dataDir: string;
  /** Interface to listen on. Defaults to 127.0.0.1. */
  readonly host?: string;
  /** Port; 0 picks a free one. Defaults to 0. */
  readonly port?: number;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Defaults to a silent logger. */
  readonly logger?: Logger;
  /** Keep-alive comment interval of event streams. Defaults to 15 s. */
  readonly heartbeatMs?: number;
}

/** A running secret manager. */
export interface SecretManager {
  /** Base URL, ending in `/`: what gcloud's endpoint overrides and SDKs' `apiEndpoint` use. */
  readonly url: string;
  readonly port: number;
  /** The OAuth endpoint written into service-account key files as `token_uri`. */
  readonly tokenUri: string;
  /** Bearer token with every permission. */
  readonly adminToken: string;
  readonly adminTokenFile: string;
  readonly dataDir: string;
  /** The variables of `secretmanager.env` (see gcloud-env.ts). */
  readonly gcloudEnvironment: Readonly<Record<string, string>>;
  /** Ends streams and long polls, closes connections and the database. Idempotent. */
  stop(): Promise<void>;
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

interface Wiring {
  readonly deps: ServiceDeps;
  readonly adminToken: string;
  readonly authenticator: Authenticator;
  readonly tokens: TokenIssuer;
}

function wire(dataDir: string, db: Db, clock: Clock): Wiring {
  const iam = new IamStore(db);
  const tokens = new TokenIssuer(loadOrCreateKey(join(dataDir, DATA_FILES.signingKey), 32), clock);
  const adminToken = loadOrCreateToken(join(dataDir, DATA_FILES.adminToken), 'flotilla-admin.');
  const deps: ServiceDeps = {
    db,
    secrets: new SecretStore(db),
    iam,
    access: new AccessControl(iam),
    feed: new ChangeFeed(db, clock),
    cipher: createPayloadCipher(loadOrCreateKey(join(dataDir, DATA_FILES.encryptionKey), 32)),
    clock,
    specs: new WeakMap(),
  };
  return { deps, tokens, adminToken, authenticator: new Authenticator({ adminToken, tokens, iam, clock }) };
}

/**
 * Starts a secret manager on `options.dataDir`.
 *
 * @example
 * const sm = await startSecretManager({ dataDir: '/tmp/sm', port: 0 });
 * await fetch(`${sm.url}v1/projects/p/secrets`, { headers: { authorization: `Bearer ${sm.adminToken}` } });
 * await sm.stop();
 */
export async function startSecretManager(options: SecretManagerOptions): Promise<SecretManager> {
  const { dataDir } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: 'silent' });
  mkdirSync(join(dataDir, DATA_FILES.gcloudConfig), { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(join(dataDir, DATA_FILES.lock), dataDir);
  let db: Db | undefined;
  try {
    db = openDatabase(join(dataDir, DATA_FILES.database));
    const { deps, authenticator, tokens, adminToken } = wire(dataDir, db, clock);
    const stopping = new AbortController();
    let tokenUri = '';
    const routes = [
      ...secretRoutes(new SecretsService(deps), new VersionsService(deps)),
      ...watchRoutes({ service: new WatchService(deps), feed: deps.feed, clock, ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}) }),
      ...iamRoutes(new IamService({ deps, tokenUri: () => tokenUri, onCredentialsChanged: () => authenticator.invalidate() })),
      ...projectRoutes(new ProjectServices(deps)),
      ...oauthRoutes(new OAuthService({ authenticator, tokens, tokenUri: () => tokenUri })),
    ];
    const audit = new AuditLog(db, clock);
    const server = createServer({ keepAliveTimeout: 30_000 }, createRequestHandler({ routes, authenticator, audit, logger, stopping: stopping.signal }));
    const host = options.host ?? '127.0.0.1';
    const port = await listen(server, host, options.port ?? 0);
    const url = `http://${displayHost(host)}:${port}/`;
    tokenUri = `${url}token`;
    const adminTokenFile = join(dataDir, DATA_FILES.adminToken);
    logger.info({ url, dataDir }, 'secret manager listening');
    return {
      url,
      port,
      tokenUri,
      adminToken,
      adminTokenFile,
      dataDir,
      gcloudEnvironment: gcloudEnvironment({ url, adminTokenFile, configDir: join(dataDir, DATA_FILES.gcloudConfig) }),
      stop: once(async () => {
        stopping.abort();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        audit.flush();
        db!.close();
        unlock();
        logger.info('secret manager stopped');
      }),
    };
  } catch (error) {
    db?.close();
    unlock();
    throw error;
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

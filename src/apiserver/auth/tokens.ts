/**
 * Bearer tokens: each logical cluster has admin tokens that are valid for that cluster only.
 * A token is 32 random bytes (base64url); only its SHA-256 is stored (in the store, under
 * `/_system/tokens/`), with the cluster's uid, so a token outlives neither its cluster nor a
 * re-created cluster of the same name. Issuing returns the plaintext once.
 *
 * Authentication follows kube-apiserver: a request with an invalid token is refused (401) even
 * on public paths; a request without credentials is anonymous, which the server admits only to
 * the health and version endpoints (kube's `system:public-info-viewer`).
 *
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Backend } from '../../store/index.js';
import type { RequestUser } from '../registry/types.js';

const PREFIX = '/_system/tokens/';

/** Who an admin token authenticates as: kube's conventional cluster-admin identity. */
export const ADMIN_GROUPS = ['system:masters', 'system:authenticated'] as const;

interface TokenRecord {
  readonly id: string;
  readonly cluster: string;
  readonly clusterUid: string;
  readonly username: string;
  readonly groups: readonly string[];
  readonly sha256: string;
  readonly created: string;
}

/** The result of looking at a request's credentials. */
export type Credentials = { readonly kind: 'user'; readonly user: RequestUser } | { readonly kind: 'anonymous' } | { readonly kind: 'invalid' };

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The bearer token of a request, if it sent one. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : '';
}

export interface TokenAuthorityOptions {
  readonly backend: Backend;
  /** The current uid of a cluster, or undefined when it does not exist. */
  readonly clusterUid: (cluster: string) => string | undefined;
  readonly now?: () => Date;
}

/** Issues and verifies admin tokens. */
export class TokenAuthority {
  readonly #options: TokenAuthorityOptions;
  readonly #byDigest = new Map<string, TokenRecord>();

  private constructor(options: TokenAuthorityOptions) {
    this.#options = options;
  }

  /** Loads every stored token record. */
  static open(options: TokenAuthorityOptions): TokenAuthority {
    const authority = new TokenAuthority(options);
    for (const kv of options.backend.list({ prefix: PREFIX }).kvs) {
      const record = JSON.parse(Buffer.from(kv.value).toString('utf8')) as TokenRecord;
      authority.#byDigest.set(record.sha256, record);
    }
    return authority;
  }

  /**
   * Issues a new admin token for `cluster` and returns it; only its hash is kept.
   * @throws Error when the cluster does not exist.
   */
  async issue(cluster: string, username = 'admin'): Promise<string> {
    const clusterUid = this.#options.clusterUid(cluster);
    if (clusterUid === undefined) throw new Error(`logical cluster "${cluster}" does not exist`);
    const token = randomBytes(32).toString('base64url');
    const id = randomBytes(8).toString('hex');
    const record: TokenRecord = {
      id, cluster, clusterUid, username, groups: [...ADMIN_GROUPS], sha256: digest(token).toString('hex'), created: (this.#options.now?.() ?? new Date()).toISOString(),
    };
    await this.#options.backend.create(`${PREFIX}${id}`, Buffer.from(JSON.stringify(record)));
    this.#byDigest.set(record.sha256, record);
    return token;
  }

  /** The user `token` authenticates as in `cluster`, or undefined. */
  verify(token: string, cluster: string): RequestUser | undefined {
    const hash = digest(token);
    const record = this.#byDigest.get(hash.toString('hex'));
    if (!record || !timingSafeEqual(Buffer.from(record.sha256, 'hex'), hash)) return undefined;
    if (record.cluster !== cluster || this.#options.clusterUid(cluster) !== record.clusterUid) return undefined;
    return { username: record.username, uid: record.id, groups: record.groups };
  }

  /** Sorts a request into authenticated, anonymous (no credentials) or invalid. */
  credentials(req: IncomingMessage, cluster: string): Credentials {
    const token = bearerToken(req);
    if (token === undefined) return { kind: 'anonymous' };
    const user = token === '' ? undefined : this.verify(token, cluster);
    return user ? { kind: 'user', user } : { kind: 'invalid' };
  }
}

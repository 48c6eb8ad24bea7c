/**
 * HTTP to one API server: one keep-alive agent (so every request of a cluster shares its
 * connections and TLS sessions), a QPS/burst token bucket in front of every request (client-go's
 * `rest.Config{QPS, Burst}`), a timeout on each request, credentials applied per request, and
 * non-2xx answers turned into {@link KubeApiError}s. Watches are streamed line by line, with an
 * idle timeout so a silently dead connection cannot hang an informer.
 *
 * Plain node:http(s) on purpose: we control streaming, timeouts and sockets, which a fetch-based
 * client hides.
 *
 * @module
 */
import { Agent as HttpAgent, type ClientRequest, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type Clock, type TimerHandle, TokenBucket, systemClock } from '../util/index.js';
import { KubeTransportError, apiErrorFromResponse } from './errors.js';
import type { ClusterConnection } from './kubeconfig.js';

/** Query parameters; undefined values are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export interface TransportOptions {
  readonly connection: ClusterConnection;
  /** Clock of the rate limiter and timeouts. Defaults to the system clock. */
  readonly clock?: Clock;
  /** Sustained requests per second. Defaults to 20 (controller-runtime's default). `Infinity` disables. */
  readonly qps?: number;
  /** Requests allowed at once after a quiet period. Defaults to 30. */
  readonly burst?: number;
  /** Timeout of an ordinary request, headers and body. Defaults to 30 s. */
  readonly timeoutMs?: number;
  /** Defaults to `flotilla`. */
  readonly userAgent?: string;
  /** Idle keep-alive connections kept open. Defaults to 2: idle clusters stay cheap. */
  readonly maxFreeSockets?: number;
}

export interface RequestOptions {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path (`/api/v1/…`, `/apis/…`); the server URL's own path is prepended. */
  readonly path: string;
  readonly query?: Query;
  /** Serialised as JSON unless it is already a string. */
  readonly body?: unknown;
  /** Defaults to `application/json` when there is a body. */
  readonly contentType?: string;
  /** Overrides the transport's timeout for this request. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** An open streaming response (a watch). */
export interface Stream {
  /** Settles when the stream ends: resolves on a clean end, rejects on a broken connection or idle timeout. */
  readonly done: Promise<void>;
  /** Ends the stream from our side; `done` then resolves. */
  close(): void;
}

export interface StreamOptions extends Omit<RequestOptions, 'method' | 'body' | 'contentType' | 'timeoutMs'> {
  /** The stream fails when no byte arrives for this long. */
  readonly idleTimeoutMs: number;
  /** Called once per complete line, in order. */
  readonly onLine: (line: string) => void;
}

export function encodeQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function transportError(error: unknown, server: string): KubeTransportError {
  if (error instanceof KubeTransportError) return error;
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return new KubeTransportError(`connection refused by ${server}`, { cause: error, code: 'KUBE_CONNECTION_REFUSED' });
  return new KubeTransportError(`cannot reach ${server}: ${detail}`, { cause: error });
}

/** HTTP(S) to one API server, shared by every client of that cluster. */
export class Transport {
  readonly server: string;
  readonly #base: URL;
  readonly #agent: HttpAgent;
  readonly #send: typeof httpRequest;
  readonly #bucket: TokenBucket;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #userAgent: string;
  readonly #connection: ClusterConnection;
  readonly #open = new Set<ClientRequest>();
  #closed = false;

  constructor(options: TransportOptions) {
    const { connection } = options;
    this.#connection = connection;
    this.server = connection.server;
    this.#base = new URL(connection.server);
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#userAgent = options.userAgent ?? 'flotilla';
    this.#bucket = new TokenBucket({ qps: options.qps ?? 20, burst: options.burst ?? 30, clock: this.#clock });
    const common = { keepAlive: true, maxFreeSockets: options.maxFreeSockets ?? 2, scheduling: 'lifo' as const, timeout: 60_000 };
    if (this.#base.protocol === 'https:') {
      this.#agent = new HttpsAgent({
        ...common,
        ...(connection.ca ? { ca: connection.ca } : {}),
        ...(connection.cert ? { cert: connection.cert } : {}),
        ...(connection.key ? { key: connection.key } : {}),
        ...(connection.tlsServerName ? { servername: connection.tlsServerName } : {}),
        rejectUnauthorized: !connection.insecureSkipTlsVerify,
      });
      this.#send = httpsRequest;
    } else {
      this.#agent = new HttpAgent(common);
      this.#send = httpRequest;
    }
  }

  /** Sends one request and returns the parsed JSON answer. Throws KubeApiError or KubeTransportError. */
  async request<T = unknown>(options: RequestOptions): Promise<T> {
    const res = await this.#start(options, options.timeoutMs ?? this.#timeoutMs);
    const text = await this.#readBody(res.response, res.cancelTimer, options.signal);
    const status = res.response.statusCode ?? 0;
    if (status < 200 || status > 299) throw apiErrorFromResponse(status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * Opens a streaming GET. Resolves once a 2xx answer's headers arrive; a non-2xx answer rejects
   * with its KubeApiError. Lines are delivered through `onLine`.
   */
  async stream(options: StreamOptions): Promise<Stream> {
    const { response, request, cancelTimer } = await this.#start({ ...options, method: 'GET' }, this.#timeoutMs);
    cancelTimer();
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      throw apiErrorFromResponse(status, await this.#readBody(response, () => undefined, options.signal));
    }
    return this.#follow(request, response, options);
  }

  /** Closes every connection; later requests fail. */
  close(): void {
    this.#closed = true;
    for (const req of this.#open) req.destroy();
    this.#agent.destroy();
  }

  async #headers(options: RequestOptions, body: string | undefined): Promise<Record<string, string>> {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.#userAgent };
    const authorization = await this.#connection.credentials?.authorization();
    if (authorization) headers.Authorization = authorization;
    if (body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    return headers;
  }

  async #start(options: RequestOptions, timeoutMs: number): Promise<{ response: IncomingMessage; request: ClientRequest; cancelTimer: () => void }> {
    if (this.#closed) throw new KubeTransportError(`the client of ${this.server} is closed`);
    await this.#bucket.take(options.signal);
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const headers = await this.#headers(options, body);
    const basePath = this.#base.pathname.replace(/\/+$/, '');
    return new Promise((resolve, reject) => {
      const req = this.#send({
        protocol: this.#base.protocol, hostname: this.#base.hostname.replace(/^\[|\]$/g, ''), port: this.#base.port,
        method: options.method, path: basePath + options.path + encodeQuery(options.query), headers, agent: this.#agent,
      });
      this.#open.add(req);
      req.once('close', () => this.#open.delete(req));
      let timer: TimerHandle | undefined = this.#clock.setTimeout(() => {
        req.destroy(new KubeTransportError(`request to ${this.server}${options.path} timed out after ${timeoutMs} ms`, { code: 'KUBE_REQUEST_TIMEOUT' }));
      }, timeoutMs);
      const cancelTimer = (): void => {
        if (timer !== undefined) this.#clock.clearTimeout(timer);
        timer = undefined;
      };
      const onAbort = (): void => void req.destroy(new KubeTransportError(`request to ${this.server}${options.path} was cancelled`, { cause: options.signal?.reason }));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      req.once('response', (response) => resolve({ response, request: req, cancelTimer }));
      req.once('error', (error) => {
        cancelTimer();
        options.signal?.removeEventListener('abort', onAbort);
        reject(transportError(error, this.server));
      });
      req.once('close', () => {
        cancelTimer();
        options.signal?.removeEventListener('abort', onAbort);
      });
      req.end(body);
    });
  }

  #readBody(response: IncomingMessage, cancelTimer: () => void, signal: AbortSignal | undefined): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => {
        cancelTimer();
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      response.once('error', (error) => {
        cancelTimer();
        reject(transportError(error, this.server));
      });
      response.once('aborted', () => reject(transportError(signal?.aborted ? signal.reason : new Error('connection closed before the answer ended'), this.server)));
    });
  }

  #follow(request: ClientRequest, response: IncomingMessage, options: StreamOptions): Stream {
    let lastData = this.#clock.now();
    let timer: TimerHandle | undefined;
    let closing = false;
    const armIdle = (delay: number): void => {
      timer = this.#clock.setTimeout(() => {
        const idle = this.#clock.now() - lastData;
        if (idle >= options.idleTimeoutMs) {
          request.destroy(new KubeTransportError(`watch on ${this.server}${options.path} received nothing for ${options.idleTimeoutMs} ms`, { code: 'KUBE_REQUEST_TIMEOUT' }));
        } else {
          armIdle(options.idleTimeoutMs - idle);
        }
      }, delay);
    };
    armIdle(options.idleTimeoutMs);
    const done = new Promise<void>((resolve, reject) => {
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        lastData = this.#clock.now();
        pending += chunk;
        let newline = pending.indexOf('\n');
        try {
          while (newline >= 0) {
            const line = pending.slice(0, newline);
            pending = pending.slice(newline + 1);
            if (line.trim() !== '') options.onLine(line);
            newline = pending.indexOf('\n');
          }
        } catch (error) {
          request.destroy(error instanceof Error ? error : new Error(String(error)));
        }
      });
      const finish = (error?: unknown): void => {
        if (timer !== undefined) this.#clock.clearTimeout(timer);
        timer = undefined;
        if (error === undefined || closing) resolve();
        else reject(transportError(error, this.server));
      };
      response.once('end', () => finish());
      response.once('error', (error) => finish(error));
      request.once('error', (error) => finish(error));
      response.once('close', () => finish(response.complete ? undefined : new Error('the connection closed mid-stream')));
    });
    return {
      done,
      close() {
        closing = true;
        request.destroy();
      },
    };
  }
}

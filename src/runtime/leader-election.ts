/**
 * Leader election on a `coordination.k8s.io/v1` Lease, as client-go's `tools/leaderelection`
 * with the `leases` lock, so Flotilla replicas and Go controllers read the same record.
 *
 * - A candidate tries every `retryPeriod` (with up to 20 % jitter) to take the lease: it creates
 *   it when missing, or takes it over when its holder is empty or has not renewed for
 *   `leaseDuration`, measured on the candidate's own clock since it last saw the record change
 *   (clocks of different machines are never compared).
 * - The leader renews every `retryPeriod`; when it cannot renew within `renewDeadline`, it has
 *   lost the lease and must stop working at once (the manager stops).
 * - On a clean stop the leader releases the lease (empty holder, duration 1 s) so a successor
 *   takes over at once instead of waiting for expiry.
 *
 * Writes are conditional on resourceVersion, so two candidates can never both win. Times are
 * MicroTime (`2006-01-02T15:04:05.000000Z`). Defaults (DESIGN.md, as ESO): 15 s / 10 s / 2 s.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { KubeObject } from '../api/object.js';
import { type KubeClient, isConflict, isNotFound } from '../kube/index.js';
import { type Clock, type Logger, errorMessage } from '../util/index.js';

const LEASE = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' } as const;
const JITTER = 1.2;

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export interface LeaderElectionOptions {
  readonly client: KubeClient;
  readonly namespace: string;
  /** Lease name (controller-runtime's `LeaderElectionID`). */
  readonly name: string;
  /** Unique per process. Defaults to {@link uniqueIdentity}. */
  readonly identity?: string;
  readonly clock: Clock;
  readonly log?: Logger;
  /** Defaults to 15 s. */
  readonly leaseDurationMs?: number;
  /** Defaults to 10 s. */
  readonly renewDeadlineMs?: number;
  /** Defaults to 2 s. */
  readonly retryPeriodMs?: number;
  /** Release the lease when stopped. Defaults to true. */
  readonly releaseOnCancel?: boolean;
  readonly random?: () => number;
}

/** `hostname_uuid`, controller-runtime's default identity. */
export function uniqueIdentity(): string {
  return `${hostname()}_${randomUUID()}`;
}

/** Formats a time as metav1.MicroTime. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** How leadership ended. */
export type LeadershipEnd = 'released' | 'lost';

/** Competes for and holds one lease. */
export class LeaderElector {
  readonly identity: string;
  readonly #o: LeaderElectionOptions;
  readonly #leaseMs: number;
  readonly #renewMs: number;
  readonly #retryMs: number;
  #observed: LeaseSpec = {};
  #observedRaw = '';
  #observedAt = 0;
  #lease: Lease | undefined;

  constructor(options: LeaderElectionOptions) {
    this.#o = options;
    this.identity = options.identity ?? uniqueIdentity();
    this.#leaseMs = options.leaseDurationMs ?? 15_000;
    this.#renewMs = options.renewDeadlineMs ?? 10_000;
    this.#retryMs = options.retryPeriodMs ?? 2_000;
    if (!(this.#leaseMs > this.#renewMs && this.#renewMs > this.#retryMs * JITTER)) {
      throw new Error('leader election needs leaseDuration > renewDeadline > retryPeriod × 1.2');
    }
  }

  /** True while the last observed record names us. */
  get isLeader(): boolean {
    return this.#observed.holderIdentity === this.identity;
  }

  /** Tries until the lease is ours (true) or the signal aborts (false). */
  async acquire(signal: AbortSignal): Promise<boolean> {
    this.#o.log?.info({ lease: `${this.#o.namespace}/${this.#o.name}`, identity: this.identity }, 'attempting to acquire leader lease');
    while (!signal.aborted) {
      if (await this.#tryAcquireOrRenew(signal)) {
        this.#o.log?.info({ lease: `${this.#o.namespace}/${this.#o.name}`, identity: this.identity }, 'successfully acquired lease');
        return true;
      }
      const random = this.#o.random ?? Math.random;
      await this.#o.clock.sleep(this.#retryMs * (1 + random() * (JITTER - 1)), signal).catch(() => undefined);
    }
    return false;
  }

  /**
   * Renews every retry period until the signal aborts (then releases, if configured: 'released')
   * or a renewal does not succeed within the renew deadline ('lost').
   */
  async hold(signal: AbortSignal): Promise<LeadershipEnd> {
    let lastRenew = this.#o.clock.now();
    while (!signal.aborted) {
      await this.#o.clock.sleep(this.#retryMs, signal).catch(() => undefined);
      if (signal.aborted) break;
      const deadline = this.#deadline(lastRenew);
      const renewed = await this.#tryAcquireOrRenew(AbortSignal.any([signal, deadline.signal]));
      deadline.cancel();
      if (renewed) {
        lastRenew = this.#o.clock.now();
      } else if (this.#o.clock.now() - lastRenew >= this.#renewMs || !this.isLeader) {
        this.#o.log?.error({ lease: `${this.#o.namespace}/${this.#o.name}` }, 'failed to renew lease: leader election lost');
        return 'lost';
      }
    }
    if (this.#o.releaseOnCancel ?? true) await this.release();
    return 'released';
  }

  /** Gives the lease up if we hold it: empty holder, duration 1 s (client-go's `release`). */
  async release(): Promise<void> {
    if (!this.isLeader || !this.#lease) return;
    const now = microTime(this.#o.clock.now());
    const spec: LeaseSpec = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: this.#observed.leaseTransitions ?? 0 };
    try {
      await this.#write(spec, AbortSignal.timeout(this.#renewMs));
      this.#o.log?.info({ lease: `${this.#o.namespace}/${this.#o.name}` }, 'released leader lease');
    } catch (error) {
      this.#o.log?.warn({ err: errorMessage(error) }, 'failed to release the leader lease');
    }
  }

  /** A signal that aborts when the renew deadline passes; cancel it once the attempt is over. */
  #deadline(lastRenew: number): { signal: AbortSignal; cancel: () => void } {
    const controller = new AbortController();
    const remaining = Math.max(0, this.#renewMs - (this.#o.clock.now() - lastRenew));
    const timer = this.#o.clock.setTimeout(() => controller.abort(new Error('renew deadline passed')), remaining);
    return { signal: controller.signal, cancel: () => this.#o.clock.clearTimeout(timer) };
  }

  #leaseValid(now: number): boolean {
    return this.#observedAt + (this.#observed.leaseDurationSeconds ?? 0) * 1000 > now;
  }

  #setObserved(spec: LeaseSpec, raw = JSON.stringify(spec)): void {
    this.#observed = spec;
    this.#observedRaw = raw;
    this.#observedAt = this.#o.clock.now();
  }

  /** client-go's tryAcquireOrRenew. Never throws: failures are a false. */
  async #tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const now = this.#o.clock.now();
    const desired: LeaseSpec = {
      holderIdentity: this.identity, leaseDurationSeconds: Math.floor(this.#leaseMs / 1000), acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0,
    };
    try {
      if (await this.#renewFast(desired, now, signal)) return true;
      const current = await this.#getOrCreate(desired, signal);
      if (!current) return true;
      const next = this.#takeOver(current.spec ?? {}, desired, now);
      if (!next) return false;
      await this.#write(next, signal);
      return true;
    } catch (error) {
      if (!isConflict(error)) this.#o.log?.warn({ err: errorMessage(error) }, 'leader election: lease update failed');
      return false;
    }
  }

  /** The spec to write over `spec`, or undefined while someone else validly holds it. */
  #takeOver(spec: LeaseSpec, desired: LeaseSpec, now: number): LeaseSpec | undefined {
    const raw = JSON.stringify(spec);
    if (raw !== this.#observedRaw) this.#setObserved(spec, raw);
    if (spec.holderIdentity && this.#leaseValid(now) && !this.isLeader) return undefined;
    const transitions = spec.leaseTransitions ?? 0;
    return this.isLeader ? { ...desired, acquireTime: spec.acquireTime, leaseTransitions: transitions } : { ...desired, leaseTransitions: transitions + 1 };
  }

  /** The leader's optimistic renewal against the lease it last wrote. */
  async #renewFast(desired: LeaseSpec, now: number, signal: AbortSignal): Promise<boolean> {
    if (!this.isLeader || !this.#leaseValid(now) || !this.#lease) return false;
    const spec = { ...desired, acquireTime: this.#observed.acquireTime, leaseTransitions: this.#observed.leaseTransitions ?? 0 };
    return this.#write(spec, signal).then(() => true, () => false);
  }

  /** Reads the lease; creates it (taking leadership) when missing, returning undefined then. */
  async #getOrCreate(desired: LeaseSpec, signal: AbortSignal): Promise<Lease | undefined> {
    try {
      this.#lease = await this.#o.client.get<Lease>(LEASE, this.#o.name, { namespace: this.#o.namespace, signal });
      return this.#lease;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.#lease = await this.#o.client.create<Lease>({ ...LEASE, metadata: { name: this.#o.name, namespace: this.#o.namespace }, spec: desired }, { signal });
      this.#setObserved(desired);
      return undefined;
    }
  }

  /** PUT of the lease we last read, with a new spec; 409 when someone wrote it meanwhile. */
  async #write(spec: LeaseSpec, signal: AbortSignal): Promise<void> {
    const lease = this.#lease!;
    this.#lease = await this.#o.client.update<Lease>({ ...lease, spec }, { signal });
    this.#setObserved(spec);
  }
}

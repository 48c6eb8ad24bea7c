/**
 * Conversion webhooks (apiextensions' `webhook_converter.go`): a `ConversionReview`
 * (apiextensions.k8s.io/v1, or v1beta1 when that is all the CRD accepts) POSTed over HTTPS to
 * the CRD's `url` or service, trusting its `caBundle`, with kube's checks on the answer: same
 * uid, `Success`, one converted object per input in the desired apiVersion with the same kind,
 * name, namespace and uid; metadata other than labels and annotations is restored from the
 * input. Conversions asked for in the same tick (the items of a list) share one review.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import type { KubeObject } from '../../../api/object.js';
import { isPlainObject } from '../../../api/object.js';
import { validateObjectMeta } from '../../storage/metadata.js';
import type { ServiceRef } from '../crd-view.js';

/** Where a service reference is reached: the address to connect to and the TLS name to verify. */
export interface ServiceEndpoint {
  readonly url: URL;
  /** The name the server certificate must carry (`<name>.<namespace>.svc`). */
  readonly serverName: string;
}

/** Maps a webhook's service reference to an endpoint (kube's ServiceResolver). */
export type ServiceResolver = (service: ServiceRef) => ServiceEndpoint;

/** kube's default: `https://<name>.<namespace>.svc:<port><path>`. */
export const defaultServiceResolver: ServiceResolver = (service) => {
  const host = `${service.name}.${service.namespace}.svc`;
  return { url: new URL(`https://${host}:${service.port}${service.path ?? ''}`), serverName: host };
};

export interface WebhookClientOptions {
  readonly url?: string;
  readonly service?: ServiceRef;
  /** Base64 PEM bundle; empty means the system roots. */
  readonly caBundle?: string;
  readonly conversionReviewVersions: readonly string[];
  readonly resolveService: ServiceResolver;
  /** kube's webhook timeout: 30 s. */
  readonly timeoutMs?: number;
}

/** A conversion that failed; the text is what kube-apiserver answers (HTTP 500). */
export class ConversionError extends Error {}

const REVIEW_VERSIONS = ['v1beta1', 'v1'];

function endpoint(options: WebhookClientOptions): ServiceEndpoint {
  if (options.url !== undefined) {
    const url = new URL(options.url);
    return { url, serverName: url.hostname.replace(/^\[|\]$/g, '') };
  }
  return options.resolveService(options.service!);
}

function post(options: WebhookClientOptions, body: string): Promise<unknown> {
  const { url, serverName } = endpoint(options);
  const timeoutMs = options.timeoutMs ?? 30_000;
  url.searchParams.set('timeout', `${Math.round(timeoutMs / 1000)}s`);
  const ca = options.caBundle ? Buffer.from(options.caBundle, 'base64').toString('utf8') : undefined;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST', servername: serverName, ...(ca ? { ca } : {}), timeout: timeoutMs,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, */*', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) return reject(new Error(`the server responded with the status code ${res.statusCode ?? 0} but did not return more information`));
        try {
          resolve(JSON.parse(text));
        } catch (error) {
          reject(new Error(`couldn't decode the response: ${(error as Error).message}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`Post "${url.toString()}": context deadline exceeded`)));
    req.on('error', (error) => reject(error.message.startsWith('Post "') ? error : new Error(`Post "${url.toString()}": ${error.message}`)));
    req.end(body);
  });
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function checkEnvelope(r: Record<string, unknown>, version: string): Record<string, unknown> {
  if (version === 'v1' && r.apiVersion !== 'apiextensions.k8s.io/v1') {
    throw new Error(`expected webhook response of apiextensions.k8s.io/v1, Kind=ConversionReview, got ${text(r.apiVersion)}, Kind=${text(r.kind)}`);
  }
  if (!isPlainObject(r.response)) throw new Error('no response provided');
  return r.response;
}

function responseObjects(review: unknown, uid: string, version: string): unknown[] {
  const response = checkEnvelope(isPlainObject(review) ? review : {}, version);
  if (version === 'v1' && response.uid !== uid) throw new Error(`expected response.uid="${uid}", got "${text(response.uid)}"`);
  const result = isPlainObject(response.result) ? response.result : {};
  if (result.status !== 'Success') {
    if (text(result.message) !== '') throw new Error(text(result.message));
    throw new Error(`response.result.status was '${text(result.status)}', not 'Success'`);
  }
  return Array.isArray(response.convertedObjects) ? response.convertedObjects : [];
}

function sameIdentity(original: KubeObject, converted: KubeObject): string | undefined {
  const [a, b] = [original.metadata ?? {}, converted.metadata ?? {}];
  if (original.kind !== converted.kind) return `must have the same kind: ${String(original.kind)} != ${String(converted.kind)}`;
  for (const [field, label] of [['name', 'name'], ['namespace', 'namespace'], ['uid', 'UID']] as const) {
    if ((a[field] ?? '') !== (b[field] ?? '')) return `must have the same ${label}: ${String(a[field] ?? '')} != ${String(b[field] ?? '')}`;
  }
  return undefined;
}

/** restoreObjectMeta: the input's metadata, with the webhook's labels and annotations (validated). */
function restoreMetadata(original: KubeObject, converted: KubeObject): string | undefined {
  if (!isPlainObject(converted.metadata)) return 'missing metadata in converted object';
  const response = converted.metadata;
  const meta: Record<string, unknown> = structuredClone(original.metadata ?? {});
  for (const field of ['labels', 'annotations'] as const) {
    const value = response[field];
    if (value === undefined || value === null) {
      delete meta[field];
      continue;
    }
    if (!isPlainObject(value)) return `invalid metadata.${field} of type ${Array.isArray(value) ? '[]interface {}' : typeof value} in converted object`;
    meta[field] = value;
  }
  const errors = validateObjectMeta({ name: 'x', labels: meta.labels as Record<string, string>, annotations: meta.annotations as Record<string, string> }, 'subdomain');
  if (errors.length > 0) return errors.map((e) => `${e.field}: ${e.message}`).join(', ');
  converted.metadata = meta;
  return undefined;
}

function checkConverted(original: KubeObject, raw: unknown, apiVersion: string, index: number): KubeObject {
  if (!isPlainObject(raw)) throw new Error(`returned invalid converted object at index ${index}: invalid type, expected=Unstructured`);
  const converted = raw as KubeObject;
  if (converted.apiVersion !== apiVersion) throw new Error(`returned invalid converted object at index ${index}: invalid groupVersion (expected ${apiVersion}, received ${String(converted.apiVersion)})`);
  if (converted.kind !== original.kind) throw new Error(`returned invalid converted object at index ${index}: invalid kind (expected ${String(original.kind)}, received ${String(converted.kind)})`);
  const identity = sameIdentity(original, converted);
  if (identity) throw new Error(`returned invalid converted object at index ${index}: ${identity}`);
  const metadata = restoreMetadata(original, converted);
  if (metadata) throw new Error(`returned invalid metadata in object at index ${index}: ${metadata}`);
  return converted;
}

/** `example.com/v1, Kind=Widget`, as kube names the input in conversion errors. */
function gvkText(obj: KubeObject): string {
  return `${String(obj.apiVersion)}, Kind=${String(obj.kind)}`;
}

/** Calls the webhook once for `objects` (all of one apiVersion-independent batch) and checks the answer. */
export async function convertWithWebhook(options: WebhookClientOptions, objects: readonly KubeObject[], apiVersion: string): Promise<KubeObject[]> {
  const toConvert = objects.filter((o) => o.apiVersion !== apiVersion);
  if (toConvert.length === 0) return [...objects];
  const version = options.conversionReviewVersions.find((v) => REVIEW_VERSIONS.includes(v));
  if (!version) throw new ConversionError('no supported conversion review versions');
  const uid = randomUUID();
  const review = { kind: 'ConversionReview', apiVersion: `apiextensions.k8s.io/${version}`, request: { uid, desiredAPIVersion: apiVersion, objects: toConvert } };
  const label = gvkText(toConvert[0]!);
  let converted: unknown[];
  try {
    converted = responseObjects(await post(options, JSON.stringify(review)), uid, version);
  } catch (error) {
    throw new ConversionError(`conversion webhook for ${label} failed: ${(error as Error).message}`);
  }
  if (converted.length !== toConvert.length) throw new ConversionError(`conversion webhook for ${label} returned ${converted.length} objects, expected ${toConvert.length}`);
  let next = 0;
  return objects.map((original) => {
    if (original.apiVersion === apiVersion) return original;
    const index = next++;
    try {
      return checkConverted(original, converted[index], apiVersion, index);
    } catch (error) {
      throw new ConversionError(`conversion webhook for ${label} ${(error as Error).message}`);
    }
  });
}

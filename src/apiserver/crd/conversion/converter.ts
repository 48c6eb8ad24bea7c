/**
 * Converting custom resources between the versions of their CRD: strategy `None` swaps the
 * apiVersion; `Webhook` calls the CRD's conversion webhook, batching the objects one tick asks
 * for (a list, a watch burst) into one ConversionReview.
 *
 * @module
 */
import type { KubeObject } from '../../../api/object.js';
import type { ConversionSpec } from '../crd-view.js';
import { type ServiceResolver, convertWithWebhook } from './webhook.js';

/** Converts one object to an apiVersion of its CRD. */
export type ConvertFn = (obj: KubeObject, apiVersion: string) => Promise<KubeObject>;

interface Pending {
  readonly objects: KubeObject[];
  readonly settle: { resolve: (o: KubeObject) => void; reject: (e: unknown) => void }[];
}

/** Options of {@link createConverter}. */
export interface ConverterOptions {
  readonly conversion?: ConversionSpec;
  readonly resolveService: ServiceResolver;
  /** Timeout of one webhook call (kube: 30 s). */
  readonly webhookTimeoutMs?: number;
}

/** The converter a CRD's `spec.conversion` asks for. */
export function createConverter(options: ConverterOptions): ConvertFn {
  const { conversion } = options;
  const clientConfig = conversion?.webhook?.clientConfig;
  if (conversion?.strategy !== 'Webhook' || !clientConfig) return (obj, apiVersion) => Promise.resolve({ ...obj, apiVersion });
  const client = {
    ...clientConfig, conversionReviewVersions: conversion.webhook?.conversionReviewVersions ?? [], resolveService: options.resolveService,
    ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
  };
  const pending = new Map<string, Pending>();
  const flush = (apiVersion: string): void => {
    const batch = pending.get(apiVersion)!;
    pending.delete(apiVersion);
    convertWithWebhook(client, batch.objects, apiVersion).then(
      (converted) => batch.settle.forEach((s, i) => s.resolve(converted[i]!)),
      (error: unknown) => batch.settle.forEach((s) => s.reject(error)),
    );
  };
  return (obj, apiVersion) => {
    if (obj.apiVersion === apiVersion) return Promise.resolve(obj);
    let batch = pending.get(apiVersion);
    if (!batch) {
      batch = { objects: [], settle: [] };
      pending.set(apiVersion, batch);
      setImmediate(() => flush(apiVersion));
    }
    const entry = batch;
    return new Promise((resolve, reject) => {
      entry.objects.push(obj);
      entry.settle.push({ resolve, reject });
    });
  };
}

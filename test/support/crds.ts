/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- test helpers pass untyped JSON bodies through */
/** Helpers for tests that drive CustomResourceDefinitions over HTTP. */
import { call } from './apiserver.js';

export const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
export const JSON_TYPE = 'application/json';

/** Sends a JSON body with a method. */
export function send(url: string, method: string, body: unknown, contentType = JSON_TYPE): Promise<{ status: number; body: any }> {
  return call(url, { method, body: JSON.stringify(body), contentType });
}

/** A Widget CRD (example.com) with an optional extra version and schema changes. */
export function widgetCrd(options: { scope?: 'Namespaced' | 'Cluster'; versions?: unknown[]; schema?: unknown; extra?: Record<string, unknown> } = {}): any {
  const schema = options.schema ?? {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['size'],
        properties: {
          size: { type: 'string', enum: ['small', 'large'] },
          replicas: { type: 'integer', minimum: 0, default: 1 },
          color: { type: 'string' },
        },
      },
      status: { type: 'object', properties: { ready: { type: 'boolean' } } },
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope: options.scope ?? 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'], categories: ['all'] },
      versions: options.versions ?? [{
        name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema }, subresources: { status: {} },
        additionalPrinterColumns: [{ name: 'Size', type: 'string', jsonPath: '.spec.size' }],
        selectableFields: [{ jsonPath: '.spec.color' }],
      }],
      ...options.extra,
    },
  };
}

/** The Status message of an error response (fails loudly when it is not one). */
export function statusMessage(res: { status: number; body: any }): string {
  if (res.body?.kind !== 'Status') throw new Error(`expected a Status, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.message as string;
}

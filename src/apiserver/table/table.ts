/**
 * The `meta.k8s.io/v1` Table form of GET, LIST and WATCH answers (kube-apiserver's
 * `TableConvertor`): column definitions plus one row per object, each row carrying the object
 * as `PartialObjectMetadata` (the default `includeObject=Metadata`), in full (`Object`) or not
 * at all (`None`). Built-in kinds use their printer; custom resources use their CRD's
 * `additionalPrinterColumns` (JSONPath), or Name and Age when it declares none.
 *
 * @module
 */
import type { KubeObject } from '../../api/object.js';
import { stableHash } from '../../util/index.js';
import { badRequest } from '../http/status.js';
import type { PrinterColumn, ResourceType } from '../registry/types.js';
import { NAME_DESCRIPTION, type TableColumnDefinition, type TablePrinter, column, createdAtPrinter } from './columns.js';
import { ageOf } from './duration.js';
import { type JsonPath, compileJsonPath, evaluateJsonPath, printJsonPathValue } from './jsonpath.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  readonly version: 'v1' | 'v1beta1';
  readonly includeObject: IncludeObject;
  /** Watch events after the first one carry no column definitions. */
  readonly noHeaders?: boolean;
}

export interface TableListMeta {
  readonly resourceVersion?: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
}

/** Parses `?includeObject=` (default Metadata). @throws ApiError 400 */
export function parseIncludeObject(value: string | null): IncludeObject {
  if (value === null || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw badRequest(`includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`);
}

/** The columns kube adds to a CRD version that declares none (serveDefaultColumnsIfEmpty). */
const DEFAULT_CR_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'The server time at which the object was created, in RFC 3339 form (UTC).' },
];

/** A JSONPath result as a cell of `type`, like apiextensions' cellForJSONValue. */
function cellOf(type: string, value: unknown, nowMs: number): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string': return printJsonPathValue(value);
    case 'integer': return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number': return typeof value === 'number' ? value : null;
    case 'boolean': return typeof value === 'boolean' ? value : null;
    case 'date': return typeof value === 'string' ? ageOf(value, nowMs) : null;
    default: return null;
  }
}

function crPrinter(declared: readonly PrinterColumn[] | undefined): TablePrinter {
  const columns = declared && declared.length > 0 ? declared : DEFAULT_CR_COLUMNS;
  const paths: (JsonPath | undefined)[] = columns.map((c) => {
    try {
      return compileJsonPath(c.jsonPath);
    } catch {
      return undefined;
    }
  });
  return {
    columns: [
      column('Name', 'string', NAME_DESCRIPTION, { format: 'name' }),
      ...columns.map((c) => column(c.name, c.type, c.description ?? '', { format: c.format ?? '', priority: c.priority ?? 0 })),
    ],
    cells: (obj, now) => [
      obj.metadata?.name ?? '',
      ...columns.map((c, i) => {
        const path = paths[i];
        const found = path ? evaluateJsonPath(path, obj) : [];
        return found.length === 0 ? null : cellOf(c.type, found[0], now);
      }),
    ],
  };
}

/**
 * What tells printers of `type` at `version` apart, for caches of printed output: a CRD's
 * columns change with the CRD (hashed with their JSONPaths), a built-in's printer never does.
 */
export function printerKey(type: ResourceType, version: string): string {
  if (type.origin.kind !== 'crd') return 'builtin';
  return `crd:${stableHash(type.versions.find((v) => v.name === version)?.printerColumns ?? [], 'sha1')}`;
}

/** How objects of `type` print at `version`. */
export function printerFor(type: ResourceType, version: string): TablePrinter {
  if (type.origin.kind === 'crd') return crPrinter(type.versions.find((v) => v.name === version)?.printerColumns);
  return type.printer ?? createdAtPrinter;
}

function rowObject(obj: KubeObject, include: IncludeObject, version: string): KubeObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata ?? {} };
}

/** Builds a Table of `objects`. */
export function buildTable(
  printer: TablePrinter, objects: readonly KubeObject[], listMeta: TableListMeta, options: TableOptions & { readonly nowMs: number },
): Record<string, unknown> {
  const columnDefinitions: readonly TableColumnDefinition[] | null = options.noHeaders ? null : printer.columns;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata: listMeta,
    columnDefinitions,
    rows: objects.map((obj) => {
      const object = rowObject(obj, options.includeObject, options.version);
      return { cells: printer.cells(obj, options.nowMs), ...(object ? { object } : {}) };
    }),
  };
}

/** The `PartialObjectMetadata` form of one object. */
export function partialObject(obj: KubeObject, version: string): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata ?? {} };
}

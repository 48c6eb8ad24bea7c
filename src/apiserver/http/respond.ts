/**
 * Writing answers in the form the client negotiated (`http/negotiate.ts`): plain JSON or YAML
 * objects and lists, `meta.k8s.io` Tables, PartialObjectMetadata(List), and the watch
 * encodings of the same forms.
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import { stringify as toYaml } from 'yaml';
import type { KubeObject } from '../../api/object.js';
import { formatApiVersion } from '../../api/object.js';
import type { ResourceScope } from '../storage/codec.js';
import { buildTable, parseIncludeObject, partialObject, printerFor, printerKey, type TableListMeta } from '../table/table.js';
import { type ResponseForm, contentTypeOf } from './negotiate.js';
import { JSON_LINES, type WatchEncoding, presentedJsonLines } from './watch-events.js';

/** Writes `body` with `contentType`. */
export function sendBody(res: ServerResponse, code: number, contentType: string, body: unknown, encoding: 'json' | 'yaml' = 'json'): void {
  // kube's YAML comes from Go maps: keys sorted at every level.
  const text = encoding === 'yaml' ? toYaml(body, { sortMapEntries: true }) : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  sendBody(res, code, 'application/json', body);
}

/** What the table and partial forms need besides the objects. */
export interface FormContext {
  readonly scope: ResourceScope;
  readonly query: URLSearchParams;
  readonly nowMs: number;
}

/** Writes one object (GET, or the result of a write) in the negotiated form. */
export function sendObject(res: ServerResponse, code: number, form: ResponseForm, obj: KubeObject, ctx: FormContext): void {
  switch (form.kind) {
    case 'table': {
      const table = buildTable(printerFor(ctx.scope.type, ctx.scope.version), [obj], { resourceVersion: obj.metadata?.resourceVersion ?? '' }, {
        version: form.version, includeObject: parseIncludeObject(ctx.query.get('includeObject')), nowMs: ctx.nowMs,
      });
      sendBody(res, code, contentTypeOf(form), table);
      return;
    }
    case 'partial': sendBody(res, code, contentTypeOf(form), partialObject(obj, form.version)); return;
    default: sendBody(res, code, contentTypeOf(form), obj, form.kind === 'object' ? form.encoding : 'json');
  }
}

/** Writes a list page in the negotiated form. */
export function sendList(res: ServerResponse, form: ResponseForm, items: readonly KubeObject[], listMeta: TableListMeta, ctx: FormContext): void {
  const { type, version } = ctx.scope;
  switch (form.kind) {
    case 'table': {
      const table = buildTable(printerFor(type, version), items, listMeta, {
        version: form.version, includeObject: parseIncludeObject(ctx.query.get('includeObject')), nowMs: ctx.nowMs,
      });
      sendBody(res, 200, contentTypeOf(form), table);
      return;
    }
    case 'partial':
      sendBody(res, 200, contentTypeOf(form, true), {
        kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${form.version}`, metadata: listMeta, items: items.map((o) => partialObject(o, form.version)),
      });
      return;
    default:
      sendBody(res, 200, contentTypeOf(form), {
        kind: type.names.listKind, apiVersion: formatApiVersion(type.group, version), metadata: listMeta, items,
      }, form.kind === 'object' ? form.encoding : 'json');
  }
}

/**
 * The {@link WatchEncoding} of a WATCH in the negotiated form. Its id names everything that
 * shapes the bytes (form, version, includeObject, the printer, headers or not), so watchers
 * asking for the same form share each event's line in the server's WatchEventCache. A Table
 * stream's first event carries the column definitions and the ones after it do not, as
 * kube-apiserver sends them; rows are printed when the event is first encoded.
 */
export function watchEncoding(form: ResponseForm, ctx: Omit<FormContext, 'nowMs'> & { readonly now: () => number }): WatchEncoding {
  if (form.kind === 'partial') return presentedJsonLines(`PartialObjectMetadata;${form.version}`, (obj) => partialObject(obj, form.version));
  if (form.kind !== 'table') return JSON_LINES;
  const { type, version } = ctx.scope;
  const printer = printerFor(type, version);
  const includeObject = parseIncludeObject(ctx.query.get('includeObject'));
  const id = `Table;${form.version};${includeObject};${printerKey(type, version)}`;
  const table = (noHeaders: boolean) => (obj: KubeObject): unknown => buildTable(printer, [obj], { resourceVersion: obj.metadata?.resourceVersion ?? '' }, {
    version: form.version, includeObject, nowMs: ctx.now(), noHeaders,
  });
  return presentedJsonLines(id, table(false), presentedJsonLines(`${id};noHeaders`, table(true)));
}

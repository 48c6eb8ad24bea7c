/**
 * Validation of the parts of a CRD spec (apiextensions' `validation.go`): names, printer
 * columns, selectable fields, scale subresource paths, conversion and webhook client config.
 *
 * @module
 */
import type { FieldError } from '../../registry/types.js';
import type { ConversionSpec, CrdNames, PrinterColumnSpec, ScaleSpec } from '../crd-view.js';
import type { Schema } from '../schema/schema.js';
import { dns1035LabelErrors, dns1123SubdomainErrors, enumErrors, fe } from './dns.js';

/** ValidateCustomResourceDefinitionNames (spec.names and status.acceptedNames). */
export function namesErrors(names: CrdNames, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const label = (field: string, value: string, prefix = ''): void => {
    const problems = dns1035LabelErrors(prefix ? value.toLowerCase() : value);
    if (value !== '' && problems.length > 0) errors.push(fe.invalid(`${path}.${field}`, value, prefix + problems.join(',')));
  };
  label('plural', names.plural);
  label('singular', names.singular);
  label('kind', names.kind, 'may have mixed case, but should otherwise match: ');
  label('listKind', names.listKind, 'may have mixed case, but should otherwise match: ');
  names.shortNames.forEach((s, i) => {
    const problems = dns1035LabelErrors(s);
    if (problems.length > 0) errors.push(fe.invalid(`${path}.shortNames[${i}]`, s, problems.join(',')));
  });
  if (names.kind !== '' && names.kind === names.listKind) errors.push(fe.invalid(`${path}.listKind`, names.listKind, 'kind and listKind may not be the same'));
  names.categories.forEach((c, i) => {
    const problems = dns1035LabelErrors(c);
    if (problems.length > 0) errors.push(fe.invalid(`${path}.categories[${i}]`, c, problems.join(',')));
  });
  return errors;
}

/** validateSimpleJSONPath. */
export function simpleJsonPathErrors(value: string, path: string): FieldError[] {
  if (value === '') return [fe.invalid(path, value, 'must not be empty')];
  if (!value.startsWith('.')) return [fe.invalid(path, value, 'must be a simple json path starting with .')];
  return [];
}

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/** ValidateCustomResourceColumnDefinition (the JSONPath field keeps its Go name in paths). */
export function columnErrors(col: PrinterColumnSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (col.name === '') errors.push(fe.required(`${path}.name`));
  const types = `must be one of ${COLUMN_TYPES.join(',')}`;
  if (col.type === '') errors.push(fe.required(`${path}.type`, types));
  else if (!COLUMN_TYPES.includes(col.type)) errors.push(fe.invalid(`${path}.type`, col.type, types));
  if (col.format !== '' && !COLUMN_FORMATS.includes(col.format)) errors.push(fe.invalid(`${path}.format`, col.format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  if (col.jsonPath === '') errors.push(fe.required(`${path}.JSONPath`));
  else errors.push(...simpleJsonPathErrors(col.jsonPath, `${path}.JSONPath`));
  return errors;
}

/** ValidateCustomResourceDefinitionSubresources: scale paths under .spec and .status. */
export function scaleErrors(scale: ScaleSpec | undefined, path: string): FieldError[] {
  if (!scale) return [];
  const errors: FieldError[] = [];
  const check = (field: string, value: string, prefixes: readonly string[], detail: string): void => {
    const at = `${path}.scale.${field}`;
    const problems = simpleJsonPathErrors(value, at);
    if (problems.length > 0) errors.push(...problems);
    else if (!prefixes.some((p) => value.startsWith(p))) errors.push(fe.invalid(at, value, detail));
  };
  if (scale.specReplicasPath === '') errors.push(fe.required(`${path}.scale.specReplicasPath`));
  else check('specReplicasPath', scale.specReplicasPath, ['.spec.'], 'should be a json path under .spec');
  if (scale.statusReplicasPath === '') errors.push(fe.required(`${path}.scale.statusReplicasPath`));
  else check('statusReplicasPath', scale.statusReplicasPath, ['.status.'], 'should be a json path under .status');
  if (scale.labelSelectorPath) check('labelSelectorPath', scale.labelSelectorPath, ['.spec.', '.status.'], 'should be a json path under either .spec or .status');
  return errors;
}

function childSchema(current: Schema | undefined, part: string): Schema | undefined {
  if (current?.properties) return current.properties.get(part);
  return typeof current?.additionalProperties === 'object' ? current.additionalProperties : undefined;
}

/** Resolves a selectable field's dot path in the schema (cel.ValidFieldPath without array notation). */
function resolveFieldPath(jsonPath: string, schema: Schema | undefined): { root: string; schema?: Schema; error?: string } {
  if (jsonPath.includes('[')) return { root: '', error: 'array notation is not allowed' };
  if (!jsonPath.startsWith('.')) return { root: '', error: `expected [ or . but got: ${jsonPath.split('.')[0]!}` };
  const parts = jsonPath.slice(1).split('.');
  let current = schema;
  for (const part of parts) {
    if (part === '') return { root: parts[0]!, error: 'unexpected end of JSON path' };
    current = childSchema(current, part);
    if (!current) return { root: parts[0]!, error: 'does not refer to a valid field' };
  }
  return { root: parts[0]!, ...(current ? { schema: current } : {}) };
}

/** The maximum number of selectable fields per version (MaxSelectableFields). */
const MAX_SELECTABLE_FIELDS = 8;

/** ValidateCustomResourceSelectableFields. */
export function selectableFieldErrors(paths: readonly string[], schema: Schema | undefined, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const unique = new Set<string>();
  paths.forEach((jsonPath, i) => {
    const field = `${at}[${i}].jsonPath`;
    if (jsonPath === '') {
      errors.push(fe.required(field));
      return;
    }
    const found = resolveFieldPath(jsonPath, schema);
    if (found.error) {
      errors.push(fe.invalid(field, jsonPath, `is an invalid path: ${found.error}`));
      return;
    }
    if (found.root === 'metadata') errors.push(fe.invalid(field, jsonPath, 'must not point to fields in metadata'));
    const type = found.schema?.declaredType ?? '';
    if (!['string', 'boolean', 'integer'].includes(type)) {
      errors.push(fe.invalid(field, jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'));
    }
    if (unique.has(jsonPath)) errors.push(fe.duplicate(field, jsonPath));
    unique.add(jsonPath);
  });
  if (unique.size > MAX_SELECTABLE_FIELDS) errors.push(fe.tooMany(at, unique.size, MAX_SELECTABLE_FIELDS));
  return errors;
}

const FORM = '; desired format: https://host[/path]';

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** ValidateWebhookURL's checks on a parsed URL: no user info, fragment or query. */
function urlPartErrors(parsed: URL, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (parsed.username || parsed.password) errors.push(fe.invalid(path, parsed.password ? `${parsed.username}:${parsed.password}` : parsed.username, 'user information is not permitted in the URL'));
  if (parsed.hash) errors.push(fe.invalid(path, parsed.hash.slice(1), 'fragments are not permitted in the URL'));
  if (parsed.search) errors.push(fe.invalid(path, parsed.search.slice(1), 'query parameters are not permitted in the URL'));
  return errors;
}

/** ValidateWebhookURL with https required. */
function webhookUrlErrors(url: string, path: string): FieldError[] {
  const parsed = parseUrl(url);
  const scheme = parsed ? parsed.protocol.replace(/:$/, '') : '';
  const errors: FieldError[] = [];
  if (scheme !== 'https') errors.push(fe.invalid(path, scheme, `'https' is the only allowed URL scheme${FORM}`));
  if (!parsed?.host) errors.push(fe.invalid(path, parsed?.host ?? '', `host must be specified${FORM}`));
  return parsed ? [...errors, ...urlPartErrors(parsed, path)] : errors;
}

function servicePathErrors(urlPath: string, at: string): FieldError[] {
  if (urlPath === '/' || urlPath === '') return [];
  if (urlPath === '//') return [fe.invalid(at, urlPath, 'segment[0] may not be empty')];
  const errors: FieldError[] = urlPath.startsWith('/') ? [] : [fe.invalid(at, urlPath, "must start with a '/'")];
  const trimmed = urlPath.slice(1).replace(/\/$/, '');
  trimmed.split('/').forEach((step, i) => {
    if (step === '') errors.push(fe.invalid(at, urlPath, `segment[${i}] may not be empty`));
    else for (const failure of dns1123SubdomainErrors(step)) errors.push(fe.invalid(at, urlPath, `segment[${i}]: ${failure}`));
  });
  return errors;
}

/** ValidateWebhookService. */
function webhookServiceErrors(service: NonNullable<NonNullable<ConversionSpec['webhook']>['clientConfig']>['service'], path: string): FieldError[] {
  if (!service) return [];
  const errors: FieldError[] = [];
  if (service.name === '') errors.push(fe.required(`${path}.name`, 'service name is required'));
  if (service.namespace === '') errors.push(fe.required(`${path}.namespace`, 'service namespace is required'));
  if (service.port < 1 || service.port > 65535) errors.push(fe.invalid(`${path}.port`, service.port, 'port is not valid: must be between 1 and 65535, inclusive'));
  if (service.path !== undefined) errors.push(...servicePathErrors(service.path, `${path}.path`));
  return errors;
}

function reviewVersionErrors(versions: readonly string[], path: string): FieldError[] {
  if (versions.length === 0) return [fe.required(path)];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errors.push(fe.invalid(`${path}[${i}]`, v, 'duplicate version'));
      return;
    }
    seen.add(v);
    for (const problem of dns1035LabelErrors(v)) errors.push(fe.invalid(`${path}[${i}]`, v, problem));
  });
  if (!versions.some((v) => v === 'v1' || v === 'v1beta1')) errors.push(fe.invalid(path, versions, 'must include at least one of v1, v1beta1'));
  return errors;
}

/** validateCustomResourceConversion, with the internal field names kube reports. */
export function conversionErrors(conversion: ConversionSpec | undefined, path: string): FieldError[] {
  if (!conversion) return [];
  const errors = enumErrors(`${path}.strategy`, conversion.strategy, ['None', 'Webhook']);
  const clientConfig = conversion.webhook?.clientConfig;
  const reviewVersions = conversion.webhook?.conversionReviewVersions ?? [];
  if (conversion.strategy !== 'Webhook') {
    if (clientConfig) errors.push(fe.forbidden(`${path}.webhookClientConfig`, 'should not be set when strategy is not set to Webhook'));
    if (reviewVersions.length > 0) errors.push(fe.forbidden(`${path}.conversionReviewVersions`, 'should not be set when strategy is not set to Webhook'));
    return errors;
  }
  const at = `${path}.webhookClientConfig`;
  if (!clientConfig) errors.push(fe.required(at, 'required when strategy is set to Webhook'));
  else if ((clientConfig.url === undefined) === (clientConfig.service === undefined)) errors.push(fe.required(at, 'exactly one of url or service is required'));
  else if (clientConfig.url !== undefined) errors.push(...webhookUrlErrors(clientConfig.url, `${at}.url`));
  else errors.push(...webhookServiceErrors(clientConfig.service, `${at}.service`));
  errors.push(...reviewVersionErrors(reviewVersions, `${path}.conversionReviewVersions`));
  return errors;
}

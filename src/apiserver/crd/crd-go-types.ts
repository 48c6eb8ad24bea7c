/**
 * The Go types of `apiextensions.k8s.io/v1` CustomResourceDefinition
 * (`k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/types*.go`), field names, order
 * and `omitempty` as declared, for {@link goDecode}.
 *
 * @module
 */
import { type GoField, type GoType, go } from './go-decode.js';

const { field, struct } = go;
const opt = (type: GoType): GoField => field(type, true);
const req = (type: GoType): GoField => field(type, false);

const externalDocumentation = struct('ExternalDocumentation', () => ({ description: opt(go.string), url: opt(go.string) }));

const validationRule = struct('ValidationRule', () => ({
  rule: req(go.string), message: opt(go.string), messageExpression: opt(go.string), reason: opt(go.ptr(go.string)),
  fieldPath: opt(go.string), optionalOldSelf: opt(go.ptr(go.bool)),
}));

/** JSONSchemaProps; recursive, so its fields are resolved lazily. */
export const jsonSchemaProps: GoType = struct('JSONSchemaProps', () => ({
  id: opt(go.string), $schema: opt(go.string), $ref: opt(go.ptr(go.string)), description: opt(go.string), type: opt(go.string),
  format: opt(go.string), title: opt(go.string), default: opt(go.ptr(go.json)), maximum: opt(go.ptr(go.float64)), exclusiveMaximum: opt(go.bool),
  minimum: opt(go.ptr(go.float64)), exclusiveMinimum: opt(go.bool), maxLength: opt(go.ptr(go.int64)), minLength: opt(go.ptr(go.int64)),
  pattern: opt(go.string), maxItems: opt(go.ptr(go.int64)), minItems: opt(go.ptr(go.int64)), uniqueItems: opt(go.bool),
  multipleOf: opt(go.ptr(go.float64)), enum: opt(go.slice(go.json)), maxProperties: opt(go.ptr(go.int64)), minProperties: opt(go.ptr(go.int64)),
  required: opt(go.slice(go.string)), items: opt({ kind: 'orArray', of: jsonSchemaProps }), allOf: opt(go.slice(jsonSchemaProps)),
  oneOf: opt(go.slice(jsonSchemaProps)), anyOf: opt(go.slice(jsonSchemaProps)), not: opt(go.ptr(jsonSchemaProps)),
  properties: opt(go.map(jsonSchemaProps)), additionalProperties: opt({ kind: 'orBool', of: jsonSchemaProps }),
  patternProperties: opt(go.map(jsonSchemaProps)), dependencies: opt(go.map({ kind: 'orArray', of: jsonSchemaProps })),
  additionalItems: opt({ kind: 'orBool', of: jsonSchemaProps }), definitions: opt(go.map(jsonSchemaProps)),
  externalDocs: opt(go.ptr(externalDocumentation)), example: opt(go.ptr(go.json)), nullable: opt(go.bool),
  'x-kubernetes-preserve-unknown-fields': opt(go.ptr(go.bool)), 'x-kubernetes-embedded-resource': opt(go.bool),
  'x-kubernetes-int-or-string': opt(go.bool), 'x-kubernetes-list-map-keys': opt(go.slice(go.string)),
  'x-kubernetes-list-type': opt(go.ptr(go.string)), 'x-kubernetes-map-type': opt(go.ptr(go.string)),
  'x-kubernetes-validations': opt(go.slice(validationRule)),
}));

const names = struct('CustomResourceDefinitionNames', () => ({
  plural: req(go.string), singular: opt(go.string), shortNames: opt(go.slice(go.string)), kind: req(go.string),
  listKind: opt(go.string), categories: opt(go.slice(go.string)),
}));

const serviceReference = struct('ServiceReference', () => ({
  namespace: req(go.string), name: req(go.string), path: opt(go.ptr(go.string)), port: opt(go.ptr(go.int32)),
}));

const clientConfig = struct('WebhookClientConfig', () => ({
  url: opt(go.ptr(go.string)), service: opt(go.ptr(serviceReference)), caBundle: opt(go.bytes),
}));

const conversion = struct('CustomResourceConversion', () => ({
  strategy: req(go.string),
  webhook: opt(go.ptr(struct('WebhookConversion', () => ({ clientConfig: opt(go.ptr(clientConfig)), conversionReviewVersions: req(go.slice(go.string)) })))),
}));

const scale = struct('CustomResourceSubresourceScale', () => ({
  specReplicasPath: req(go.string), statusReplicasPath: req(go.string), labelSelectorPath: opt(go.ptr(go.string)),
}));

const version = struct('CustomResourceDefinitionVersion', () => ({
  name: req(go.string), served: req(go.bool), storage: req(go.bool), deprecated: opt(go.bool), deprecationWarning: opt(go.ptr(go.string)),
  schema: opt(go.ptr(struct('CustomResourceValidation', () => ({ openAPIV3Schema: opt(go.ptr(jsonSchemaProps)) })))),
  subresources: opt(go.ptr(struct('CustomResourceSubresources', () => ({ status: opt(go.ptr(go.emptyStruct)), scale: opt(go.ptr(scale)) })))),
  additionalPrinterColumns: opt(go.slice(struct('CustomResourceColumnDefinition', () => ({
    name: req(go.string), type: req(go.string), format: opt(go.string), description: opt(go.string), priority: opt(go.int32), jsonPath: req(go.string),
  })))),
  selectableFields: opt(go.slice(struct('SelectableField', () => ({ jsonPath: req(go.string) })))),
}));

const condition = struct('CustomResourceDefinitionCondition', () => ({
  type: req(go.string), status: req(go.string), lastTransitionTime: opt(go.time), reason: opt(go.string), message: opt(go.string),
}));

/** CustomResourceDefinitionStatus. */
export const customResourceDefinitionStatus: GoType = struct('CustomResourceDefinitionStatus', () => ({
  conditions: opt(go.slice(condition)), acceptedNames: req(names), storedVersions: req(go.slice(go.string)),
}));

/** CustomResourceDefinition (metadata is validated by the generic store, so it passes through as is). */
export const customResourceDefinition: GoType = struct('CustomResourceDefinition', () => ({
  apiVersion: opt(go.string), kind: opt(go.string), metadata: opt(go.rawObject),
  spec: req(struct('CustomResourceDefinitionSpec', () => ({
    group: req(go.string), names: req(names), scope: req(go.string), versions: req(go.slice(version)),
    conversion: opt(go.ptr(conversion)), preserveUnknownFields: opt(go.bool),
  }))),
  status: opt(customResourceDefinitionStatus),
}));

/**
 * Schemas of apiextensions.k8s.io/v1 CustomResourceDefinition, including the recursive
 * JSONSchemaProps. Values kube types as raw JSON (`default`, `example`, `enum` items, `items`,
 * `additionalProperties`) are left open so no valid CRD manifest is ever rejected.
 *
 * @module
 */
import { anyValue, arr, bool, gvk, int32, int64, kindProperties, map, obj, ref, str, time } from '../builder.js';
import type { JsonSchema } from '../types.js';

const V1 = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
const PROPS = `${V1}.JSONSchemaProps`;
const atomic = { 'x-kubernetes-list-type': 'atomic' } as const;

const props = (description: string): JsonSchema => ref(PROPS, description);
const propsList = (description: string): JsonSchema => arr(description, ref(PROPS), atomic);
const propsMap = (description: string): JsonSchema => map(description, ref(PROPS));

const names = obj('The names of a custom resource.', {
  categories: arr('Grouped resources this custom resource belongs to (for example "all").', { type: 'string', default: '' }, atomic),
  kind: str('The serialized kind of the resource, in CamelCase.', { default: '' }),
  listKind: str('The serialized kind of the list of this resource; defaults to `kind`List.'),
  plural: str('The plural name of the resource, lowercase, used in the URL.', { default: '' }),
  shortNames: arr('Short names for the resource on the command line, lowercase.', { type: 'string', default: '' }, atomic),
  singular: str('The singular name of the resource, lowercase; defaults to the lowercased kind.'),
}, { required: ['plural', 'kind'] });

export const APIEXTENSIONS_DEFINITIONS: Readonly<Record<string, JsonSchema>> = {
  [PROPS]: obj('A JSON-Schema following Specification Draft 4 (http://json-schema.org/).', {
    $ref: str('A reference; not allowed in structural schemas.'),
    $schema: str('The JSON schema URL.'),
    additionalItems: anyValue('A JSONSchemaProps or a boolean.'),
    additionalProperties: anyValue('A JSONSchemaProps or a boolean.'),
    allOf: propsList('All of these schemas must hold.'),
    anyOf: propsList('At least one of these schemas must hold.'),
    default: anyValue('Default value for undefined fields; applied on read and write.'),
    definitions: propsMap('Named schema definitions.'),
    dependencies: map('Property dependencies.', anyValue('A JSONSchemaProps or a list of strings.')),
    description: str('A description of the field.'),
    enum: arr('The allowed values.', anyValue('One allowed value.'), atomic),
    example: anyValue('An example value.'),
    exclusiveMaximum: bool('Whether maximum is exclusive.'),
    exclusiveMinimum: bool('Whether minimum is exclusive.'),
    externalDocs: obj('External documentation.', { description: str('Description.'), url: str('URL.') }),
    format: str('The format of a string: int32, int64, date-time, byte, uuid, …'),
    id: str('The schema id.'),
    items: anyValue('A JSONSchemaProps or a list of them.'),
    maxItems: int64('Maximum number of items.'),
    maxLength: int64('Maximum string length.'),
    maxProperties: int64('Maximum number of properties.'),
    maximum: { type: 'number', format: 'double', description: 'Maximum value.' },
    minItems: int64('Minimum number of items.'),
    minLength: int64('Minimum string length.'),
    minProperties: int64('Minimum number of properties.'),
    minimum: { type: 'number', format: 'double', description: 'Minimum value.' },
    multipleOf: { type: 'number', format: 'double', description: 'The value must be a multiple of this.' },
    not: props('This schema must not hold.'),
    nullable: bool('Whether null is allowed as well as the declared type.'),
    oneOf: propsList('Exactly one of these schemas must hold.'),
    pattern: str('A regular expression string values must match.'),
    patternProperties: propsMap('Schemas of properties whose names match the patterns.'),
    properties: propsMap('Schemas of the declared properties.'),
    required: arr('Properties that must be present.', { type: 'string', default: '' }, atomic),
    title: str('A title.'),
    type: str('The JSON type: object, array, string, integer, number, boolean.'),
    uniqueItems: bool('Whether items must be unique.'),
    'x-kubernetes-embedded-resource': bool('The value is an embedded Kubernetes object with apiVersion, kind and metadata.'),
    'x-kubernetes-int-or-string': bool('The value is an integer or a string.'),
    'x-kubernetes-list-map-keys': arr('The keys identifying items of a list of type map.', { type: 'string', default: '' }, atomic),
    'x-kubernetes-list-type': str('How a list merges: atomic, set or map.'),
    'x-kubernetes-map-type': str('How a map merges: granular or atomic.'),
    'x-kubernetes-preserve-unknown-fields': bool('Unknown fields below this node are kept instead of pruned.'),
    'x-kubernetes-validations': arr('CEL validation rules.', ref(`${V1}.ValidationRule`), {
      'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['rule'], 'x-kubernetes-patch-merge-key': 'rule', 'x-kubernetes-patch-strategy': 'merge',
    }),
  }),
  [`${V1}.ValidationRule`]: obj('A validation rule written in CEL.', {
    fieldPath: str('The field the error refers to.'),
    message: str('The message shown when validation fails.'),
    messageExpression: str('A CEL expression producing the message.'),
    optionalOldSelf: bool('Whether oldSelf may be absent on transition rules.'),
    reason: str('The machine-readable reason of a failure.'),
    rule: str('The CEL expression.', { default: '' }),
  }, { required: ['rule'] }),
  [`${V1}.CustomResourceDefinitionNames`]: names,
  [`${V1}.CustomResourceColumnDefinition`]: obj('A column for server-side printing.', {
    description: str('A human-readable description of the column.'),
    format: str('An optional OpenAPI format of the column.'),
    jsonPath: str('A simple JSONPath evaluated against each object to produce the value.', { default: '' }),
    name: str('A human-readable name of the column.', { default: '' }),
    priority: int32('0 for the standard view, higher for wide views.'),
    type: str('The OpenAPI type of the column.', { default: '' }),
  }, { required: ['name', 'type', 'jsonPath'] }),
  [`${V1}.CustomResourceDefinitionVersion`]: obj('A version of a CustomResourceDefinition.', {
    additionalPrinterColumns: arr('Columns returned in Table output.', ref(`${V1}.CustomResourceColumnDefinition`), atomic),
    deprecated: bool('Whether this version is deprecated.'),
    deprecationWarning: str('Overrides the default warning returned to clients of a deprecated version.'),
    name: str('The version name, for example v1 or v1beta1.', { default: '' }),
    schema: obj('Validation, pruning and defaulting schema of this version.', { openAPIV3Schema: props('The OpenAPI v3 schema.') }),
    selectableFields: arr('Fields usable as field selectors.', obj('A selectable field.', { jsonPath: str('A simple JSON path to the field.', { default: '' }) }, { required: ['jsonPath'] }), atomic),
    served: bool('Whether this version is served by the REST APIs.'),
    storage: bool('Whether this version is used to persist objects. Exactly one version must be the storage version.'),
    subresources: obj('The subresources this version of the custom resource has.', {
      scale: obj('The scale subresource.', {
        labelSelectorPath: str('JSON path to the label selector in the custom resource.'),
        specReplicasPath: str('JSON path to the desired replicas.', { default: '' }),
        statusReplicasPath: str('JSON path to the observed replicas.', { default: '' }),
      }, { required: ['specReplicasPath', 'statusReplicasPath'] }),
      status: { type: 'object', description: 'Enables the status subresource. An empty object.' },
    }),
  }, { required: ['name', 'served', 'storage'] }),
  [`${V1}.CustomResourceDefinitionSpec`]: obj('The desired state of a CustomResourceDefinition.', {
    conversion: obj('How custom resources are converted between versions.', {
      strategy: str('None or Webhook.', { default: '' }),
      webhook: obj('Webhook conversion settings.', {
        clientConfig: obj('How to reach the webhook.', {
          caBundle: str('A PEM-encoded CA bundle validating the webhook server certificate.', { format: 'byte' }),
          service: obj('A reference to a service.', {
            name: str('Name of the service.', { default: '' }), namespace: str('Namespace of the service.', { default: '' }),
            path: str('URL path.'), port: int32('Port; defaults to 443.'),
          }, { required: ['namespace', 'name'] }),
          url: str('The location of the webhook.'),
        }),
        conversionReviewVersions: arr('ConversionReview versions the webhook accepts.', { type: 'string', default: '' }, atomic),
      }, { required: ['conversionReviewVersions'] }),
    }, { required: ['strategy'] }),
    group: str('The API group of the custom resources.', { default: '' }),
    names: ref(`${V1}.CustomResourceDefinitionNames`, 'The names of the custom resource.'),
    preserveUnknownFields: bool('Deprecated: keep unknown fields. Must be false for v1 CRDs with structural schemas.'),
    scope: str('Cluster or Namespaced.', { default: '' }),
    versions: arr('The served versions of the custom resource.', ref(`${V1}.CustomResourceDefinitionVersion`), atomic),
  }, { required: ['group', 'names', 'scope', 'versions'] }),
  [`${V1}.CustomResourceDefinitionCondition`]: obj('The state of a CustomResourceDefinition at a point in time.', {
    lastTransitionTime: time('Last time the condition changed.'),
    message: str('Human-readable details.'),
    observedGeneration: int64('The generation the condition was set for.'),
    reason: str('Machine-readable reason for the last transition.'),
    status: str('True, False or Unknown.', { default: '' }),
    type: str('The type of the condition (Established, NamesAccepted, …).', { default: '' }),
  }, { required: ['type', 'status'] }),
  [`${V1}.CustomResourceDefinitionStatus`]: obj('The observed state of a CustomResourceDefinition.', {
    acceptedNames: ref(`${V1}.CustomResourceDefinitionNames`, 'The names actually being served.'),
    conditions: arr('The observations of the current state.', ref(`${V1}.CustomResourceDefinitionCondition`), { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] }),
    observedGeneration: int64('The generation observed by the controllers.'),
    storedVersions: arr('Versions objects have ever been stored in.', { type: 'string', default: '' }, atomic),
  }),
  [`${V1}.CustomResourceDefinition`]: obj('Represents a resource that should be exposed on the API server. Its name must be <plural>.<group>.', {
    ...kindProperties(),
    spec: ref(`${V1}.CustomResourceDefinitionSpec`, 'The desired state of the definition.'),
    status: ref(`${V1}.CustomResourceDefinitionStatus`, 'The observed state of the definition.'),
  }, { required: ['spec'], ...gvk('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition') }),
};

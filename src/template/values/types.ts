/**
 * Go static types, as far as templates can observe them. Go templates print type names in error
 * messages (`wrong type for value; expected int; got int64`, `can't evaluate field x in type
 * interface {}`) and decide behaviour by kind (`len`, `range`, truth), so every value carries a
 * {@link GoType}. Types are interned: two structurally equal types are the same object, so
 * identity (`===`) is Go's type identity.
 *
 * @module
 */
import type { FuncDef } from '../funcs/registry.js';

/** reflect.Kind names. `ptr` is reflect.Pointer. */
export type Kind =
  | 'bool' | 'int' | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr'
  | 'float32' | 'float64' | 'complex64' | 'complex128'
  | 'string' | 'interface' | 'map' | 'slice' | 'struct' | 'ptr' | 'func';

/** Integer kinds, signed and unsigned. */
export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

const INT_KINDS: ReadonlySet<string> = new Set<IntKind>(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);
const UNSIGNED: ReadonlySet<string> = new Set<IntKind>(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

/** A struct field as declared: its Go type decides what a template gets when it reads the field. */
export interface StructField {
  readonly name: string;
  readonly type: GoType;
}

/**
 * A Go type. `name` is what reflect.Type.String() prints (`map[string]interface {}`,
 * `*controllers.currentClusterObjects`, `time.Time`). Named types may carry methods, which
 * templates call as `.Method` (for example `.Major` on a semver version, `.Unix` on a time).
 */
export class GoType {
  /** Methods callable from templates, keyed by name. The receiver is the first argument. */
  readonly methods = new Map<string, FuncDef>();

  private constructor(
    readonly kind: Kind,
    readonly name: string,
    /** Element type of map, slice and pointer types. */
    readonly elem: GoType | undefined,
    /** Key type of map types. */
    readonly key: GoType | undefined,
    /** Declared fields of struct types, in declaration order. */
    readonly fields: readonly StructField[] | undefined,
  ) {}

  static #interned = new Map<string, GoType>();

  /** @internal Use the constructors below (`T`, {@link mapOf}, {@link sliceOf}, {@link ptrTo}, {@link namedType}). */
  static intern(kind: Kind, name: string, parts: { elem?: GoType; key?: GoType; fields?: readonly StructField[] } = {}): GoType {
    let type = GoType.#interned.get(name);
    if (type === undefined) {
      type = new GoType(kind, name, parts.elem, parts.key, parts.fields);
      GoType.#interned.set(name, type);
    } else if (type.kind !== kind) {
      throw new Error(`GoType ${name} is already defined with kind ${type.kind}`);
    }
    return type;
  }

  /** True for every integer kind (signed or unsigned). */
  get isInt(): boolean {
    return INT_KINDS.has(this.kind);
  }

  /** True for unsigned integer kinds. */
  get isUnsigned(): boolean {
    return UNSIGNED.has(this.kind);
  }

  /** True for float32/float64. */
  get isFloat(): boolean {
    return this.kind === 'float64' || this.kind === 'float32';
  }

  /** True for complex64/complex128. */
  get isComplex(): boolean {
    return this.kind === 'complex128' || this.kind === 'complex64';
  }

  /** reflect's canBeNil: an untyped nil can be assigned to a value of this type. */
  get canBeNil(): boolean {
    return this.kind === 'map' || this.kind === 'slice' || this.kind === 'ptr' || this.kind === 'interface' || this.kind === 'func';
  }

  /** The declared field of a struct (or pointer-to-struct) type, or undefined. */
  field(name: string): StructField | undefined {
    const struct = this.kind === 'ptr' ? this.elem : this;
    return struct?.fields?.find((f) => f.name === name);
  }

  toString(): string {
    return this.name;
  }
}

function basic(kind: Kind): GoType {
  return GoType.intern(kind, kind);
}

/** `map[K]V`. Only string keys are supported by the value model (JSON and sprig use no others). */
export function mapOf(key: GoType, elem: GoType): GoType {
  return GoType.intern('map', `map[${key.name}]${elem.name}`, { key, elem });
}

/** `[]E`. */
export function sliceOf(elem: GoType): GoType {
  return GoType.intern('slice', `[]${elem.name}`, { elem });
}

/** `*E`. */
export function ptrTo(elem: GoType): GoType {
  return GoType.intern('ptr', `*${elem.name}`, { elem });
}

/** A named struct type such as `controllers.currentClusterObjects` or `time.Time`. */
export function structType(name: string, fields: readonly StructField[] = []): GoType {
  return GoType.intern('struct', name, { fields });
}

/** A named non-struct type such as `time.Month` (kind int) or `time.Duration` (kind int64). */
export function namedType(name: string, kind: Kind): GoType {
  return GoType.intern(kind, name);
}

const any = GoType.intern('interface', 'interface {}');

/** The predeclared and common composite types. `T.any` is `interface {}`. */
export const T = {
  bool: basic('bool'),
  int: basic('int'),
  int8: basic('int8'),
  int16: basic('int16'),
  int32: basic('int32'),
  int64: basic('int64'),
  uint: basic('uint'),
  uint8: basic('uint8'),
  uint16: basic('uint16'),
  uint32: basic('uint32'),
  uint64: basic('uint64'),
  uintptr: basic('uintptr'),
  float32: basic('float32'),
  float64: basic('float64'),
  complex64: basic('complex64'),
  complex128: basic('complex128'),
  string: basic('string'),
  any,
  /** Go's `error` interface: a parameter or result of this type holds an error value. */
  error: GoType.intern('interface', 'error'),
  /**
   * `reflect.Value`: the parameter type of Go's built-ins (index, eq, and, len…). A parameter
   * of this type receives the evaluated value untouched (see README).
   */
  reflectValue: GoType.intern('struct', 'reflect.Value'),
  mapStringAny: mapOf(basic('string'), any),
  mapStringString: mapOf(basic('string'), basic('string')),
  sliceAny: sliceOf(any),
  sliceString: sliceOf(basic('string')),
  sliceByte: sliceOf(basic('uint8')),
  sliceInt: sliceOf(basic('int')),
} as const;

/** The Go type for a reflect kind name used by sprig's `kindIs`/`typeIs` helpers, when basic. */
export function basicType(kind: Kind): GoType | undefined {
  return INT_KINDS.has(kind) || ['bool', 'float32', 'float64', 'complex64', 'complex128', 'string'].includes(kind)
    ? GoType.intern(kind, kind)
    : undefined;
}

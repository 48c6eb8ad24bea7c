/**
 * The protobuf wire format, read side only: varints, fixed 32/64-bit values and
 * length-delimited fields (https://protobuf.dev/programming-guides/encoding/). Enough to decode
 * the proto2 messages Kubernetes clients send; errors say where the bytes stopped making sense.
 *
 * @module
 */

/** One field occurrence in a message. */
export type WireField =
  | { readonly field: number; readonly wire: 'varint'; readonly value: bigint }
  | { readonly field: number; readonly wire: 'bytes'; readonly value: Uint8Array }
  | { readonly field: number; readonly wire: 'fixed64' | 'fixed32'; readonly value: Uint8Array };

export class WireError extends Error {}

function readVarint(buf: Uint8Array, start: number): { value: bigint; next: number } {
  let result = 0n;
  let shift = 0n;
  for (let i = start; i < buf.length && i < start + 10; i++) {
    const byte = buf[i]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value: result, next: i + 1 };
    shift += 7n;
  }
  throw new WireError(`truncated or overlong varint at byte ${start}`);
}

function take(buf: Uint8Array, start: number, length: number): Uint8Array {
  if (length < 0 || start + length > buf.length) throw new WireError(`field of ${length} bytes at byte ${start} runs past the end of the message`);
  return buf.subarray(start, start + length);
}

/** Splits a message into its fields, in wire order. Groups (deprecated wire types 3 and 4) are rejected. */
export function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const tag = readVarint(buf, pos);
    pos = tag.next;
    const field = Number(tag.value >> 3n);
    const wireType = Number(tag.value & 7n);
    if (field === 0) throw new WireError('field number 0 is not valid');
    switch (wireType) {
      case 0: {
        const v = readVarint(buf, pos);
        fields.push({ field, wire: 'varint', value: v.value });
        pos = v.next;
        break;
      }
      case 1: fields.push({ field, wire: 'fixed64', value: take(buf, pos, 8) }); pos += 8; break;
      case 2: {
        const len = readVarint(buf, pos);
        const value = take(buf, len.next, Number(len.value));
        fields.push({ field, wire: 'bytes', value });
        pos = len.next + value.length;
        break;
      }
      case 5: fields.push({ field, wire: 'fixed32', value: take(buf, pos, 4) }); pos += 4; break;
      default: throw new WireError(`unsupported wire type ${wireType} for field ${field}`);
    }
  }
  return fields;
}

/** A varint as a signed 64-bit integer (int32/int64 fields encode negatives as 64-bit two's complement). */
export function asSigned(value: bigint): number {
  return Number(BigInt.asIntN(64, value));
}

/** Encodes a varint (for tests and the OpenAPI v2 document). */
export function writeVarint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

/** A protobuf message under construction: fields appended in order. */
export class MessageWriter {
  readonly #bytes: number[] = [];

  /** A length-delimited field: a string, bytes, or a nested message. */
  bytes(field: number, value: string | Uint8Array | MessageWriter): this {
    const data = value instanceof MessageWriter ? value.finish() : typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    this.#bytes.push(...writeVarint((field << 3) | 2), ...writeVarint(data.length), ...data);
    return this;
  }

  /** A varint field (int32, int64, bool). */
  varint(field: number, value: number | bigint | boolean): this {
    this.#bytes.push(...writeVarint(field << 3), ...writeVarint(typeof value === 'boolean' ? (value ? 1 : 0) : value));
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }
}

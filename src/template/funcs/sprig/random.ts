/**
 * sprig's uuidv4 (google/uuid's New) and randBytes, from the injected random source.
 *
 * @module
 */
import { defineFunc, FuncError, type FuncDef } from '../registry.js';

export const randomFuncs: readonly FuncDef[] = [
  defineFunc({
    name: 'uuidv4',
    params: [],
    result: 'string',
    impl: (ctx) => {
      const b = ctx.random.fill(new Uint8Array(16));
      b[6] = (b[6]! & 0x0f) | 0x40; // version 4
      b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
      const hex = Buffer.from(b).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  }),
  defineFunc({
    name: 'randBytes',
    params: ['int'],
    result: 'string',
    returnsError: true,
    impl: (ctx, count) => {
      // make([]byte, count) panics on a negative length.
      if (count < 0) throw new FuncError('runtime error: makeslice: len out of range');
      return Buffer.from(ctx.random.fill(new Uint8Array(count))).toString('base64');
    },
  }),
];

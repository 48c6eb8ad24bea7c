/**
 * ESO v2's additions to its vendored sprig: hexdec, toYaml, fromYaml, pkcs12key(Pass),
 * pkcs12cert(Pass), pemToPkcs12(Pass), fullPemToPkcs12(Pass), pemTruststoreToPKCS12(Pass),
 * filterPEM, filterCertChain, certSANs, jwkPublicKeyPem, jwkPrivateKeyPem, rsaDecrypt.
 *
 * @module
 */
import { isPrint } from '../fmt/strconv.js';
import { goString } from '../fmt/gostring.js';
import { defineFunc, type FuncDef } from './registry.js';
import { fromYaml, toYaml } from './yaml-funcs.js';
import { esoKeyFuncs } from './eso-keys.js';
import { esoPemFuncs } from './eso-pem.js';
import { esoPkcs12Funcs } from './eso-pkcs12.js';

const HEX_DIGIT = /^[0-9a-fA-F]$/;

/** fmt's %#U of one byte taken as a rune: `U+007A 'z'`, or `U+0000` when not printable. */
function byteRune(b: number): string {
  const code = `U+${b.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(b) ? `${code} '${String.fromCharCode(b)}'` : code;
}

/** encoding/hex.DecodeString's error for `bytes`, or undefined when it decodes. */
function hexError(bytes: Uint8Array): string | undefined {
  const valid = (b: number): boolean => HEX_DIGIT.test(String.fromCharCode(b));
  let j = 1;
  for (; j < bytes.length; j += 2) {
    if (!valid(bytes[j - 1]!)) return `encoding/hex: invalid byte: ${byteRune(bytes[j - 1]!)}`;
    if (!valid(bytes[j]!)) return `encoding/hex: invalid byte: ${byteRune(bytes[j]!)}`;
  }
  if (bytes.length % 2 === 1) {
    return valid(bytes[j - 1]!) ? 'encoding/hex: odd length hex string' : `encoding/hex: invalid byte: ${byteRune(bytes[j - 1]!)}`;
  }
  return undefined;
}

/** ESO's hexdec: the decoded bytes as a string (raw bytes kept, see encoding/gostring.ts), or the decoding error's text. */
export const hexdec = defineFunc({
  name: 'hexdec',
  params: ['string'],
  result: 'string',
  impl: (_ctx, s) => {
    const bytes = Buffer.from(s, 'utf8');
    return hexError(bytes) ?? goString(Buffer.from(s, 'hex'));
  },
});

/** ESO's additions (the removals are in profiles.ts); its three-argument htpasswd replaces sprig's. */
export const esoFuncs: readonly FuncDef[] = [hexdec, toYaml, fromYaml, ...esoPkcs12Funcs, ...esoPemFuncs, ...esoKeyFuncs];

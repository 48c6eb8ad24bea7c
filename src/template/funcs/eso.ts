/**
 * ESO v2's additions to its vendored sprig: hexdec, toYaml, fromYaml, pkcs12key(Pass),
 * pkcs12cert(Pass), pemToPkcs12(Pass), fullPemToPkcs12(Pass), pemTruststoreToPKCS12(Pass),
 * filterPEM, filterCertChain, certSANs, jwkPublicKeyPem, jwkPrivateKeyPem, rsaDecrypt.
 *
 * To be filled by the function-library work (issue 3, second half).
 *
 * @module
 */
import type { FuncDef } from './registry.js';

/** ESO's additions (the removals are in profiles.ts). */
export const esoFuncs: readonly FuncDef[] = [];

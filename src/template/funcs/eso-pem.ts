/**
 * ESO v2's PEM helpers (runtime/template/v2 pem.go, pem_chain.go): filterPEM, filterCertChain
 * and certSANs, plus the chain ordering pkcs12cert shares. Chains are ordered by
 * AuthorityKeyId/SubjectKeyId only (no signature checks), as ESO does.
 *
 * @module
 */
import { goBytes } from '../fmt/gostring.js';
import { sliceString } from '../values/value.js';
import { defineFunc, FuncError, type FuncDef } from './registry.js';
import { decodePem, encodePem, type PemBlock } from './crypto/pem.js';
import { CertError, parseCertificate, subjectAltNames, type Certificate } from './crypto/x509.js';

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** A Go error of these helpers, with ESO's or crypto/x509's text. */
function failWith(e: unknown): never {
  if (e instanceof CertError) throw new FuncError(e.message);
  throw e;
}

/** ESO's trimJunk: everything before the first `-----BEGIN` goes (what pem.Decode did before Go 1.26). */
function fromFirstBegin(input: string): string {
  const i = input.indexOf('-----BEGIN');
  return i < 0 ? input : input.slice(i);
}

/** The certificates of every PEM block in `data` (ESO's pemToNodes: every block must be a certificate). */
function pemCertificates(data: Uint8Array): Certificate[] {
  const certs: Certificate[] = [];
  for (let rest = data; ;) {
    const { block, rest: next } = decodePem(rest);
    if (block === undefined) return certs;
    rest = next;
    try {
      certs.push(parseCertificate(block.bytes));
    } catch (e) {
      failWith(e);
    }
  }
}

/** ESO's fetchX509CertChains: leaf first, root last; throws ESO's messages. */
export function orderChain(data: Uint8Array): Certificate[] {
  const certs = pemCertificates(data);
  const parent = certs.map(() => -1);
  const isParent = certs.map(() => false);
  certs.forEach((c, i) => {
    const j = certs.findIndex((other, k) => k !== i && equalBytes(c.authorityKeyId, other.subjectKeyId));
    if (j >= 0) {
      isParent[j] = true;
      parent[i] = j;
    }
  });
  const leaves = certs.map((_, i) => i).filter((i) => !isParent[i]);
  if (leaves.length > 1) throw new FuncError('found multiple leaf or disjunct certificates');
  if (leaves.length === 0) throw new FuncError('no leaf certificate found');
  const chain: Certificate[] = [];
  for (let n = leaves[0]!; n >= 0; n = parent[n]!) {
    if (chain.length === certs.length) throw new FuncError('constructing chain resulted in cycle');
    chain.push(certs[n]!);
  }
  return chain;
}

const certPem = (c: Certificate): string => encodePem('CERTIFICATE', c.raw);
const isRoot = (c: Certificate): boolean => c.authorityKeyId.length === 0 || equalBytes(c.authorityKeyId, c.subjectKeyId);

/** strings.EqualFold for PEM type names. */
const sameType = (a: string, b: string): boolean => a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();

function filterPEM(pemType: string, input: string): string {
  let data = goBytes(fromFirstBegin(input));
  let out = '';
  for (;;) {
    const { block, rest }: { block?: PemBlock; rest: Uint8Array } = decodePem(data);
    data = rest;
    if (block === undefined) break;
    if (sameType(block.type, pemType)) out += encodePem(block.type, block.bytes, block.headers);
  }
  // What is left after the last block (or all of it, when nothing decoded) must be empty unless something matched.
  if (out === '' && data.length !== 0) throw new FuncError('error filtering pem: found junk');
  return out;
}

function filterCertChain(certType: string, input: string): string {
  const chain = orderChain(goBytes(input));
  switch (certType) {
    case 'leaf': {
      const leaf = chain[0]!;
      return leaf.authorityKeyId.length > 0 && !equalBytes(leaf.authorityKeyId, leaf.subjectKeyId) ? certPem(leaf) : '';
    }
    case 'intermediate': {
      let out = '';
      for (const c of chain.slice(1)) {
        if (isRoot(c)) break;
        out += certPem(c);
      }
      return out;
    }
    case 'root': {
      const root = chain[chain.length - 1]!;
      return isRoot(root) ? certPem(root) : '';
    }
    default:
      return '';
  }
}

function certSANs(input: string): string[] {
  const { block } = decodePem(goBytes(fromFirstBegin(input)));
  if (block === undefined) throw new FuncError('failed to decode PEM block');
  try {
    return subjectAltNames(parseCertificate(block.bytes));
  } catch (e) {
    if (e instanceof CertError) throw new FuncError(`failed to parse certificate: ${e.message}`);
    throw e;
  }
}

export const esoPemFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'filterPEM', params: ['string', 'string'], result: 'string', returnsError: true, impl: (_ctx, type, input) => filterPEM(type, input) }),
  defineFunc({ name: 'filterCertChain', params: ['string', 'string'], result: 'string', returnsError: true, impl: (_ctx, type, input) => filterCertChain(type, input) }),
  defineFunc({ name: 'certSANs', params: ['string'], result: '[]string', returnsError: true, impl: (_ctx, input) => sliceString(certSANs(input)) }),
];

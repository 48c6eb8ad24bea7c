/**
 * The part of Go's net/netip.ParseAddr that url.Parse uses on bracketed hosts: whether the text
 * is an IPv6 address (optionally with a zone), with ParseAddr's exact error texts.
 *
 * @module
 */
import { quote } from '../../fmt/strconv.js';

class AddrError extends Error {
  constructor(input: string, msg: string, at?: string) {
    super(`ParseAddr(${quote(input)}): ${msg}${at === undefined || at === '' ? '' : ` (at ${quote(at)})`}`);
  }
}

/** Adds a digit to an IPv4 octet, rejecting leading zeros and values over 255. */
function octetDigit(input: string, val: number, digits: number, c: string): number {
  if (digits === 1 && val === 0) throw new AddrError(input, 'IPv4 field has octet with leading zero');
  const next = val * 10 + Number(c);
  if (next > 255) throw new AddrError(input, 'IPv4 field has value >255');
  return next;
}

/** parseIPv4Fields over s (a substring of `input`, which error messages name). */
function checkIPv4(input: string, s: string): void {
  let val = 0;
  let pos = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '.') {
      // ".1.2.3", "1.2.3." and "1..2.3" all have an empty field.
      const empty = i === 0 || i === s.length - 1 || s[i - 1] === '.';
      if (empty) throw new AddrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) throw new AddrError(input, 'IPv4 address too long');
      pos++;
      val = 0;
      digits = 0;
      continue;
    }
    if (c < '0' || c > '9') throw new AddrError(input, 'unexpected character', s.slice(i));
    val = octetDigit(input, val, digits++, c);
  }
  if (pos < 3) throw new AddrError(input, 'IPv4 address too short');
}

/** Reads one hex group at the start of `s`; returns its length in characters. */
function hexGroup(input: string, s: string): number {
  let off = 0;
  let acc = 0;
  for (; off < s.length && /[0-9a-fA-F]/.test(s[off]!); off++) {
    acc = acc * 16 + parseInt(s[off]!, 16);
    if (off > 3) throw new AddrError(input, 'each group must have 4 or less digits', s);
    if (acc > 0xffff) throw new AddrError(input, 'IPv6 field has value >=2^16', s);
  }
  if (off === 0) throw new AddrError(input, 'each colon-separated field must have at least one digit', s);
  return off;
}

/** Where parseIPv6 stands: the text left, bytes filled so far, and where a `::` was. */
interface V6State {
  s: string;
  i: number;
  ellipsis: number;
}

/** One field of parseIPv6's loop; returns false when the loop ends. */
function v6Field(input: string, st: V6State): boolean {
  const off = hexGroup(input, st.s);
  if (st.s[off] === '.') {
    if (st.ellipsis < 0 && st.i !== 12) throw new AddrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', st.s);
    if (st.i + 4 > 16) throw new AddrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', st.s);
    checkIPv4(input, st.s);
    st.s = '';
    st.i += 4;
    return false;
  }
  st.i += 2;
  st.s = st.s.slice(off);
  if (st.s === '') return false;
  if (st.s[0] !== ':') throw new AddrError(input, 'unexpected character, want colon', st.s);
  if (st.s.length === 1) throw new AddrError(input, 'colon must be followed by more characters', st.s);
  st.s = st.s.slice(1);
  if (st.s[0] !== ':') return true;
  if (st.ellipsis >= 0) throw new AddrError(input, 'multiple :: in address', st.s);
  st.ellipsis = st.i;
  st.s = st.s.slice(1);
  return st.s !== '';
}

/** parseIPv6's validation. */
function checkIPv6(input: string): void {
  const pct = input.indexOf('%');
  if (pct === input.length - 1) throw new AddrError(input, 'zone must be a non-empty string');
  const st: V6State = { s: pct === -1 ? input : input.slice(0, pct), i: 0, ellipsis: -1 };
  if (st.s.startsWith('::')) {
    st.ellipsis = 0;
    st.s = st.s.slice(2);
    if (st.s === '') return;
  }
  while (st.i < 16 && v6Field(input, st));
  if (st.s !== '') throw new AddrError(input, 'trailing garbage after address', st.s);
  if (st.i < 16 && st.ellipsis < 0) throw new AddrError(input, 'address string too short');
  if (st.i >= 16 && st.ellipsis >= 0) throw new AddrError(input, 'the :: must expand to at least one field of zeros');
}

/**
 * What url.Parse says about a bracketed host: undefined when it is an IPv6 address,
 * `invalid IP-literal` for IPv4, `invalid host: ParseAddr(…): …` otherwise.
 */
export function checkIPLiteral(host: string): string | undefined {
  try {
    for (const c of host) {
      if (c === '.') {
        checkIPv4(host, host);
        return 'invalid IP-literal';
      }
      if (c === ':') {
        checkIPv6(host);
        return undefined;
      }
      if (c === '%') throw new AddrError(host, 'missing IPv6 address');
    }
    throw new AddrError(host, 'unable to parse IP');
  } catch (e) {
    if (e instanceof AddrError) return `invalid host: ${e.message}`;
    throw e;
  }
}

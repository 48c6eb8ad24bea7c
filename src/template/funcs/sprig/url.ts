/**
 * sprig's urlParse and urlJoin over a port of Go's net/url: Parse (scheme, opaque, authority,
 * userinfo, IP literals checked like net/netip, escapes validated) and URL.String (escaping per
 * component). URLs are bytes in Go, so parsing works on byte strings and decodes at the end.
 *
 * @module
 */
import { quote } from '../../fmt/strconv.js';
import { T } from '../../values/types.js';
import { GoMap, kindOf, type GoAny } from '../../values/value.js';
import { defineFunc, FuncError, type FuncDef } from '../registry.js';
import { fromBytes, toBytes } from './gostring.js';
import { NIL_DEREF } from './lists.js';
import { checkIPLiteral } from './netip.js';

/** Escaping contexts (Go's encoding modes). */
type Mode = 'path' | 'segment' | 'host' | 'zone' | 'userinfo' | 'query' | 'fragment';

const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

/** Reserved characters (RFC 3986 §2.2) each mode must still escape; hosts escape them all. */
const RESERVED_ESCAPED: Readonly<Record<Mode, string>> = {
  path: '?',
  segment: '/;,?',
  userinfo: '@/?:',
  query: '$&+,/:;=?@',
  fragment: '',
  host: '$&+,/:;=?@',
  zone: '$&+,/:;=?@',
};

/** net/url's shouldEscape for one byte (as a char U+0000–U+00FF). */
function shouldEscape(c: string, mode: Mode): boolean {
  if (isAlnum(c) || '-_.~'.includes(c)) return false;
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) return RESERVED_ESCAPED[mode].includes(c);
  return !(mode === 'fragment' && '!()*'.includes(c));
}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** An error of net/url, reported through url.Error as `parse "URL": MESSAGE`. */
class UrlError extends Error {}

/** Checks one `%XX` escape at `i` for the mode's rules. */
function checkEscape(s: string, i: number, mode: Mode): void {
  const escape = s.slice(i, i + 3);
  const bad = () => new UrlError(`invalid URL escape ${quote(fromBytes(escape))}`);
  if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) throw bad();
  const v = parseInt(s.slice(i + 1, i + 3), 16);
  // Hosts may %-encode only non-ASCII bytes (and %25, the zone separator); zones only host-legal bytes.
  if (mode === 'host' && v < 0x80 && escape !== '%25') throw bad();
  if (mode === 'zone' && escape !== '%25' && v !== 0x20 && shouldEscape(String.fromCharCode(v), 'host')) throw bad();
}

/** net/url's unescape over a byte string. */
function unescape(s: string, mode: Mode): string {
  const hostLike = mode === 'host' || mode === 'zone';
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      checkEscape(s, i, mode);
      i += 3;
      continue;
    }
    if (hostLike && c < '\x80' && shouldEscape(c, mode)) throw new UrlError(`invalid character ${quote(c)} in host name`);
    i++;
  }
  return s.replace(/%([0-9A-Fa-f]{2})|\+/g, (m, hex: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    return mode === 'query' ? ' ' : '+';
  });
}

/** net/url's escape over a byte string. */
function escape(s: string, mode: Mode): string {
  let out = '';
  for (const c of s) {
    if (c === ' ' && mode === 'query') out += '+';
    else if (shouldEscape(c, mode)) out += `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    else out += c;
  }
  return out;
}

/** The parts of a URL (byte strings), as Go's URL struct holds them. */
interface Url {
  scheme: string;
  opaque: string;
  user: { username: string; password: string | undefined } | undefined;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
  forceQuery: boolean;
  omitHost: boolean;
}

const emptyUrl = (): Url => ({
  scheme: '', opaque: '', user: undefined, host: '', path: '', rawPath: '', rawQuery: '', fragment: '', rawFragment: '', forceQuery: false, omitHost: false,
});

/** getScheme: `[a-zA-Z][a-zA-Z0-9+.-]*:`, or no scheme. */
function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new UrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

/** parseHost: host[:port], with IP literals in brackets. */
function parseHost(scheme: string, host: string): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new UrlError('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${quote(fromBytes(colonPort))} after host`);
    const port = unescape(colonPort, 'host');
    const hostname = host.slice(1, close);
    const zone = hostname.indexOf('%25');
    const unescaped = zone >= 0 ? unescape(hostname.slice(0, zone), 'host') + unescape(hostname.slice(zone), 'zone') : unescape(hostname, 'host');
    const problem = checkIPLiteral(fromBytes(unescaped));
    if (problem !== undefined) throw new UrlError(problem);
    return `[${unescaped}]${port}`;
  }
  const first = host.indexOf(':');
  if (first !== -1) {
    const last = host.lastIndexOf(':');
    // Go 1.26 rejects extra colons in http(s) hosts; other schemes take the last one as the port.
    const at = last !== first && scheme !== 'http' && scheme !== 'https' ? last : first;
    const colonPort = host.slice(at);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${quote(fromBytes(colonPort))} after host`);
  }
  return unescape(host, 'host');
}

const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function parseAuthority(url: Url, authority: string): void {
  const at = authority.lastIndexOf('@');
  url.host = parseHost(url.scheme, at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!USERINFO.test(userinfo)) throw new UrlError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) url.user = { username: unescape(userinfo, 'userinfo'), password: undefined };
  else url.user = { username: unescape(userinfo.slice(0, colon), 'userinfo'), password: unescape(userinfo.slice(colon + 1), 'userinfo') };
}

// eslint-disable-next-line no-control-regex -- exactly the bytes Go rejects
const CONTROL = /[\x00-\x1f\x7f]/;

/** Splits off the query: sets rawQuery (or forceQuery for a lone trailing "?"); returns the rest. */
function splitQuery(url: Url, rest: string): string {
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    url.forceQuery = true;
    return rest.slice(0, -1);
  }
  const q = rest.indexOf('?');
  if (q < 0) return rest;
  url.rawQuery = rest.slice(q + 1);
  return rest.slice(0, q);
}

/** url.parse(rawURL, false) on a byte string (without the fragment). */
function parseWithoutFragment(raw: string): Url {
  if (CONTROL.test(raw)) throw new UrlError('net/url: invalid control character in URL');
  const url = emptyUrl();
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  let rest: string;
  [url.scheme, rest] = getScheme(raw);
  url.scheme = url.scheme.toLowerCase();
  rest = splitQuery(url, rest);
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    if (rest.split('/')[0]!.includes(':')) throw new UrlError('first path segment in URL cannot contain colon');
  }
  setPath(url, splitAuthority(url, rest));
  return url;
}

/** Parses a leading `//authority` into the URL; returns the path after it. */
function splitAuthority(url: Url, rest: string): string {
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    parseAuthority(url, slash < 0 ? rest.slice(2) : rest.slice(2, slash));
    return slash < 0 ? '' : rest.slice(slash);
  }
  // "scheme:/path" has an empty authority that String must not print back.
  if (url.scheme !== '' && rest.startsWith('/')) url.omitHost = true;
  return rest;
}

/** URL.setPath: Path decoded, RawPath kept only when it is not the default encoding. */
function setPath(url: Url, escaped: string): void {
  url.path = unescape(escaped, 'path');
  url.rawPath = escape(url.path, 'path') === escaped ? '' : escaped;
}

/** url.Parse, failing with url.Error's text. */
function parseUrl(raw: string): Url {
  const hash = raw.indexOf('#');
  const head = hash < 0 ? raw : raw.slice(0, hash);
  let url: Url;
  try {
    url = parseWithoutFragment(head);
  } catch (e) {
    if (e instanceof UrlError) throw new UrlError(`parse ${quote(fromBytes(head))}: ${e.message}`);
    throw e;
  }
  if (hash < 0) return url;
  const frag = raw.slice(hash + 1);
  try {
    url.fragment = unescape(frag, 'fragment');
  } catch (e) {
    if (e instanceof UrlError) throw new UrlError(`parse ${quote(fromBytes(raw))}: ${e.message}`);
    throw e;
  }
  url.rawFragment = escape(url.fragment, 'fragment') === frag ? '' : frag;
  return url;
}

/** Userinfo.String. */
function userString(user: Url['user']): string {
  if (user === undefined) return '';
  return escape(user.username, 'userinfo') + (user.password === undefined ? '' : `:${escape(user.password, 'userinfo')}`);
}

/** validEncoded: no byte that would need escaping, sub-delims and `%` allowed. */
function validEncoded(s: string, mode: Mode): boolean {
  return Array.from(s).every((c) => "!$&'()*+,;=:@[]%".includes(c) || !shouldEscape(c, mode));
}

/** EscapedPath/EscapedFragment: the raw form when it still decodes to the value, else escaped. */
function escapedForm(value: string, raw: string, mode: 'path' | 'fragment'): string {
  if (raw !== '' && validEncoded(raw, mode)) {
    try {
      if (unescape(raw, mode) === value) return raw;
    } catch (e) {
      if (!(e instanceof UrlError)) throw e;
    }
  }
  if (mode === 'path' && value === '*') return '*';
  return escape(value, mode);
}

/** The `//userinfo@host` part of URL.String, when there is one. */
function authorityString(u: Url): string {
  const hasUser = u.user !== undefined;
  if (u.scheme === '' && u.host === '' && !hasUser) return '';
  if (u.omitHost && u.host === '' && !hasUser) return '';
  let out = u.host !== '' || u.path !== '' || hasUser ? '//' : '';
  if (hasUser) out += `${userString(u.user)}@`;
  return out + escape(u.host, 'host');
}

/** The hierarchical part of URL.String: authority and escaped path. */
function hierarchicalString(u: Url, prefix: string): string {
  let out = prefix + authorityString(u);
  const path = escapedForm(u.path, u.rawPath, 'path');
  if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
  // A first segment with a colon would read as a scheme (RFC 3986 §4.2).
  if (out === '' && path.split('/')[0]!.includes(':')) out += './';
  return out + path;
}

/** URL.String. */
function urlString(u: Url): string {
  const scheme = u.scheme === '' ? '' : `${u.scheme}:`;
  let out = u.opaque !== '' ? scheme + u.opaque : hierarchicalString(u, scheme);
  if (u.forceQuery || u.rawQuery !== '') out += `?${u.rawQuery}`;
  if (u.fragment !== '') out += `#${escapedForm(u.fragment, u.rawFragment, 'fragment')}`;
  return out;
}

/** URL.Hostname: the host without port and brackets. */
function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

function urlParse(v: string): GoMap {
  let u: Url;
  try {
    u = parseUrl(toBytes(v));
  } catch (e) {
    if (e instanceof UrlError) throw new FuncError(`unable to parse url: ${e.message}`);
    throw e;
  }
  const fields: [string, string][] = [
    ['scheme', u.scheme], ['host', u.host], ['hostname', hostname(u.host)], ['path', u.path], ['query', u.rawQuery],
    ['opaque', u.opaque], ['fragment', u.fragment], ['userinfo', userString(u.user)],
  ];
  return new GoMap(T.mapStringAny, new Map(fields.map(([k, s]) => [k, fromBytes(s)])));
}

/** sprig's dictGetOrEmpty: a string value, "" when absent, a panic for anything else. */
function stringField(d: GoMap, key: string): string {
  if (d.entries === null || !d.entries.has(key)) return '';
  const value: GoAny = d.entries.get(key)!;
  if (value === null) throw new FuncError(NIL_DEREF);
  if (typeof value !== 'string') throw new FuncError(`unable to parse ${key} key, must be of type string, but ${kindOf(value)} found`);
  return toBytes(value);
}

function urlJoin(d: GoMap): string {
  const u: Url = {
    ...emptyUrl(),
    scheme: stringField(d, 'scheme'),
    host: stringField(d, 'host'),
    path: stringField(d, 'path'),
    rawQuery: stringField(d, 'query'),
    opaque: stringField(d, 'opaque'),
    fragment: stringField(d, 'fragment'),
  };
  const userinfo = stringField(d, 'userinfo');
  if (userinfo !== '') {
    try {
      u.user = parseUrl(`proto://${userinfo}@host`).user;
    } catch (e) {
      if (e instanceof UrlError) throw new FuncError(`unable to parse userinfo in dict: ${e.message}`);
      throw e;
    }
  }
  return fromBytes(urlString(u));
}

/** URL functions. */
export const urlFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'urlParse', params: ['string'], result: 'map[string]interface {}', impl: (_ctx, v) => urlParse(v) }),
  defineFunc({ name: 'urlJoin', params: ['map[string]interface {}'], result: 'string', impl: (_ctx, d) => urlJoin(d) }),
];

/**
 * The escapers behind Go's built-ins `html`, `js` and `urlquery` (text/template's
 * HTMLEscapeString, JSEscapeString and net/url's QueryEscape).
 *
 * @module
 */
import { isPrint, utf8Bytes } from '../fmt/strconv.js';

const HTML: Readonly<Record<string, string>> = { '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** text/template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => HTML[c]!);
}

const JS: Readonly<Record<string, string>> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D',
};

function jsRune(ch: string): string {
  const r = ch.codePointAt(0)!;
  const fixed = JS[ch];
  if (fixed !== undefined) return fixed;
  if (r < 0x20) return `\\u00${r.toString(16).toUpperCase().padStart(2, '0')}`;
  if (r < 0x80 || isPrint(r)) return ch;
  return `\\u${r.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** text/template.JSEscapeString. */
export function jsEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\\'"<>&=\u0000-\u001f\u0080-\uffff]/.test(s)) return s;
  let out = '';
  for (const ch of s) out += jsRune(ch);
  return out;
}

const HEX = '0123456789ABCDEF';

/** net/url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

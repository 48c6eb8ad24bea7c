/**
 * sprig's word-level string functions, mostly from Masterminds/goutils v1.1.1 (abbrev,
 * abbrevboth, initials, nospace, swapcase, untitle, wrap, wrapWith), Go's strings.Title, and
 * xstrings' case conversions (casing.ts). goutils works on bytes in several places; those
 * functions run on byte strings here so that multi-byte text comes out as Go's does.
 *
 * @module
 */
import { defineFunc, type FuncDef } from '../registry.js';
import { toCamelCase, toLowerWords } from './casing.js';
import { fromBytes, fromRunes, isDigit, isLetter, isLower, isSpace, isTitle, isUpper, runesOf, toBytes, toLower, toTitle, toUpper } from './gostring.js';

/** goutils.AbbreviateFull on a byte string; `undefined` where goutils returns an error. */
function abbreviateFull(str: string, offset0: number, maxWidth: number): string | undefined {
  if (str === '') return '';
  if (maxWidth < 4) return undefined;
  if (str.length <= maxWidth) return str;
  let offset = Math.min(offset0, str.length);
  if (str.length - offset < maxWidth - 3) offset = str.length - (maxWidth - 3);
  if (offset <= 4) return `${str.slice(0, maxWidth - 3)}...`;
  if (maxWidth < 7) return undefined;
  if (offset + maxWidth - 3 < str.length) return `...${abbreviateFull(str.slice(offset), 0, maxWidth - 3) ?? ''}`;
  return `...${str.slice(str.length - (maxWidth - 3))}`;
}

/** goutils.WrapCustom on a byte string. */
function wrapCustom(str: string, wrapLength0: number, newLine0: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  const newLine = newLine0 === '' ? '\n' : newLine0;
  const wrapLength = Math.max(wrapLength0, 1);
  const length = str.length;
  let offset = 0;
  let out = '';
  while (length - offset > wrapLength) {
    if (str[offset] === ' ') {
      offset++;
      continue;
    }
    const spaceAt = str.slice(offset, wrapLength + offset + 1).lastIndexOf(' ') + offset;
    if (spaceAt >= offset) {
      out += str.slice(offset, spaceAt) + newLine;
      offset = spaceAt + 1;
    } else if (wrapLongWords) {
      out += str.slice(offset, offset + wrapLength) + newLine;
      offset += wrapLength;
    } else {
      const end = wrapLength + offset;
      const index = str.indexOf(' ', end);
      if (index === -1) {
        out += str.slice(offset);
        offset = length;
      } else {
        out += str.slice(offset, index) + newLine;
        offset = index + 1;
      }
    }
  }
  return out + str.slice(offset);
}

/** Go's isSeparator for strings.Title. */
function isTitleSeparator(r: number): boolean {
  if (r <= 0x7f) {
    const alnum = (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r === 0x5f;
    return !alnum;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/** strings.Title: title-cases the first letter of each word. */
export function goTitle(s: string): string {
  let prev = 0x20;
  const runes = runesOf(s).map((r) => {
    const out = isTitleSeparator(prev) ? toTitle(r) : r;
    prev = r;
    return out;
  });
  return fromRunes(runes);
}

/** goutils.SwapCase: upper → lower, lower → upper, and title case for a lower letter starting a word. */
function swapCase(str: string): string {
  let whitespace = true;
  const runes = runesOf(str).map((ch) => {
    if (isUpper(ch) || isTitle(ch)) {
      whitespace = false;
      return toLower(ch);
    }
    if (isLower(ch)) {
      const out = whitespace ? toTitle(ch) : toUpper(ch);
      whitespace = false;
      return out;
    }
    whitespace = isSpace(ch);
    return ch;
  });
  return fromRunes(runes);
}

/** goutils.Uncapitalize: lower-cases the first letter after whitespace. */
function uncapitalize(str: string): string {
  let next = true;
  const runes = runesOf(str).map((ch) => {
    if (isSpace(ch)) {
      next = true;
      return ch;
    }
    if (next) {
      next = false;
      return toLower(ch);
    }
    return ch;
  });
  return fromRunes(runes);
}

/**
 * goutils.Initials: the first byte of each whitespace-separated word. It reads bytes as runes,
 * so a non-ASCII initial comes out as the Latin-1 character of its first byte, as in Go.
 */
function initials(s: string): string {
  const bytes = toBytes(s);
  let out = '';
  let gap = true;
  for (const ch of bytes) {
    if (isSpace(ch.charCodeAt(0))) gap = true;
    else if (gap) {
      out += ch;
      gap = false;
    }
  }
  return out;
}

/** goutils.DeleteWhiteSpace: also byte-wise, with the same Latin-1 reading when it removes anything. */
function deleteWhiteSpace(s: string): string {
  const bytes = toBytes(s);
  let out = '';
  for (const ch of bytes) if (!isSpace(ch.charCodeAt(0))) out += ch;
  return out.length === bytes.length ? s : out;
}

/** Word functions in sprig's order. */
export const wordFuncs: readonly FuncDef[] = [
  defineFunc({
    name: 'abbrev',
    params: ['int', 'string'],
    result: 'string',
    impl: (_ctx, width, s) => (width < 4 ? s : fromBytes(abbreviateFull(toBytes(s), 0, width) ?? '')),
  }),
  defineFunc({
    name: 'abbrevboth',
    params: ['int', 'int', 'string'],
    result: 'string',
    impl: (_ctx, left, right, s) => (right < 4 || (left > 0 && right < 7) ? s : fromBytes(abbreviateFull(toBytes(s), left, right) ?? '')),
  }),
  defineFunc({ name: 'title', params: ['string'], result: 'string', impl: (_ctx, s) => goTitle(s) }),
  defineFunc({ name: 'untitle', params: ['string'], result: 'string', impl: (_ctx, s) => uncapitalize(s) }),
  defineFunc({ name: 'nospace', params: ['string'], result: 'string', impl: (_ctx, s) => deleteWhiteSpace(s) }),
  defineFunc({ name: 'initials', params: ['string'], result: 'string', impl: (_ctx, s) => initials(s) }),
  defineFunc({ name: 'swapcase', params: ['string'], result: 'string', impl: (_ctx, s) => swapCase(s) }),
  defineFunc({ name: 'snakecase', params: ['string'], result: 'string', impl: (_ctx, s) => toLowerWords(s, '_') }),
  defineFunc({ name: 'camelcase', params: ['string'], result: 'string', impl: (_ctx, s) => toCamelCase(s, true) }),
  defineFunc({ name: 'kebabcase', params: ['string'], result: 'string', impl: (_ctx, s) => toLowerWords(s, '-') }),
  defineFunc({
    name: 'wrap',
    params: ['int', 'string'],
    result: 'string',
    impl: (_ctx, width, s) => fromBytes(wrapCustom(toBytes(s), width, '', false)),
  }),
  defineFunc({
    name: 'wrapWith',
    params: ['int', 'string', 'string'],
    result: 'string',
    impl: (_ctx, width, sep, s) => fromBytes(wrapCustom(toBytes(s), width, toBytes(sep), true)),
  }),
];

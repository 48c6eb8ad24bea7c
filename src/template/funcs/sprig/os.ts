/**
 * sprig's OS and network functions (functions.go, network.go): env, expandenv, getHostByName.
 *
 * Templates do no I/O and read no environment. `env` and `expandenv` read the environment the
 * caller injects (`FuncContext.env`, empty by default), never the process's; getHostByName
 * fails with a clear error instead of resolving names. ESO removes all three from its profile.
 *
 * @module
 */
import { defineFunc, FuncError, type FuncContext, type FuncDef } from '../registry.js';

const lookup = (ctx: FuncContext, name: string): string => ctx.env?.get(name) ?? '';

const isShellSpecial = (c: string): boolean => '*#$@!?-0123456789'.includes(c);
const isAlphaNum = (c: string): boolean => /^[A-Za-z0-9_]$/.test(c);

/** os.Expand's getShellName: the variable name after a `$` and how many bytes it spans. */
function shellName(s: string): [string, number] {
  if (s[0] === '{') {
    if (s.length > 2 && isShellSpecial(s[1]!) && s[2] === '}') return [s[1]!, 3];
    const close = s.indexOf('}', 1);
    if (close === 1) return ['', 2]; // bad syntax: eat "${}"
    if (close < 0) return ['', 1]; // bad syntax: eat "${"
    return [s.slice(1, close), close + 1];
  }
  if (isShellSpecial(s[0]!)) return [s[0]!, 1];
  let i = 0;
  while (i < s.length && isAlphaNum(s[i]!)) i++;
  return [s.slice(0, i), i];
}

/** os.Expand: replaces `$var` and `${var}` using `mapping`. */
export function expand(s: string, mapping: (name: string) => string): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] !== '$' || j + 1 >= s.length) continue;
    out += s.slice(i, j);
    const [name, width] = shellName(s.slice(j + 1));
    if (name !== '') out += mapping(name);
    else if (width === 0) out += '$'; // `$` not followed by a name stays
    j += width;
    i = j + 1;
  }
  return i === 0 ? s : out + s.slice(i);
}

export const osFuncs: readonly FuncDef[] = [
  defineFunc({ name: 'env', params: ['string'], result: 'string', impl: (ctx, name) => lookup(ctx, name) }),
  defineFunc({ name: 'expandenv', params: ['string'], result: 'string', impl: (ctx, s) => expand(s, (name) => lookup(ctx, name)) }),
  defineFunc({
    name: 'getHostByName',
    params: ['string'],
    result: 'string',
    impl: (_ctx, name) => {
      throw new FuncError(`getHostByName ${JSON.stringify(name)}: DNS lookups are disabled in Flotilla templates (templates do no network I/O)`);
    },
  }),
];

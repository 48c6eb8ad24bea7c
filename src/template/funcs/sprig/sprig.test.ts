// Unit tests for sprig set A's building blocks and for what the golden cases cannot pin down:
// seeded randomness, size bounds, cyclic values, and Go-exact helpers. Behaviour against Go is
// covered by the golden suites (testdata/*/sprig-*.jsonl).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../util/index.js';
import { Template } from '../../template.js';
import { TemplateExecError } from '../../exec/errors.js';
import { parseGoJson } from '../../values/json.js';
import { profileLibrary } from '../profiles.js';
import { seededRandom, type RandomSource } from '../registry.js';
import { fromBytes, goToLower, goToUpper, toBytes, toTitle, trimSpace } from './gostring.js';
import { atoi, parseFloat, parseInt } from './goparse.js';
import { floatToInt64, toFloat64, toInt64 } from './cast.js';
import { goPow10 } from './floatmath.js';
import { float64, int, int64 } from '../../values/value.js';

const sprig = profileLibrary('sprig');

function render(text: string, options: { data?: string; random?: RandomSource } = {}): string {
  const data = options.data === undefined ? null : parseGoJson(options.data);
  return Template.parse(text, { funcs: sprig }).execute(data, { clock: new ManualClock(0), random: options.random ?? seededRandom(1) });
}

function renderError(text: string): string {
  try {
    render(text);
  } catch (e) {
    if (e instanceof TemplateExecError) return e.message;
    throw e;
  }
  return assert.fail(`expected ${text} to fail`);
}

test('byte strings decode like Go: one U+FFFD per byte of a cut sequence', () => {
  const bytes = toBytes('世界');
  assert.equal(bytes.length, 6);
  assert.equal(fromBytes(bytes.slice(0, 2)), '\ufffd\ufffd');
  assert.equal(fromBytes(bytes.slice(0, 4)), '世\ufffd');
  assert.equal(fromBytes('\xed\xa0\x80'), '\ufffd\ufffd\ufffd', 'an encoded surrogate is invalid in Go');
  assert.equal(fromBytes(toBytes('ascii é 😀')), 'ascii é 😀');
});

test("case mapping is Go's simple mapping, not JS's full one", () => {
  assert.equal(goToUpper('straße ǆ ᾳ'), 'STRAßE Ǆ ᾼ');
  assert.equal(goToLower('İSTANBUL ΣΑΣ'), 'istanbul σασ');
  assert.equal(String.fromCodePoint(toTitle(0x1c6)), 'ǅ');
  assert.equal(String.fromCodePoint(toTitle(0x10d0)), 'ა', 'Georgian has no titlecase');
  assert.equal(trimSpace('\u0085 x \u00a0'), 'x');
});

test('strconv parsing keeps Go values: prefixes, separators, clamping', () => {
  assert.deepEqual(parseInt('0x1F', 0), { value: 31n });
  assert.deepEqual(parseInt('012', 0), { value: 10n });
  assert.deepEqual(parseInt('1_000', 0), { value: 1000n });
  assert.equal(parseInt('_1', 0).error, 'syntax');
  assert.deepEqual(parseInt('99999999999999999999', 0), { value: 2n ** 63n - 1n, error: 'range' });
  assert.deepEqual(atoi('-99999999999999999999'), { value: -(2n ** 63n), error: 'range' });
  assert.equal(atoi(' 7').error, 'syntax');
  assert.deepEqual(parseFloat('0x1.8p1'), { value: 3 });
  assert.deepEqual(parseFloat('-Infinity'), { value: -Infinity });
  assert.equal(parseFloat('infin').error, 'syntax');
  assert.equal(parseFloat('1e400').error, 'range');
  assert.equal(parseFloat(' 1').error, 'syntax');
});

test('cast 1.10 conversions, including amd64 float-to-int overflow', () => {
  assert.equal(toInt64('1.9'), 1n);
  assert.equal(toInt64('-.5'), 0n);
  assert.equal(toInt64(float64(-2.9)), -2n);
  assert.equal(toInt64(true), 1n);
  assert.equal(toInt64(null), 0n);
  assert.equal(floatToInt64(1e19), -(2n ** 63n));
  assert.equal(floatToInt64(NaN), -(2n ** 63n));
  assert.equal(toFloat64(int64(2n ** 53n + 1n)), 2 ** 53);
  assert.equal(toFloat64('0x1p-2'), 0.25);
  assert.equal(toFloat64(int(3)), 3);
});

test("round uses Go's math.Pow, which differs from JS's ** for negative powers", () => {
  // Go's Pow builds 10^n by repeated squaring then takes the reciprocal: exact for 10^-5.
  assert.equal(goPow10(-5), 1 / 100000);
  assert.equal(goPow10(22), 1e22);
  assert.equal(goPow10(308), 1.0000000000000006e308, "Go's value, not JS's 1e308");
  assert.equal(goPow10(309), Infinity);
  assert.equal(render('{{ round 1.005 2 }} {{ round -2.5 0 }} {{ round 1234.5678 -2 }}'), '1 -3 1200');
});

test('random functions draw from the injected source: same seed, same output', () => {
  const text = '{{ randAlphaNum 16 }}|{{ randAscii 8 }}|{{ shuffle "abcdef" }}|{{ randInt 0 1000 }}';
  const a = render(text, { random: seededRandom(42) });
  assert.equal(render(text, { random: seededRandom(42) }), a);
  assert.notEqual(render(text, { random: seededRandom(43) }), a);
  const [alnum, ascii, shuffled, n] = a.split('|');
  assert.match(alnum!, /^[A-Za-z0-9]{16}$/);
  assert.match(ascii!, /^[ -~]{8}$/);
  assert.deepEqual([...shuffled!].sort().join(''), 'abcdef');
  assert.ok(Number(n) >= 0 && Number(n) < 1000);
});

test('randInt covers its whole range, beyond 2^53 too', () => {
  const seen = new Set(Array.from({ length: 200 }, (_, i) => render('{{ randInt -2 3 }}', { random: seededRandom(i) })));
  assert.deepEqual([...seen].sort(), ['-1', '-2', '0', '1', '2']);
  const big = BigInt(render('{{ randInt 0 100000000000000000 }}', { random: seededRandom(5) }));
  assert.ok(big >= 0n && big < 100000000000000000n);
});

test('absurd sizes fail with a clear error instead of exhausting memory', () => {
  assert.match(renderError('{{ repeat 100000000 "ab" }}'), /error calling repeat: repeat: result too large/);
  assert.match(renderError('{{ until 5000000 }}'), /error calling until: until: result too large \(5000000 elements/);
  assert.match(renderError('{{ seq 1 9999999 }}'), /error calling seq: seq: result too large/);
  assert.match(renderError('{{ randAlpha 100000000 }}'), /error calling randAlpha: randAlpha: result too large/);
  assert.match(renderError('{{ indent 100000000 "ab" }}'), /error calling indent: indent: result too large/);
  assert.match(renderError('{{ replace "" (repeat 100000 "y") (repeat 1000 "x") }}'), /error calling replace: replace: result too large/);
  assert.match(renderError('{{ regexReplaceAll "" (repeat 1000 "x") (repeat 100000 "y") }}'), /error calling regexReplaceAll: regexReplaceAll: result too large/);
});

test('cyclic maps fail cleanly in merge and deepCopy (Go would overflow its stack)', () => {
  assert.match(renderError('{{ $d := dict }}{{ $_ := set $d "x" $d }}{{ merge $d $d }}'), /error calling merge: merge: maps nested too deeply/);
  assert.match(renderError('{{ $d := dict }}{{ $_ := set $d "x" $d }}{{ deepCopy $d }}'), /error calling deepCopy: deepCopy: value nested too deeply/);
  assert.equal(render('{{ $d := dict }}{{ $_ := set $d "x" $d }}{{ deepEqual $d $d }}'), 'true');
});

test('set, unset and merge mutate their first argument, as in Go', () => {
  assert.equal(render('{{ $m := dict "a" 1 }}{{ $_ := merge $m (dict "b" 2) }}{{ $_ := unset $m "a" }}{{ $m }}'), 'map[b:2]');
  assert.equal(render('{{ $_ := set .m "k" "v" }}{{ .m.k }}', { data: '{"m":{}}' }), 'v');
});

test('keys and values come out in sorted key order (one of the orders Go may produce)', () => {
  assert.equal(render('{{ keys (dict "b" 1 "c" 2 "a" 3) }} {{ values (dict "b" 1 "c" 2 "a" 3) }}'), '[a b c] [3 1 2]');
});

test('regex: Go expansion, duplicate group names, compile errors', () => {
  assert.equal(render('{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W|${1}W" }}'), '-|W-|xxW-');
  assert.equal(render('{{ regexReplaceAll "(?P<a>x)|(?P<a>y)" "xy" "[$a]" }}'), '[x][y]');
  assert.match(renderError('{{ regexFind "(" "x" }}'), /error calling regexFind: regexp: Compile\(`\(`\): error parsing regexp: missing closing \): `\(`$/);
  assert.equal(render('{{ regexMatch "(" "x" }}'), 'false');
});

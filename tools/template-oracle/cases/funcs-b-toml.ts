// Set B golden cases: libsveltos' toToml (BurntSushi/toml v1.6 encoder, byte for byte) and
// fromToml (toml.Unmarshal into a map, types as Go sees them, errors in an `Error` key).
import { group } from './funcs-b-kit.js';
import type { Suite } from './types.js';

const DATA = JSON.stringify({
  m: {
    title: 'TOML "example"', n: 42, neg: -7, f: 1.5, whole: 1.0, big: 1e21, tiny: 0.000001, e6: 1e6, hundredk: 100000.0, pi: 3.14159, yes: true, nothing: null,
    'key with space': 'v', 'a.b': 1, '': 'empty key', 'é': 'accent', B: 1, _u: 2, '1': 3, 'tab\tkey': 4,
    esc: 'quote " backslash \\ newline \n tab \t cr \r ctl \u0001 del \u007f bell \u0007 ff \f bs \b unicode ✓ 😀',
    owner: { name: 'Tom', dob: '1979-05-27', nested: { deeper: { deepest: 'x', list: [1, 2] }, flag: false } },
    servers: [{ name: 'alpha', ip: '10.0.0.1', role: { kind: 'frontend' } }, { name: 'beta', ports: [8001, 8002] }],
    mixed: [1, 'two', { three: 3 }, [4, 5]], matrix: [[1, 2], ['a', 'b']], tables_in_arrays: [[{ a: 1 }], [{ b: 2 }]],
    emptyMap: {}, emptyList: [], inlineOrder: [{ z: 1, a: { y: 2 }, b: 3 }, { c: null, d: 4 }],
  },
  list: [1, 2.5, 'x', true], tables: [{ a: 1 }, { b: 2 }], withNull: [1, null], nestedNull: { x: [[1, null]] }, deep: { a: { b: { c: { d: 1 } } } },
  onlyTables: { t1: { x: 1 }, t2: { y: 2 } }, floats: { a: 1e-7, b: 123456789012.0, c: 0.1, d: -0.0, e: 5e-324, f: 1.7976931348623157e308 },
});

const TO = [
  '{{ toToml .m }}', '{{ toToml .list }}', '{{ toToml .tables }}', '{{ toToml .withNull }}', '{{ toToml .nestedNull }}', '{{ toToml .deep }}', '{{ toToml .onlyTables }}',
  '{{ toToml .floats }}', '{{ toToml .m.servers }}', '{{ toToml .m.emptyMap }}|', '{{ toToml .m.emptyList }}', '{{ toToml "s\\"q" }}', '{{ toToml 1 }} {{ toToml 2.0 }} {{ toToml true }}',
  '{{ toToml nil }}', '{{ toToml 1i }}', '{{ toToml (semver "v1.2.3-rc.1") }}', '{{ toToml (toDate "2006-01-02 15:04:05.000" "2024-03-05 10:11:12.345") }}',
  '{{ toToml ((toDate "2006-01-02" "2024-03-05").Sub (toDate "2006-01-02" "2024-03-01")) }}', '{{ toToml (list (list 1 2) (list "a")) }}', '{{ toToml (list) }}',
  '{{ toToml (fromJson "{\\"a\\":{\\"b\\":[{\\"c\\":{\\"d\\":1}}]}}") }}', '{{ toToml (fromJson "{\\"x\\":[{\\"y\\":[{\\"z\\":1}]}]}") }}', '{{ toToml .m.owner }}',
];

const SVELTOS_ROOT = JSON.stringify({ Cluster: { metadata: { name: 'c1', labels: { env: 'prod' } }, spec: { replicas: 3 } }, MgmtResources: { Secret: { data: { k: 'dg==' } } } });

const FROM = [
  '{{ fromToml "a = 1\\nb = \\"x\\"\\nc = 1.5\\nd = true" }}', '{{ range $k, $v := fromToml "i = 1\\nf = 1.0\\ns = \\"s\\"\\nb = false\\narr = [1, 2]\\n[t]\\nx = 1" }}{{ $k }}:{{ printf "%T" $v }} {{ end }}',
  '{{ fromToml "[[fruit]]\\nname = \\"apple\\"\\n[[fruit]]\\nname = \\"banana\\"" }}', '{{ printf "%T" (fromToml "[[a]]\\nx = 1").a }}',
  '{{ fromToml "a = 0x1F\\nb = 0o17\\nc = 0b101\\nd = 1_000\\ne = +5\\nf = -0" }}', '{{ fromToml "a = inf\\nb = -inf\\nc = nan\\nd = 1e3\\ne = 6.02e23" }}',
  '{{ fromToml "s = \'literal \\\\n\'\\nt = \\"\\"\\"\\nmulti\\nline\\"\\"\\"\\nu = \\"\\\\u00e9\\\\U0001F600\\"" }}', '{{ fromToml "odt = 1979-05-27T07:32:00Z\\noff = 1979-05-27T00:32:00.999999-07:00" }}',
  '{{ fromToml "ldt = 1979-05-27T07:32:00\\nld = 1979-05-27\\nlt = 07:32:00.5" }}', '{{ fromToml "a.b.c = 1\\n\\"quoted key\\" = 2\\n[x.y]\\nz = 3" }}',
  '{{ fromToml "inline = { a = 1, b = { c = [1, 2] } }\\nmixed = [1, \\"a\\", { b = 2 }]" }}', '{{ fromToml "" }}', '{{ fromToml "# only a comment" }}',
  '{{ fromToml "a = " }}', '{{ fromToml "a = 1\\na = 2" }}', '{{ fromToml "[a]\\n[a]" }}', '{{ fromToml "a = \\"unterminated" }}', '{{ fromToml "= 1" }}', '{{ fromToml "a = 1 b = 2" }}',
  '{{ fromToml "a = 99999999999999999999" }}', '{{ fromToml "a = 1979-13-27" }}', '{{ (fromToml "a = 1").Error }}', '{{ (fromToml "x").Error }}',
  '{{ toToml (fromToml "b = 1\\n[t]\\nk = \\"v\\"\\n[[arr]]\\nx = 1") }}', '{{ toToml (fromToml "ld = 1979-05-27\\nlt = 07:32:00\\nldt = 1979-05-27T07:32:00\\nodt = 1979-05-27T07:32:00+01:00") }}',
  '{{ (fromToml "t = 1979-05-27T07:32:00-07:00").t.Unix }}', '{{ fromToml 1 }}',
];

export const funcsBToml: Suite = {
  name: 'funcs-b-toml',
  cases: [
    ...group('totoml', TO, { data: DATA, funcs: 'sveltos' }),
    ...group('totomlroot', ['{{ toToml . }}', '{{ toToml .Cluster }}'], { data: SVELTOS_ROOT, funcs: 'sveltos', root: 'sveltos' }),
    ...group('fromtoml', FROM, { funcs: 'sveltos' }),
  ],
};

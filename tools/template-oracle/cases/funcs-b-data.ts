// Set B golden cases: JSON (sprig and Sveltos), YAML (Sveltos and ESO), hashes, OS functions.
import { group } from './funcs-b-kit.js';
import type { Suite } from './types.js';

const DATA = JSON.stringify({
  m: { b: 1, a: 'x<y>&z', c: [1, 2.5, 1e21, 1e-7, null, true], d: {}, e: [] },
  i: 42, f: 1.5, big: 9007199254740992, s: 'héllo', nl: 'a\nb', list: ['yes', 'no', 'on', '012', '0x1F', '', 'x: y', '- a', ' lead', '#c', 'a\nb\n'],
  keys: { a10: 1, a9: 2, a: 3, B: 4, b: 5, _x: 6, '1': 7, '10': 8, '2': 9, a01: 10, a1: 11, 'é': 12 },
  long: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam',
});

const JSON_TEMPLATES = [
  '{{ toJson .m }}', '{{ toRawJson .m }}', '{{ toPrettyJson .m }}', '{{ mustToJson .m }}', '{{ mustToRawJson .m }}', '{{ mustToPrettyJson .m }}',
  '{{ toJson .i }} {{ toJson .f }} {{ toJson .big }} {{ toJson .s }} {{ toJson .nl }}', '{{ toJson nil }}', '{{ toJson 1.0 }} {{ toJson 1e6 }} {{ toJson 1e21 }} {{ toJson 0.0000001 }}',
  '{{ toJson 1i }}|', '{{ mustToJson 1i }}', '{{ toRawJson 1i }}', '{{ mustToPrettyJson 2i }}', '{{ toPrettyJson (fromJson "{}") }}|{{ toPrettyJson (list) }}', '{{ toJson (list "a" 1 nil) }}',
  '{{ fromJson "{\\"a\\": [1, 2.5, \\"x\\"]}" }}', '{{ (fromJson "{\\"a\\": 1}").a | printf "%T" }}', '{{ fromJson "[1,2" }}', '{{ fromJson "" }}', '{{ fromJson "null" }}', '{{ fromJson "\\"s\\"" }}',
  '{{ mustFromJson "[1,2" }}', '{{ mustFromJson "{\\"a\\" 1}" }}', '{{ mustFromJson "tru" }}', '{{ mustFromJson "1." }}', '{{ mustFromJson "-" }}', '{{ mustFromJson "1e" }}', '{{ mustFromJson "1 2" }}',
  '{{ mustFromJson "[1,]" }}', '{{ mustFromJson "{\\"a\\":1,}" }}', '{{ mustFromJson "é" }}', '{{ mustFromJson "\\"\\\\x\\"" }}', '{{ mustFromJson "\\"\\\\u12g4\\"" }}', '{{ mustFromJson "[1e400]" }}',
  '{{ fromJson "[1e400, 2]" }}', '{{ mustFromJson "" }}', '{{ mustFromJson "{1:2}" }}', '{{ mustFromJson "\\"\\\\ud800x\\\\ud83d\\\\ude00\\"" | toJson }}', '{{ mustFromJson 1 }}', '{{ toJson }}',
  '{{ fromJson .i }}', '{{ mustToJson .m.c }}', '{{ toJson .keys }}', '{{ mustFromJson "{\\"b\\":1,\\"a\\":{\\"c\\":[]}}" | toPrettyJson }}',
];

const SVELTOS_JSON = [
  '{{ toJson .m }}', '{{ toJson 1i }}|', '{{ fromJson "[1,2]" }}', '{{ fromJson "{\\"a\\":1}" }}', '{{ fromJson "null" }}', '{{ fromJson "{" }}', '{{ (fromJson "{\\"a\\":1}").a | printf "%T" }}',
  '{{ fromJsonArray "{\\"a\\":1}" }}', '{{ fromJsonArray "[1,\\"a\\"]" }}', '{{ fromJsonArray "nope" }}', '{{ fromJsonArray "null" | len }}', '{{ fromJson 1 }}',
];

const YAML_TEMPLATES = [
  '{{ toYaml .m }}', '{{ toYaml .list }}', '{{ toYaml .keys }}', '{{ toYaml .long }}', '{{ toYaml (fromJson (print "{\\"k\\": \\"" .long "\\", \\"q\\": \\"x: " .long "\\"}")) }}', '{{ toYaml .i }}|{{ toYaml .f }}|{{ toYaml .big }}',
  '{{ toYaml nil }}', '{{ toYaml (list) }}|{{ toYaml (fromJson "{}") }}', '{{ toYaml 1i }}|', '{{ toYaml .nl }}', '{{ toYaml (list (list 1 (list 2)) (fromJson "{\\"a\\": [{\\"b\\": 1}]}")) }}',
  '{{ toYaml 1e6 }}|{{ toYaml 1234567.5 }}|{{ toYaml 0.000001 }}', '{{ toYaml "emoji 😀" }}|{{ toYaml "\\ttab" }}', '{{ toYaml (list "y" "n" "~" "null" "1.0" "2024-01-02" "1:20" "<<" "a #b" "a#b" "---") }}',
  '{{ fromYaml "a: 1\\nb: [x, \\"y\\"]\\nc: &A {k: v}\\nd: *A\\n" }}', '{{ fromYaml "yes: no\\n1: one\\n1.5: f\\ntrue: t\\nts: 2024-01-02\\noct: 012\\nhex: 0x1F\\n" }}', '{{ fromYaml "- a" }}',
  '{{ fromYaml "a: b: c" }}', '{{ fromYaml "[1, 2" }}', '{{ fromYaml "" }}', '{{ fromYaml "just text" }}', '{{ fromYaml "a: .inf" }}', '{{ fromYaml "a: 1\\n---\\nb: 2" }}',
  '{{ fromYaml "base: &b {x: 1, y: 2}\\nd:\\n  <<: [*b, {y: 3, z: 4}]\\n  x: 0\\n" }}', '{{ (fromYaml "a: 1").a | printf "%T" }}', '{{ fromYaml "k: |\\n  l1\\n  l2\\n" | toYaml }}', '{{ fromYaml 1 }}',
];
const SVELTOS_YAML = ['{{ fromYamlArray "- a\\n- b: c\\n" }}', '{{ fromYamlArray "a: 1" }}', '{{ fromYamlArray "[1" }}', '{{ fromYamlArray "" | len }}', '{{ toYaml .Cluster }}'];

const HASH_TEMPLATES = [
  '{{ sha1sum "héllo" }}', '{{ sha256sum "" }}', '{{ sha512sum "a" }}', '{{ adler32sum "héllo" }}', '{{ adler32sum "" }}', '{{ sha256sum .s }}', '{{ sha1sum 1 }}', '{{ sha256sum .i }}', '{{ adler32sum nil }}',
  '{{ sha512sum .missing }}', '{{ .s | sha1sum }}', '{{ adler32sum (repeat 6000 "x") }}',
];
const OS_TEMPLATES = ['{{ env "FLOTILLA_SURELY_UNSET" }}|', '{{ expandenv "a$ b$$c ${} ${x $1 $FLOTILLA_SURELY_UNSET- ${*} $" }}', '{{ expandenv "plain" }}', '{{ env 1 }}', '{{ randBytes -1 }}', '{{ randBytes 0 }}|', '{{ len (randBytes 3) }}', '{{ uuidv4 | len }}', '{{ randBytes "x" }}'];
const ESO_OS = ['{{ env "HOME" }}', '{{ expandenv "$HOME" }}', '{{ getHostByName "localhost" }}'];

export const funcsBData: Suite = {
  name: 'funcs-b-data',
  cases: [
    ...group('json', JSON_TEMPLATES, { data: DATA }),
    ...group('svjson', SVELTOS_JSON, { data: DATA, funcs: 'sveltos' }),
    ...group('yaml', YAML_TEMPLATES, { data: DATA, funcs: 'sveltos' }),
    ...group('esoyaml', YAML_TEMPLATES.slice(0, 12), { data: DATA, funcs: 'eso' }),
    ...group('svyaml', SVELTOS_YAML, { data: JSON.stringify({ Cluster: { metadata: { name: 'c1', labels: { 'on': 'yes' } } } }), funcs: 'sveltos', root: 'sveltos' }),
    ...group('hash', HASH_TEMPLATES, { data: DATA }),
    ...group('os', OS_TEMPLATES, { data: DATA }),
    ...group('esoos', ESO_OS, { data: '{}', funcs: 'eso', root: 'stringmap' }),
  ],
};

const ESO_EXTRA = ['{{ hexdec "68656c6c6f" }}', '{{ hexdec "zz" }}', '{{ hexdec "abc" }}', '{{ hexdec "ab\\u0000" }}', '{{ hexdec "" }}|', '{{ hexdec "4A4b" }}', '{{ hexdec "é0" }}', '{{ hexdec 1 }}', '{{ .hex | hexdec }}'];

export const funcsBEso: Suite = {
  name: 'funcs-b-eso',
  cases: [...group('hexdec', ESO_EXTRA, { data: JSON.stringify({ hex: '6869' }), funcs: 'eso', root: 'stringmap' })],
};

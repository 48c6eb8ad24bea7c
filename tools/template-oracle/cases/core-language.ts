// Core language cases: syntax, control flow, variables, values, built-ins and their errors,
// under all three missingkey options. Append only: ids are positional.
import { underEachMissingKey, type Suite } from './types.js';

const DATA = JSON.stringify({
  name: 'web', env: 'prod', n: 2, neg: -3, flag: false, t: true,
  labels: { zone: 'eu-1', app: 'web', 'team-x': 'core' },
  nums: [3, 1, 2], empty: [], list: [1, 2, 3], strs: ['b', 'a'], obj: { b: 'x', a: 1, nested: { deep: 'v' } },
  emptyobj: {}, nil: null, s: 'héllo', zero: 0, estr: '', mixed: [1, 'x', null, true, 2.5, { k: 'v' }],
  MgmtResources: { ExternalSecret: { data: { content: 's3cr3t' }, metadata: { name: 'es1' } } },
}).replace(/}$/, ',"f":1e6,"fl":2.5,"fi":3.0,"big":9007199254740993,"huge":12345678901234567890,"tiny":0.00001,"negz":-0.0}');

const TEMPLATES: string[] = [
  // text, comments, trim markers
  'plain text', 'a  {{- 1 -}}  b', 'a\n{{- /* c */}}\nb', '{{/* multi\nline */}}x', 'x {{- /* c */ -}} y', '{{- 3}}', '{{-3}}', '{{ 3 -}}\n\n  z',
  '  {{- "a" }}  ', '{{ "a" }}{{/* c */}}{{ "b" }}', 'line1\nline2 {{ .name }}\n',
  // literals
  '{{ 1 }} {{ -1 }} {{ +1 }} {{ 0x1F }} {{ 0X1f }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000_000 }}',
  '{{ 1e3 }} {{ 3.0 }} {{ -0.5 }} {{ .5 }} {{ 5. }} {{ 1e-5 }} {{ 1E6 }} {{ 0x1p4 }} {{ 0x1.8p1 }} {{ 1_0.2_5 }}',
  "{{ 'a' }} {{ '\\n' }} {{ '\\x41' }} {{ '\\u00e9' }} {{ '\\101' }} {{ 'é' }}", '{{ 1i }} {{ 2.5i }} {{ 1+2i }}',
  '{{ "tab\\tnl\\nq\\"" }}', '{{ `raw\\n"q"` }}', '{{ "\\u00e9\\x41\\101" }}', '{{ true }} {{ false }}', '{{ printf "%T %T %T %T %T" 1 1.0 "s" true \'a\' }}',
  '{{ 9223372036854775807 }}', '{{ 9223372036854775808 }}', '{{ -9223372036854775808 }}', '{{ 18446744073709551615 }}', '{{ 1e400 }}', '{{ 08 }}', '{{ 1x }}', '{{ 0x }}', '{{ 1__0 }}',
  // fields and maps
  '{{ .name }}', '{{ .obj.nested.deep }}', '{{ .obj.nope }}', '{{ .nope }}', '{{ .nope.deeper }}', '{{ .nil.k }}', '{{ .name.x }}', '{{ .obj.b.c }}',
  '{{ .obj }}', '{{ .emptyobj }}', '{{ .mixed }}', '{{ .labels }}', '{{ . }}', '{{ $ }}', '{{ $.name }}', '{{ .obj.a 1 }}', '{{ .name 1 }}',
  '{{ (index .MgmtResources "ExternalSecret").data.content }}', '{{ .MgmtResources.ExternalSecret.metadata.name }}', '{{ index . "team-x" }}', '{{ index .labels "team-x" }}',
  '{{ (.obj).b }}', '{{ ($).name }}', '{{ (.obj).nope.x }}',
  // numbers printing
  '{{ .n }} {{ .neg }} {{ .f }} {{ .fl }} {{ .fi }} {{ .big }} {{ .huge }} {{ .tiny }} {{ .negz }} {{ .zero }}',
  '{{ printf "%T %T %T %T %T" .n .f .fi .big .huge }}',
  // if / else
  '{{ if .t }}T{{ end }}', '{{ if .flag }}T{{ else }}F{{ end }}', '{{ if .zero }}T{{ else }}F{{ end }}', '{{ if .estr }}T{{ else }}F{{ end }}',
  '{{ if .empty }}T{{ else }}F{{ end }}', '{{ if .emptyobj }}T{{ else }}F{{ end }}', '{{ if .nil }}T{{ else }}F{{ end }}', '{{ if .nope }}T{{ else }}F{{ end }}',
  '{{ if "0" }}T{{ end }}{{ if " " }}S{{ end }}', '{{ if eq .env "dev" "prod" }}A{{ else if lt .n 3 }}B{{ else }}C{{ end }}',
  '{{ if lt .n 1 }}x{{ else if gt .n 1 }}y{{ end }}', '{{ if and .name (not .flag) }}ok{{ end }}', '{{ if $x := .name }}{{ $x }}{{ else }}no{{ $x }}{{ end }}',
  // with
  '{{ with .obj }}{{ .b }}-{{ $.env }}{{ end }}', '{{ with .missing }}has{{ else }}{{ $.name }}{{ end }}', '{{ with $v := .name }}{{ $v }}{{ . }}{{ end }}',
  '{{ with .nope }}a{{ else with .name }}b{{ . }}{{ end }}', '{{ with .zero }}a{{ else with .estr }}b{{ else }}c{{ end }}', '{{ with .list }}{{ len . }}{{ end }}',
  // range
  '{{ range .list }}{{ . }}{{ end }}', '{{ range $i, $v := .nums }}{{ $i }}={{ $v }};{{ end }}', '{{ range $k, $v := .labels }}{{ $k }}:{{ $v }} {{ end }}',
  '{{ range $v := .labels }}{{ $v }} {{ end }}', '{{ range .empty }}x{{ else }}none{{ end }}', '{{ range .nil }}x{{ else }}nil{{ end }}', '{{ range .nope }}x{{ else }}missing{{ end }}',
  '{{ range .name }}x{{ end }}', '{{ range .f }}x{{ end }}', '{{ range 3 }}{{ . }}{{ end }}', '{{ range .n }}{{ . }}{{ end }}', '{{ range -2 }}x{{ else }}neg{{ end }}', '{{ range 0 }}x{{ else }}zero{{ end }}',
  '{{ range $i, $e := 3 }}{{ $i }}{{ end }}', '{{ range $i := 3 }}{{ $i }}{{ end }}',
  '{{ range $i, $v := .nums }}{{ if eq $i 2 }}{{ break }}{{ end }}{{ $v }}{{ end }}', '{{ range $i, $e := .list }}{{ if eq $e 2 }}{{ continue }}{{ end }}{{ $e }}{{ end }}',
  '{{ range .mixed }}[{{ . }}]{{ end }}', '{{ range .mixed }}{{ .k }}{{ end }}', '{{ range $k, $v := .obj }}{{ $k }}{{ end }}', '{{ range .strs }}{{ . }}{{ end }}',
  '{{ $c := 0 }}{{ range .list }}{{ $c = . }}{{ end }}{{ $c }}', '{{ range $i, $v := .list }}{{ range $v }}{{ . }}{{ end }}{{ end }}',
  '{{ range $i, $v = .list }}{{ end }}', '{{ $i := 0 }}{{ $v := 0 }}{{ range $i, $v = .list }}{{ end }}{{ $i }}{{ $v }}',
  '{{ range .list }}{{ break }}{{ end }}done', '{{ range .obj.nested }}{{ . }}{{ end }}',
  // variables
  '{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}', '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}', '{{ $s := "a" }}{{ $s := "b" }}{{ $s }}',
  '{{ $y }}', '{{ $y = 1 }}', '{{ $x := .obj }}{{ $x.b }}{{ $x.nope }}', '{{ $x := .mixed }}{{ index $x 1 }}', '{{ $ := 1 }}',
  // define / template / block
  '{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" .name }}{{ template "t" }}', '{{ block "b" .env }}<{{ . }}>{{ end }}', '{{ template "nope" }}',
  '{{ define "a" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template "a" .n }}', '{{ define "t" }}{{ $x }}{{ end }}', '{{ define "b" }}x{{ end }}{{ define "b" }}y{{ end }}',
  '{{ define "t" }}{{ .nope }}{{ end }}{{ template "t" . }}', '{{ define "t" }}{{ index .l 9 }}{{ end }}{{ template "t" .obj }}', '{{ if true }}{{ define "x" }}{{ end }}{{ end }}',
  '{{ template "t" . }}{{ define "t" }}{{ template "t" . }}{{ end }}', '{{ define "tpl" }}replaced{{ end }}',
  // pipelines
  '{{ "a" | printf "%s-%s" "b" | printf "<%s>" }}', '{{ 1 | 2 }}', '{{ .name | printf "%s!" }}', '{{ (.name) | printf "%s!" }}', '{{ .list | len }}', '{{ "x" | .name }}',
  '{{ print (print 1 2) (print "a") }}', '{{ (print\n 1) }}', '{{ .name\n}}', '{{ nil }}', '{{ (nil).x }}', '{{ printf }}', '{{ | }}', '{{ }}', '{{ ( }}', '{{ ) }}', '{{ . . }}', '{{ "a".b }}', '{{ .a-b }}', '{{ .m.1 }}',
  // built-ins
  '{{ len .list }} {{ len .name }} {{ len .s }} {{ len .labels }} {{ len .empty }}', '{{ len .nil }}', '{{ len 3 }}', '{{ len .nope }}',
  '{{ index .list 1 }} {{ index .obj "b" }} {{ index .obj.nested "deep" }} {{ index "abc" 0 }} {{ index .mixed 5 "k" }}', '{{ index .list 5 }}', '{{ index .list 3 }}', '{{ index .list -1 }}', '{{ index .list "a" }}',
  '{{ index .nil 0 }}', '{{ index .obj 1 }}', '{{ index .name "a" }}', '{{ index .labels "none" }}', '{{ index .mixed 2 "x" }}', '{{ index .list 1.0 }}', '{{ index .list .n }}',
  '{{ slice .name 1 3 }} {{ slice .list 1 }} {{ slice .list 0 2 }} {{ slice .list }} {{ slice .list 1 2 3 }}', '{{ slice .list 2 1 }}', '{{ slice .name 1 2 3 }}', '{{ slice .n 1 }}', '{{ slice .list 0 9 }}',
  '{{ and 0 (index .list 10) }} {{ and 1 "x" .list }} {{ or 0 "" .nope }} {{ or "" "x" }} {{ and }}', '{{ and 1 }}{{ or 0 }}', '{{ 0 | and 1 }}{{ 1 | or 0 }}', '{{ not 0 }} {{ not .list }} {{ not }}',
  '{{ not 1 2 }}', '{{ html "<a&b>\'\\"" }} {{ html .nope }} {{ html 1 2 "x" }}', '{{ js "a\'b<>&=\\n\\t\\u2028é" }}', '{{ urlquery "a b/c?d=é&x" }} {{ urlquery 1 .nope }}',
  '{{ print 1 2 "a" "b" 3 }}|{{ print "a" 1 }}|{{ println "z" 1 }}|{{ print nil }}|{{ print .nil }}|{{ print }}', '{{ call .name }}', '{{ call .nope }}',
  // comparisons
  '{{ eq 1 1 }} {{ eq .n 2 }} {{ eq .n 1 2 }} {{ eq "a" "a" }} {{ eq .t true }} {{ eq .nil nil }} {{ eq .nope nil }}', '{{ eq 1 1.0 }}', '{{ eq .n 2.0 }}', '{{ eq "a" 1 }}',
  '{{ eq .nil "x" }}', '{{ eq .obj .obj }}', '{{ eq .list .list }}', '{{ eq 1 }}', '{{ ne 1 2 }} {{ ne "a" "a" }}', '{{ ne 1 2 3 }}', '{{ lt 1 2 }} {{ lt .neg .n }} {{ lt "a" "b" }} {{ lt 2.5 .fl }}',
  '{{ lt .n 2.5 }}', '{{ lt true false }}', '{{ lt .nope 1 }}', '{{ le 2 2 }} {{ gt 3 2 }} {{ ge 1 2 }} {{ le "b" "a" }}', '{{ gt .fl 1.5 }}', '{{ lt 1i 2i }}', '{{ eq 1i 1i }}',
  // printf
  '{{ printf "%s|%d|%v|%q|%x|%05.2f|%t|%5s|%-4d|" .name 42 .list .name 255 3.14159 true "ab" 7 }}', '{{ printf "%d %s" "x" 1 }}', '{{ printf "%s" }}', '{{ printf "%d" 1 2 }}',
  '{{ printf "%v %+v %#v" .obj .obj .obj }}', '{{ printf "%#v %#v %#v" .list "s" .nil }}', '{{ printf "%T" .nope }}', '{{ printf "%x %X %o %b %c %U %q" 255 255 8 5 65 65 65 }}',
  '{{ printf "%e %E %g %G %f %.3e %8.3f %-8.2f|" 1234.5678 1234.5678 1e-7 1e21 2.5 123456.0 3.14159 2.0 }}', '{{ printf "%6.2v|%-6v|%06d|%+d|% d" 3.14159 "ab" -42 5 5 }}',
  '{{ printf "%[2]d %[1]d %[3]d" 1 2 }}', '{{ printf "%*d|%-*d|%.*f" 5 1 5 1 2 3.14159 }}', '{{ printf "%!" }}{{ printf "%z" 1 }}{{ printf "%" }}', '{{ printf "%s %v" .mixed .labels }}',
  '{{ printf "%d" .list }}', '{{ printf "%s" .big }}', '{{ printf "%.2s|%.10q|%x|% x|%#x" "héllo" "abcdefghijklmnop" "hi" "hi" "hi" }}', '{{ printf "%v|%.1f|%.0f|%.0f|%.2f" .tiny 0.05 0.5 1.5 0.125 }}',
  '{{ printf "%g|%g|%g|%g" 100000.0 1000000.0 0.0001 0.00001 }}', '{{ printf "%5t|%-7t|" true false }}', '{{ printf "%08.3f|%+.2e|%x" -3.14159 12345.678 -255 }}',
  // delims and names
];

const MORE: string[] = [
  '{{ .name | print | len }}', '{{ index .obj "nested" "deep" }}', '{{ index .obj "nope" "x" }}', '{{ $m := .obj }}{{ range $k, $v := $m }}{{ $k }}{{ end }}',
  '{{ if and (eq .env "prod") (gt .n 1) }}both{{ end }}', '{{ if or (eq .env "dev") (index .list 10) }}x{{ end }}', '{{ with $x := index .labels "zone" }}{{ $x }}{{ end }}',
  '{{ range $i, $c := .strs }}{{ if $i }},{{ end }}{{ $c }}{{ end }}', '{{ len (slice .list 1) }}', '{{ slice .s 1 3 }}', '{{ index .s 1 }}', '{{ printf "%s" (slice .s 0 1) }}',
  '{{ .obj.nested }}', '{{ printf "%v" .nil }}', '{{ .nil }}', '{{ print .nope }}', '{{ printf "%v" .nope }}', '{{ printf "%s" .nope }}', '{{ not .nope }}', '{{ and .nope 1 }}', '{{ or .nope }}',
  '{{ range .list }}{{ $.name }}{{ end }}', '{{ range $x := .list }}{{ $x }}{{ end }}{{ $x }}', '{{ with .obj }}{{ with .nested }}{{ .deep }}{{ end }}{{ end }}',
  '{{ if .t }}{{ else }}{{ end }}', '{{ else }}', '{{ end }}', '{{ if .t }}', '{{ range .list }}{{ else }}{{ else }}{{ end }}', '{{ if .t }}{{ else if }}{{ end }}', '{{ break }}', '{{ continue }}',
  '{{ range .list }}{{ break 1 }}{{ end }}', '{{ define }}{{ end }}', '{{ define "x" }}', '{{ template }}', '{{ template .name }}', '{{ block "b" }}{{ end }}', '{{ with }}{{ end }}', '{{ range }}{{ end }}',
  '{{ "unterminated }}', '{{ `raw }}', "{{ 'ab' }}", "{{ '' }}", '{{ "\\q" }}', '{{ /* bad */ }}', '{{/* unclosed }}', '{{ .a }', 'x}}y', '{{{{ 1 }}}}', '{{ $x := 1 }}{{ $x := }}',
  '{{ $x, $y := 1 }}', '{{ range $a, $b, $c := .list }}{{ end }}', '{{ range $a, 1 }}{{ end }}', '{{ 1 . }}', '{{ .name.first.x }}', '{{ (1).x }}', '{{ $.nope.x }}', '{{ index }}', '{{ slice }}', '{{ len }}',
  '{{ html }}', '{{ urlquery }}', '{{ printf 1 }}', '{{ printf .n }}', '{{ print .f .fl .fi }}', '{{ println }}', '{{ js 1 2 }}', '{{ eq }}', '{{ lt 1 }}', '{{ lt 1 2 3 }}', '{{ call }}', '{{ call 1 }}',
  '{{ index .list .fl }}', '{{ index .list .big }}', '{{ slice .list .n }}', '{{ slice .list -1 }}', '{{ eq .big 9007199254740993 }}', '{{ eq .huge 12345678901234567890.0 }}', '{{ lt .big .huge }}',
  '{{ printf "%d" .big }}', '{{ printf "%x" .huge }}', '{{ range .huge }}{{ end }}', '{{ printf "%T %v" .negz .negz }}', '{{ 0.1 }} {{ 1e21 }} {{ 1e20 }} {{ 123456789.0 }} {{ 1234567.5 }} {{ 999999.9 }}',
];

export const coreLanguage: Suite = {
  name: 'core-language',
  cases: [...underEachMissingKey('lang', TEMPLATES, DATA), ...underEachMissingKey('more', MORE, DATA)],
};

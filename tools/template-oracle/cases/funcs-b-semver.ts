// Set B golden cases: semver and semverCompare (Masterminds/semver v3.5 through sprig).
import { group } from './funcs-b-kit.js';
import type { Suite } from './types.js';

const VERSIONS = ['1.2.3', 'v1.2.3-beta.1+b.5', '1.2', '1', '01.2.3', '1.02.3', '1.2.3-01', '1.2.3-a..b', '1.2.3+a..b', '1.2.3-al_pha', 'x', '', 'v', '1.2.3.4', '99999999999999999999.0.0', ' 1.2.3', '1.2.3-0', 'V1.2.3'];
const SEMVER = VERSIONS.flatMap((v) => [`{{ semver ${JSON.stringify(v)} }}`, `{{ with semver ${JSON.stringify(v)} }}{{ .Major }}|{{ .Minor }}|{{ .Patch }}|{{ .Prerelease }}|{{ .Metadata }}|{{ .Original }}|{{ printf "%T" .Major }}{{ end }}`]);
const OTHER = [
  '{{ (semver "1.2.3").LessThan (semver "1.3.0") }}', '{{ (semver "1.2.3").GreaterThan (semver "1.3.0") }}', '{{ (semver "1.2.3+a").Equal (semver "1.2.3+b") }}', '{{ (semver "1.2.3-a.10").Compare (semver "1.2.3-a.9") }}',
  '{{ (semver "1.2.3-alpha").Compare (semver "1.2.3-1") }}', '{{ (semver "1.2.3").Compare (semver "1.2.3-rc") }}', '{{ printf "%T" (semver "1.2.3") }}', '{{ semver "1.2.3" | toJson }}', '{{ (semver "1.0.0").Nope }}',
  '{{ semver 1 }}', '{{ semver }}', '{{ (semver "2.0.0").String }}', '{{ printf "%v %s" (semver "v3.1") (semver "4") }}',
];
const PAIRS: Array<[string, string]> = [
  ['^1.2', '1.9.9'], ['1.2.x', '1.2.9'], ['~1.2.0', '1.3.0'], ['~1.2.0', '1.2.7'], ['>=1.0.0', '1.2.0-rc1'], ['>=1.0.0-0', '1.2.0-rc1'], ['>1, <2 || >=3', '1.5.0'], ['>1, <2 || >=3', '2.5.0'],
  ['>= 1.30', 'v1.30.0'], ['^0.2.3', '0.2.9'], ['^0.2.3', '0.3.0'], ['^0.0.3', '0.0.4'], ['^0', '0.9.0'], ['^0.0', '0.0.9'], ['~1', '1.9.0'], ['~>1.2', '1.2.9'], ['1.2.3 - 2.3.4', '2.3.4'], ['1.2.3 - 2.3', '2.3.9'],
  ['*', '1.0.0'], ['*', '1.0.0-beta'], ['', '1.0.0'], ['!=1.2.3', '1.2.3'], ['!=1.2', '1.2.9'], ['!=1.2.x', '1.3.0'], ['>1.2', '1.2.9'], ['>1.2', '1.3.0'], ['>1', '1.9.0'], ['<=1.2', '1.2.9'], ['<=1.2', '1.3.0'],
  ['<1.2.3-beta', '1.2.3-alpha'], ['=1.2.3', '1.2.3'], ['1.2.3', 'v1.2.3+meta'], ['=>1.0', '1.0.0'], ['=<1.0', '1.0.1'], ['>=1.2.3 <2', '1.9.9'], ['>=1.2.3,<2', '2.0.0'], ['x.x.x', '5.0.0'], ['1.x', '2.0.0'],
  ['>= 1.2.3 || < 1', '0.5.0'], ['^1.2.3-beta.2', '1.2.3-beta.10'], ['~1.2.3-beta.2', '1.2.4-beta.1'], ['>1.2.3-alpha', '1.2.3'],
  ['bad', '1.0.0'], ['>=1.0.0 <', '1.0.0'], ['1.2.3', 'bad'], ['>=a.b', '1.0.0'], ['1.0.0 || ', '1.0.0'], ['>=01.0', '1.0.0'], ['^1.2 ,, <2', '1.5.0'], ['>= 1.0.0-', '1.0.0'],
];
const COMPARE = PAIRS.map(([c, v]) => `{{ semverCompare ${JSON.stringify(c)} ${JSON.stringify(v)} }}`);

export const funcsBSemver: Suite = {
  name: 'funcs-b-semver',
  cases: [...group('semver', SEMVER), ...group('svmethod', OTHER), ...group('semvercmp', COMPARE), ...group('svdata', ['{{ semverCompare .c .v }}', '{{ (semver .v).Minor }}', '{{ semverCompare .c .n }}'], { data: '{"c":"^1.2","v":"1.4.0","n":1}' })],
};

// Set B golden cases: sprig's date functions on fixed times (int64 seconds from data, toDate).
import { group } from './funcs-b-kit.js';
import type { Suite } from './types.js';

const DATA = JSON.stringify({ t: 1700000000, neg: -86401, s: '3661', d: 90061 });
const TEMPLATES = [
  '{{ date "2006-01-02 15:04:05 MST" .t }}', '{{ date "Mon Jan _2 3:04PM 2006" .t }}', '{{ dateInZone "2006-01-02T15:04:05Z07:00" .t "UTC" }}', '{{ dateInZone "2006-01-02 15:04 -0700 MST" .t "America/New_York" }}',
  '{{ dateInZone "2006-01-02" .t "Nowhere/Zone" }}', '{{ htmlDate .t }}', '{{ htmlDateInZone .t "Asia/Tokyo" }}', '{{ date_in_zone "02 Jan 06 15:04 -07:00" .t "UTC" }}', '{{ date "002 __2 January Monday .000 pm" .t }}',
  '{{ duration .s }}', '{{ duration .d }}', '{{ duration 3661 }}', '{{ duration "x" }}', '{{ duration .neg }}', '{{ durationRound "2h10m" }}', '{{ durationRound .d }}', '{{ durationRound "400ms" }}', '{{ durationRound "-49h" }}',
  '{{ durationRound "800h" }}', '{{ durationRound "9000h" }}', '{{ durationRound 5 }}', '{{ durationRound "bad" }}',
  '{{ toDate "2006-01-02" "2024-03-05" }}', '{{ toDate "2006-01-02 15:04:05.000" "2024-03-05 10:11:12.345" }}', '{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T10:11:12+02:00" | unixEpoch }}',
  '{{ toDate "2006-01-02" "nope" }}', '{{ mustToDate "2006-01-02" "nope" }}', '{{ mustToDate "2006-01-02" "2024-13-01" }}', '{{ mustToDate "2006-01-02" "2024-02-30" }}', '{{ mustToDate "2006-01-02" "2024-01-02x" }}',
  '{{ mustToDate "Jan 2, 2006 at 3:04pm (MST)" "Feb 3, 2013 at 7:54pm (UTC)" }}', '{{ (toDate "2006-01-02" "2024-03-05").Unix }}', '{{ toDate "2006-01-02" "2024-03-05" | date "Monday" }}',
  '{{ toDate "2006-01-02" "2024-03-05" | dateModify "+36h" }}', '{{ toDate "2006-01-02" "2024-03-05" | dateModify "bad" }}', '{{ toDate "2006-01-02" "2024-03-05" | mustDateModify "bad" }}',
  '{{ toDate "2006-01-02" "2024-03-05" | mustDateModify "-1.5h" }}', '{{ toDate "2006-01-02" "2024-03-05" | must_date_modify "1x" }}', '{{ toDate "2006-01-02" "2024-03-05" | date_modify "90m" | unixEpoch }}',
  '{{ mustDateModify "1h" "x" }}', '{{ unixEpoch .t }}', '{{ toDate "2006-01-02" "2024-03-05" | toJson }}', '{{ printf "%T" (toDate "2006-01-02" "2024-03-05") }}', '{{ (toDate "2006-01-02" "2024-03-05").Format "Jan 2" }}',
  '{{ len (now | date "2006") }}', '{{ printf "%T" now }}', '{{ toDate "15:04" "25:00" }}', '{{ mustDateModify "1" (toDate "2006" "2024") }}', '{{ mustDateModify "" (toDate "2006" "2024") }}',
];

// time.Time / time.Duration methods on values from toDate (a = 2024-01-31 10:20:30.123456789 UTC).
const A = '(toDate "2006-01-02 15:04:05.000000000" "2024-01-31 10:20:30.123456789")';
const B = '(toDate "2006-01-02" "2024-03-05")';
const METHODS = [
  `{{ ${A}.Month }} {{ printf "%d %v %T" ${A}.Month ${A}.Month ${A}.Month }}`, `{{ ${A}.Weekday }} {{ printf "%d %T" ${B}.Weekday ${B}.Weekday }}`,
  `{{ ${A}.AddDate 0 1 0 }}`, `{{ ${A}.AddDate -1 -13 400 }}`, `{{ ${A}.AddDate 0 0 -31 | date "2006-01-02" }}`, `{{ ${A}.Add 3600000000000 }}`, `{{ ${A}.Add -1 }}`,
  `{{ ${A}.Add .d }}`, `{{ ${A}.Add "1h" }}`, `{{ ${B}.Sub ${A} }}`, `{{ ${A}.Sub ${B} }}`, `{{ printf "%T" (${B}.Sub ${A}) }}`,
  `{{ (${B}.Sub ${A}).Hours }} {{ (${B}.Sub ${A}).Minutes }} {{ (${B}.Sub ${A}).Seconds }}`, `{{ (${A}.Sub ${B}).Milliseconds }} {{ (${A}.Sub ${B}).Microseconds }} {{ (${A}.Sub ${B}).Nanoseconds }}`,
  `{{ (${A}.Sub ${B}).Abs }} {{ (${A}.Sub ${B}).Round 3600000000000 }} {{ (${A}.Sub ${B}).Truncate 3600000000000 }} {{ (${B}.Sub ${A}).Round 0 }}`,
  `{{ (${A}.Sub ${B}).Round 7 }} {{ (${A}.Sub ${B}).Truncate 60000000000 }}`,
  `{{ ${A}.Before ${B} }} {{ ${A}.After ${B} }} {{ ${A}.Equal ${A} }} {{ ${A}.Compare ${B} }} {{ ${B}.Compare ${A} }} {{ ${A}.Compare ${A} }}`,
  `{{ ${A}.IsZero }} {{ (toDate "2006" "0001").IsZero }} {{ ${A}.UnixMilli }} {{ ${A}.UnixMicro }}`, `{{ (toDate "2006-01-02 15:04:05.000" "1969-12-31 23:59:59.999").UnixMilli }}`,
  `{{ ${A}.Truncate 3600000000000 }} {{ ${A}.Round 3600000000000 }} {{ ${A}.Truncate 25200000000000 }} {{ ${A}.Round 0 }} {{ ${A}.Round 1000 }}`,
  `{{ ${A}.Local }} {{ ${A}.UTC.Year }}`, `{{ ${A}.Before "x" }}`, `{{ ${A}.AddDate 1 }}`, `{{ ${A}.Month.String }}`, `{{ ${A}.Month 1 }}`,
];

export const funcsBDates: Suite = {
  name: 'funcs-b-dates',
  cases: [...group('date', TEMPLATES, { data: DATA }), ...group('timem', METHODS, { data: DATA })],
};

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVERYTHING, SelectorParseError, labelSelectorFromSpec, parseLabelSelector } from './label-selector.js';

const labels = { app: 'web', tier: 'front', 'example.com/team': 'a', n: '7' };

test('the string grammar matches like apimachinery', () => {
  const cases: [string, boolean][] = [
    ['', true], ['app=web', true], ['app==web', true], ['app!=web', false], ['app!=db', true],
    ['missing!=x', true], ['app in (web,db)', true], ['app in (db)', false], ['app notin (db, cache)', true],
    ['missing notin (x)', true], ['app', true], ['!app', false], ['!missing', true],
    ['example.com/team=a', true], ['app=web,tier=back', false], [' app = web , tier in ( front ) ', true],
    ['n>5', true], ['n<5', false], ['app>5', false], ['app=', false], ['missing=', false],
  ];
  for (const [text, expected] of cases) assert.equal(parseLabelSelector(text).matches(labels), expected, text);
  assert.equal(parseLabelSelector('x=').matches({ x: '' }), true);
});

test('kubectl-encoded selectors parse (spaces as +, decoded by the URL layer)', () => {
  const query = new URLSearchParams('labelSelector=a+in+%28b%2Cc%29%2C%21missing');
  const selector = parseLabelSelector(query.get('labelSelector')!);
  assert.equal(selector.matches({ a: 'c' }), true);
  assert.equal(selector.matches({ a: 'c', missing: '1' }), false);
});

test('malformed selectors are rejected with a message', () => {
  for (const bad of ['app=web=x', 'in (a)', 'app in a', 'app in (a', '=x', 'a,', 'app notin', '-bad=x', 'a/b/c=x', 'app=-x', 'n>x', '!']) {
    assert.throws(() => parseLabelSelector(bad), SelectorParseError, bad);
  }
});

test('canonical text sorts requirements by key', () => {
  assert.equal(parseLabelSelector('b=1, a in (y,x),!c').toString(), 'a in (x,y),b=1,!c');
});

test('structured selectors compile to the same matcher', () => {
  const s = labelSelectorFromSpec({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }, { key: 'gone', operator: 'DoesNotExist' }] });
  assert.equal(s.matches(labels), true);
  assert.equal(labelSelectorFromSpec(undefined).matches(undefined), true);
  assert.equal(EVERYTHING.matches({}), true);
  assert.throws(() => labelSelectorFromSpec({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), SelectorParseError);
  assert.throws(() => labelSelectorFromSpec({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), SelectorParseError);
});

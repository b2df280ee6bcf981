// Unit tests of the dashboard's pure code: node --test (no browser, no deps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Classes, prepare, runs, switchCount, focusSessions, recoveryTimes, daySummary, baseline, transitions, hourBins, meanCI, median } from '../src/metrics.js';
import { parseHHMM, dayKeyOf, dayRange, addDays, compileHide } from '../src/data.js';
import { languages, pickLanguage } from '../src/i18n.js';

const classes = new Classes([
  { name: ['Work'], rule: { type: 'none' }, data: { color: '#111111', score: 1 } },
  { name: ['Work', 'Code'], rule: { type: 'regex', regex: 'Code' }, data: { color: '#222222', score: 2 } },
  { name: ['Work', 'Docs'], rule: { type: 'regex', regex: 'Docs' } },
  { name: ['Media'], rule: { type: 'regex', regex: 'YouTube' }, data: { score: -2 } },
]);
const T0 = Date.UTC(2026, 0, 5, 9, 0); // a Monday, 09:00 UTC
const MIN = 60e3;

// ev builds an ActivityWatch event: start minute, length in minutes, app, category.
function ev(startMin, lenMin, app, cat) {
  return { timestamp: new Date(T0 + startMin * MIN).toISOString(), duration: lenMin * 60, data: { app, title: app + ' title', $category: cat } };
}

test('Classes inherit score and colour from the nearest ancestor', () => {
  assert.equal(classes.score(['Work', 'Code']), 2);
  assert.equal(classes.score(['Work', 'Docs']), 1);
  assert.equal(classes.color(['Work', 'Docs']), '#111111');
  assert.equal(classes.score(['Uncategorized']), 0);
  assert.deepEqual(classes.rules().map((r) => r[0]), [['Work', 'Code'], ['Work', 'Docs'], ['Media']]);
  const onlyChild = new Classes([{ name: ['Media', 'Video'], rule: { type: 'none' }, data: { color: '#abcdef' } }]);
  assert.equal(onlyChild.color(['Media']), '#abcdef', 'a parent without colour takes its sub-category\'s');
  assert.equal(onlyChild.color(['Other']), '#b8b2a7');
});

test('focus sessions follow the definition (>= 25 min, >= 80% focus, ends after > 5 min off)', () => {
  const cases = [
    { name: 'one long block', events: [ev(0, 30, 'Code', ['Work', 'Code'])], want: [[0, 30]] },
    { name: 'too short', events: [ev(0, 20, 'Code', ['Work', 'Code'])], want: [] },
    { name: 'short interruption kept inside', events: [ev(0, 20, 'Code', ['Work', 'Code']), ev(20, 3, 'YouTube', ['Media']), ev(23, 20, 'Code', ['Work', 'Code'])], want: [[0, 43]] },
    { name: 'long interruption splits', events: [ev(0, 30, 'Code', ['Work', 'Code']), ev(30, 6, 'YouTube', ['Media']), ev(36, 30, 'Code', ['Work', 'Code'])], want: [[0, 30], [36, 66]] },
    { name: 'away for more than 5 min splits', events: [ev(0, 26, 'Code', ['Work', 'Code']), ev(40, 26, 'Code', ['Work', 'Code'])], want: [[0, 26], [40, 66]] },
    { name: 'below 80% is no session', events: [ev(0, 10, 'Code', ['Work', 'Code']), ev(10, 4, 'YouTube', ['Media']), ev(14, 10, 'Code', ['Work', 'Code']), ev(24, 4, 'YouTube', ['Media']), ev(28, 5, 'Code', ['Work', 'Code'])], want: [] },
  ];
  for (const c of cases) {
    const got = focusSessions(prepare(c.events, classes)).map((s) => [(s.s - T0) / MIN, (s.e - T0) / MIN]);
    assert.deepEqual(got, c.want, c.name);
  }
});

test('session interruptions name the apps off focus', () => {
  const s = focusSessions(prepare([ev(0, 20, 'Code', ['Work', 'Code']), ev(20, 3, 'YouTube', ['Media']), ev(23, 20, 'Code', ['Work', 'Code'])], classes));
  assert.deepEqual(s[0].interruptions, [{ app: 'YouTube', ms: 3 * MIN }]);
  assert.ok(Math.abs(s[0].share - 40 / 43) < 1e-9);
});

test('day summary: switches, span, recovery, deep-work ratio', () => {
  const spans = prepare([
    ev(0, 10, 'Code', ['Work', 'Code']), ev(10, 2, 'YouTube', ['Media']), ev(12, 18, 'Code', ['Work', 'Code']),
    ev(30, 4, 'Docs', ['Work', 'Docs']), ev(60, 10, 'Slack', ['Uncategorized']),
  ], classes);
  const s = daySummary(spans, []);
  assert.equal(s.active, 44 * 60);
  assert.equal(s.focus, 32 * 60);
  assert.equal(s.switches, 3); // the hour away does not count
  assert.equal(s.recovery, 120);
  assert.equal(s.span, 10 * 60); // runs 10, 2, 18, 4, 10 min
  assert.equal(s.sessions.length, 1);
  assert.ok(Math.abs(s.deep - 34 / 44) < 1e-9);
  assert.equal(switchCount(runs(spans)), 3);
  assert.deepEqual(recoveryTimes(spans), [2 * MIN]);
});

test('baseline is the median of active days', () => {
  const b = baseline([{ active: 3600, focus: 100, deep: 0.5 }, { active: 7200, focus: 300, deep: 0.7 }, { active: 60, focus: 5000, deep: 1 }, null]);
  assert.equal(b.n, 2);
  assert.equal(b.focus, 200);
  assert.equal(b.deep, 0.6);
  assert.equal(median([]), null);
});

test('transitions count switches and time after', () => {
  const spans = prepare([ev(0, 5, 'A', ['X']), ev(5, 5, 'B', ['X']), ev(10, 5, 'A', ['X']), ev(15, 5, 'B', ['X'])], classes);
  assert.deepEqual(transitions(spans, (x) => x.app), [{ from: 'A', to: 'B', count: 2, ms: 10 * MIN }, { from: 'B', to: 'A', count: 1, ms: 5 * MIN }]);
});

test('hour bins split events across hours', () => {
  const b = hourBins([ev(50, 20, 'Code', ['Work', 'Code'])], classes);
  const h = new Date(T0).getHours();
  assert.equal(b.active[h], 600);
  assert.equal(b.active[(h + 1) % 24], 600);
  assert.equal(b.focus[h], 600);
});

test('meanCI clamps to [0, 1]', () => {
  const c = meanCI([1, 1, 1, 0.9]);
  assert.ok(c.hi <= 1 && c.lo < c.mean && c.n === 4);
  assert.equal(meanCI([]), null);
});

test('start of day shifts day keys and ranges', () => {
  assert.equal(parseHHMM('04:30'), 270);
  assert.equal(parseHHMM(null), 0);
  const at0300 = new Date(2026, 2, 10, 3, 0).getTime();
  assert.equal(dayKeyOf(at0300, 0), '2026-03-10');
  assert.equal(dayKeyOf(at0300, 240), '2026-03-09');
  const [s, e] = dayRange('2026-03-09', 240);
  assert.equal(s.getHours(), 4);
  assert.equal(e.getDate(), 10);
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
});

test('privacy rules hide matching windows', () => {
  const hide = compileHide({ redact_titles: ['(?i)bank', '('], exclude_apps: ['^keepassxc$'] });
  const spans = prepare([ev(0, 5, 'firefox', ['X'])].map((e) => ({ ...e, data: { ...e.data, title: 'My Bank' } })), classes, hide);
  assert.equal(spans[0].app, '(hidden)');
  assert.equal(spans[0].title, '');
  assert.equal(hide('keepassxc', 'Passwords'), true);
  assert.equal(hide('firefox', 'news'), false);
  assert.equal(compileHide({ exclude_apps: [] }), null);
});

test('every English string has a Chinese translation and vice versa', () => {
  const en = Object.keys(languages.en.dict), zh = Object.keys(languages['zh-CN'].dict);
  assert.deepEqual(en.filter((k) => !zh.includes(k)), []);
  assert.deepEqual(zh.filter((k) => !en.includes(k)), []);
  for (const k of en) {
    const vars = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
    assert.equal(vars(languages['zh-CN'].dict[k]), vars(languages.en.dict[k]), `placeholders of ${k}`);
  }
});

test('language follows the saved choice, then the browser', () => {
  assert.equal(pickLanguage(null, ['zh-TW', 'en']), 'zh-CN');
  assert.equal(pickLanguage(null, ['de-DE', 'en-GB']), 'en');
  assert.equal(pickLanguage('en', ['zh-CN']), 'en');
  assert.equal(pickLanguage(null, ['fr']), 'en');
});

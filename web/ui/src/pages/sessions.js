// Sessions: focus sessions with their length, focus share and what
// interrupted them.
import { h, card, chartBox, stateBox } from '../dom.js';
import { mount } from '../charts.js';
import { addDays, dayKeyOf } from '../data.js';
import { median } from '../metrics.js';

const PERIODS = [7, 14, 30];

/** render lists the period's sessions, newest first. */
export async function render(app, root, params) {
  const { t, i18n, data } = app;
  const n = PERIODS.includes(+params.n) ? +params.n : 14;
  const end = data.today();
  const keys = Array.from({ length: n }, (_, i) => addDays(end, -i));
  const days = await data.fetchDays(keys);
  const all = days.flatMap((d) => d.summary.sessions).sort((a, b) => b.s - a.s);
  root.append(h('div', { class: 'page-head' }, h('h1', {}, t('sessions.title')),
    h('div', { class: 'seg', role: 'group', 'aria-label': t('flow.range') }, PERIODS.map((p) =>
      h('button', { class: p === n ? 'on' : '', 'aria-pressed': String(p === n), onclick: () => app.go('sessions', { n: p }) }, t('flow.days', { n: p }))))));
  root.append(h('p', { class: 'muted lead' }, t('sessions.desc')));
  if (!all.length) {
    root.append(stateBox('empty', t('sessions.none')));
    return;
  }
  const lens = all.map((s) => (s.e - s.s) / 1000);
  root.append(h('p', { class: 'summary', id: 'sessions-total' }, t('sessions.total', { n: i18n.int.format(all.length), d: i18n.dur(lens.reduce((a, b) => a + b, 0)), m: i18n.dur(median(lens)) })));
  root.append(card(t('sessions.lengths'), null, chartBox(220, 'lengths')));
  root.append(card(t('sessions.title'), null, h('table', { class: 'table', id: 'sessions-table' },
    h('thead', {}, h('tr', {}, ['sessions.date', 'sessions.start', 'sessions.length', 'sessions.share', 'sessions.interrupted'].map((k) => h('th', { scope: 'col', class: k === 'sessions.length' ? 'num' : null }, t(k))))),
    h('tbody', {}, all.map((s) => h('tr', {},
      h('td', {}, h('a', { href: '#/today?d=' + dayKeyOf(s.s, data.sod) }, i18n.dateWeek.format(s.s))),
      h('td', {}, i18n.time.format(s.s) + '–' + i18n.time.format(s.e)),
      h('td', { class: 'num' }, i18n.dur((s.e - s.s) / 1000)),
      h('td', {}, h('span', { class: 'share' }, h('span', { class: 'share-bar', style: { width: Math.round(s.share * 100) + '%' } })), ' ', i18n.pct.format(s.share)),
      h('td', {}, s.interruptions.length ? i18n.list.format(s.interruptions.slice(0, 3).map((x) => `${x.app} (${i18n.dur(x.ms / 1000)})`)) : h('span', { class: 'muted' }, t('sessions.nointerrupt')))))))));
  root._sessions = all;
}


/** after draws session lengths over time. */
export function after(app, root) {
  const all = root._sessions;
  if (!all) return;
  const { t, i18n } = app;
  const asc = [...all].reverse();
  mount(root.querySelector('.lengths'), {
    grid: { left: 50, right: 10, top: 10, bottom: 30 },
    tooltip: { formatter: (p) => `${i18n.dateTime.format(asc[p.dataIndex].s)}<br>${i18n.dur(p.value * 60)} · ${i18n.pct.format(asc[p.dataIndex].share)}` },
    xAxis: { type: 'category', data: asc.map((s) => i18n.dateShort.format(s.s)) },
    yAxis: { type: 'value', name: t('minutes'), splitLine: { lineStyle: { color: '#ece7dd' } } },
    series: [{ type: 'bar', data: asc.map((s) => Math.round((s.e - s.s) / 60e3)), itemStyle: { color: '#2f7d6d', borderRadius: [3, 3, 0, 0] }, barMaxWidth: 18 }],
  }, t('sessions.lengths'));
}
